package app.tradebot.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Objects as files under one directory: the store of every world but AWS. Its "URL" is the file's
 * own ({@code file:}); the local gateway keeps the direct import route for browsers, so only tests
 * and a person at the machine (who copies the file there) use it.
 */
public final class DirectoryObjectStore implements ObjectStore {

    private final Path root;
    private final Clock clock;

    public DirectoryObjectStore(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    @Override
    public PresignedUpload presignUpload(String key, String contentType, Duration validFor) {
        return new PresignedUpload(file(key).toUri().toString(), "PUT", Map.of("content-type", contentType),
                clock.instant().plus(validFor));
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(Files.newInputStream(file(key)));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@code key}'s object lives; a key that would leave the directory is refused. */
    public Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("Object key outside the store: " + key);
        }
        try {
            Files.createDirectories(file.getParent());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
