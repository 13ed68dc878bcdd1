package app.tradebot.gateway.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The all-in-one run's token signing key and Fernet key when SECRET_KEY and FERNET_KEY are not
 * given: generated once, kept beside the embedded data in {@value #FILE} (mode 600), read back at
 * every start. Random keys per process would make every stored exchange secret unreadable and end
 * every sign-in at each restart, while the data itself persists. A variable that is set wins over
 * the file (and is never written into it).
 */
final class DataDirectoryKeys {

    static final String FILE = "keys.properties";
    static final String PROPERTY_SOURCE = "tradebotDataDirectoryKeys";

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Spring property, the variable that sets it, and the key's file entry. */
    private record Key(String property, String variable) {
    }

    private static final Key SECRET_KEY = new Key("tradebot.auth.secret-key", "SECRET_KEY");
    private static final Key FERNET_KEY = new Key("tradebot.crypto.fernet-key", "FERNET_KEY");

    private DataDirectoryKeys() {
    }

    static void apply(ConfigurableEnvironment environment, Path dataDir) {
        boolean secretGiven = given(environment, SECRET_KEY.property());
        boolean fernetGiven = given(environment, FERNET_KEY.property()) || given(environment, "tradebot.crypto.fernet-keys");
        if (secretGiven && fernetGiven) {
            return;
        }
        Properties keys = readOrCreate(dataDir.resolve(FILE));
        Map<String, Object> properties = new LinkedHashMap<>();
        if (!secretGiven) {
            properties.put(SECRET_KEY.property(), keys.getProperty(SECRET_KEY.variable()));
        }
        if (!fernetGiven) {
            properties.put(FERNET_KEY.property(), keys.getProperty(FERNET_KEY.variable()));
        }
        // After the variables' own property source: only what is not given is filled in.
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    static Properties readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            Properties keys = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                keys.load(reader);
            }
            for (Key key : new Key[] { SECRET_KEY, FERNET_KEY }) {
                String value = keys.getProperty(key.variable());
                if (value == null || value.isBlank()) {
                    throw new IllegalStateException(file + " has no " + key.variable() + ": restore it from a backup, or set "
                            + key.variable() + " (a new key makes stored exchange secrets unreadable and ends every sign-in)");
                }
            }
            log.info("SECRET_KEY and FERNET_KEY not set: using the keys kept in {}", file);
            return keys;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(FILE + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write("# TradeBot's keys for the data in this directory: keep this file with the data, and secret.\n");
            writer.write("# SECRET_KEY signs access tokens; FERNET_KEY encrypts exchange API secrets.\n");
            writer.write("# SECRET_KEY and FERNET_KEY in the environment take precedence over these.\n");
            writer.write(SECRET_KEY.variable() + "=" + randomKey(64, false) + "\n");
            writer.write(FERNET_KEY.variable() + "=" + randomKey(32, true) + "\n");
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temporary);
            return;
        }
        log.warn("SECRET_KEY and FERNET_KEY not set: generated both into {} (mode 600). Keep it with the data: "
                + "without it stored exchange secrets cannot be decrypted", file);
    }

    /** Url-safe base64: 64 bytes without padding (SECRET_KEY, 86 characters), 32 with (a Fernet key). */
    static String randomKey(int bytes, boolean padded) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(key);
    }

    private static boolean given(ConfigurableEnvironment environment, String property) {
        String value = environment.getProperty(property);
        return value != null && !value.isBlank();
    }
}
