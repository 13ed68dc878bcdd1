package app.tradebot.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fernet tokens (the published spec, as Python's {@code cryptography.fernet} makes and reads them):
 * version 0x80, 64-bit big-endian seconds, 128-bit IV, AES-128-CBC with PKCS7 padding, HMAC-SHA256
 * over all of that, the whole in url-safe base64 with padding. A key is 32 bytes in url-safe base64:
 * the first 16 sign, the last 16 encrypt.
 *
 * <p>Like {@code MultiFernet}, it holds one or more keys: the first encrypts, every one decrypts, so
 * keys can be rotated ({@link #rotate}) without a moment when stored tokens are unreadable.
 */
public final class Fernet {

    static final byte VERSION = (byte) 0x80;
    /** Python's: with a time to live, a token stamped up to a minute in the future is still accepted. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    private static final int KEY_BYTES = 32;
    private static final int HALF = 16;
    private static final int HEADER = 1 + 8 + HALF;
    private static final int MAC = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<Key> keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private Fernet(List<Key> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one Fernet key is needed");
        }
        this.keys = List.copyOf(keys);
        this.clock = clock;
    }

    /**
     * Keys in url-safe base64 (44 characters with padding); the first encrypts.
     *
     * @throws IllegalArgumentException naming the position of a key that is not 32 bytes of url-safe base64
     *                                  (never the key itself)
     */
    public static Fernet of(List<String> keys) {
        return of(keys, Clock.systemUTC());
    }

    static Fernet of(List<String> keys, Clock clock) {
        List<Key> parsed = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parsed.add(Key.parse(keys.get(i), i));
        }
        return new Fernet(parsed, clock);
    }

    /** A fresh random key, in the form {@link #of} takes (what {@code Fernet.generate_key()} gives in Python). */
    public static String generateKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return ENCODER.encodeToString(key);
    }

    /** The text as a token under the first key. */
    public String encrypt(String plaintext) {
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public String encrypt(byte[] plaintext) {
        byte[] iv = new byte[HALF];
        random.nextBytes(iv);
        return encrypt(keys.get(0), plaintext, clock.instant().getEpochSecond(), iv);
    }

    /** The text of a token made under any of the keys, whatever its age. */
    public String decrypt(String token) {
        return new String(open(token, null).plaintext, StandardCharsets.UTF_8);
    }

    /** As {@link #decrypt(String)}, but a token older than {@code ttl} is refused. */
    public String decrypt(String token, Duration ttl) {
        return new String(open(token, ttl).plaintext, StandardCharsets.UTF_8);
    }

    /**
     * Whether the token verifies under the first key, so {@link #rotate} would have nothing to do. Checks
     * the signature only: false for a token of another key and for anything that is not a token.
     */
    public boolean isCurrent(String token) {
        byte[] data;
        try {
            data = decode(token);
        }
        catch (InvalidFernetToken e) {
            return false;
        }
        if (data.length < HEADER + HALF + MAC || data[0] != VERSION) {
            return false;
        }
        int signed = data.length - MAC;
        return MessageDigest.isEqual(keys.get(0).sign(data, signed), Arrays.copyOfRange(data, signed, data.length));
    }

    /**
     * The same plaintext under the first key, keeping the token's timestamp (as {@code MultiFernet.rotate}
     * does). A token already under the first key comes back unchanged.
     */
    public String rotate(String token) {
        Opened opened = open(token, null);
        if (opened.keyIndex == 0) {
            return token;
        }
        byte[] iv = new byte[HALF];
        random.nextBytes(iv);
        return encrypt(keys.get(0), opened.plaintext, opened.timestamp, iv);
    }

    /** How many keys decrypt; the first of them encrypts. */
    public int keyCount() {
        return keys.size();
    }

    static String encrypt(Key key, byte[] plaintext, long timestamp, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.encryption, "AES"), new IvParameterSpec(iv));
            byte[] ciphertext = cipher.doFinal(plaintext);
            ByteBuffer token = ByteBuffer.allocate(HEADER + ciphertext.length + MAC);
            token.put(VERSION).putLong(timestamp).put(iv).put(ciphertext);
            token.put(key.sign(token.array(), HEADER + ciphertext.length));
            return ENCODER.encodeToString(token.array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is not available", e);
        }
    }

    private Opened open(String token, Duration ttl) {
        byte[] data = decode(token);
        if (data.length < HEADER + HALF + MAC || (data.length - HEADER - MAC) % HALF != 0 || data[0] != VERSION) {
            throw new InvalidFernetToken("the token is not a Fernet token");
        }
        long timestamp = ByteBuffer.wrap(data, 1, 8).getLong();
        // As in Python: the clock matters only to a caller that gives a time to live.
        if (ttl != null) {
            long now = clock.instant().getEpochSecond();
            if (timestamp + ttl.toSeconds() < now) {
                throw new InvalidFernetToken("the token has expired");
            }
            if (timestamp > now + MAX_CLOCK_SKEW.toSeconds()) {
                throw new InvalidFernetToken("the token is stamped in the future");
            }
        }
        int signed = data.length - MAC;
        byte[] mac = Arrays.copyOfRange(data, signed, data.length);
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            if (MessageDigest.isEqual(key.sign(data, signed), mac)) {
                return new Opened(key.decrypt(data, signed), timestamp, i);
            }
        }
        throw new InvalidFernetToken("no key verifies the token");
    }

    private static byte[] decode(String token) {
        // Strict url-safe base64 with padding: the JDK decoder refuses '+', '/', '*' and data after '='.
        if (token == null || token.isEmpty() || token.length() % 4 != 0) {
            throw new InvalidFernetToken("the token is not url-safe base64");
        }
        try {
            return DECODER.decode(token);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidFernetToken("the token is not url-safe base64");
        }
    }

    private record Opened(byte[] plaintext, long timestamp, int keyIndex) {
    }

    /** One key split into its halves. No toString: it would print neither, but there is nothing to show. */
    static final class Key {

        private final byte[] signing;
        private final byte[] encryption;

        private Key(byte[] raw) {
            this.signing = Arrays.copyOfRange(raw, 0, HALF);
            this.encryption = Arrays.copyOfRange(raw, HALF, KEY_BYTES);
        }

        static Key parse(String encoded, int position) {
            String what = "Fernet key " + (position + 1);
            if (encoded == null || encoded.isBlank()) {
                throw new IllegalArgumentException(what + " is empty");
            }
            byte[] raw;
            try {
                raw = DECODER.decode(encoded.trim());
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " is not url-safe base64");
            }
            if (raw.length != KEY_BYTES) {
                throw new IllegalArgumentException(what + " decodes to " + raw.length + " bytes, not " + KEY_BYTES);
            }
            return new Key(raw);
        }

        byte[] sign(byte[] data, int length) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(signing, "HmacSHA256"));
                mac.update(data, 0, length);
                return mac.doFinal();
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        }

        byte[] decrypt(byte[] data, int signed) {
            try {
                Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryption, "AES"), new IvParameterSpec(data, 9, HALF));
                return cipher.doFinal(data, HEADER, signed - HEADER);
            }
            catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
                throw new InvalidFernetToken("the token's padding is wrong");
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-128-CBC is not available", e);
            }
        }
    }
}
