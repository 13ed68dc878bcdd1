package app.tradebot.platform.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The published Fernet spec vectors (test resources fernet/*.json), then rotation and key checks. */
class FernetTest {

    static final String KEY_A = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    static final String KEY_B = Fernet.generateKey();

    static Stream<JsonNode> generate() {
        return vectors("generate");
    }

    static Stream<JsonNode> verify() {
        return vectors("verify");
    }

    static Stream<JsonNode> invalid() {
        return vectors("invalid");
    }

    @ParameterizedTest
    @MethodSource("generate")
    void makesTheSpecsTokens(JsonNode vector) {
        byte[] iv = new byte[16];
        for (int i = 0; i < 16; i++) {
            iv[i] = (byte) vector.get("iv").get(i).asInt();
        }
        long now = OffsetDateTime.parse(vector.get("now").asString()).toEpochSecond();

        String token = Fernet.encrypt(Fernet.Key.parse(vector.get("secret").asString(), 0),
                vector.get("src").asString().getBytes(), now, iv);

        assertThat(token).isEqualTo(vector.get("token").asString());
    }

    @ParameterizedTest
    @MethodSource("verify")
    void readsTheSpecsTokens(JsonNode vector) {
        Fernet fernet = Fernet.of(List.of(vector.get("secret").asString()), at(vector));

        assertThat(fernet.decrypt(vector.get("token").asString(), Duration.ofSeconds(vector.get("ttl_sec").asLong())))
                .isEqualTo(vector.get("src").asString());
        assertThat(fernet.decrypt(vector.get("token").asString())).isEqualTo(vector.get("src").asString());
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesTheSpecsInvalidTokens(JsonNode vector) {
        Fernet fernet = Fernet.of(List.of(vector.get("secret").asString()), at(vector));
        String token = vector.get("token").asString();

        assertThatThrownBy(() -> fernet.decrypt(token, Duration.ofSeconds(vector.get("ttl_sec").asLong())))
                .as(vector.get("desc").asString())
                .isInstanceOf(InvalidFernetToken.class)
                .message().doesNotContain(token);
    }

    @Test
    void aRoundTripUnderARandomKeyGivesTheTextBackAndEveryTokenDiffers() {
        Fernet fernet = Fernet.of(List.of(KEY_B));
        String secret = "pA55-wörd/with+unicode ✓";

        String first = fernet.encrypt(secret);
        String second = fernet.encrypt(secret);

        assertThat(first).isNotEqualTo(second).doesNotContain(secret).startsWith("gAAAAA");
        assertThat(Base64.getUrlDecoder().decode(first)[0]).isEqualTo((byte) 0x80);
        assertThat(fernet.decrypt(first)).isEqualTo(secret);
        assertThat(fernet.decrypt(second)).isEqualTo(secret);
        assertThat(fernet.decrypt(fernet.encrypt(""))).isEmpty();
    }

    @Test
    void theFirstKeyEncryptsAndEveryKeyDecrypts() {
        Fernet old = Fernet.of(List.of(KEY_A));
        Fernet rotating = Fernet.of(List.of(KEY_B, KEY_A));
        String underOld = old.encrypt("s3cret");

        assertThat(rotating.decrypt(underOld)).isEqualTo("s3cret");
        assertThat(rotating.isCurrent(underOld)).isFalse();
        String underNew = rotating.encrypt("s3cret");
        assertThat(rotating.isCurrent(underNew)).isTrue();
        assertThatThrownBy(() -> old.decrypt(underNew)).isInstanceOf(InvalidFernetToken.class)
                .hasMessage("Invalid Fernet token: no key verifies the token");
    }

    @Test
    void rotateMovesATokenToTheFirstKeyKeepingItsTimestamp() {
        Instant stamped = Instant.parse("2026-01-02T03:04:05Z");
        String underOld = Fernet.of(List.of(KEY_A), Clock.fixed(stamped, ZoneOffset.UTC)).encrypt("s3cret");
        Fernet rotating = Fernet.of(List.of(KEY_B, KEY_A));

        String rotated = rotating.rotate(underOld);

        assertThat(rotated).isNotEqualTo(underOld);
        assertThat(rotating.isCurrent(rotated)).isTrue();
        assertThat(Fernet.of(List.of(KEY_B)).decrypt(rotated)).isEqualTo("s3cret");
        assertThat(timestamp(rotated)).isEqualTo(stamped.getEpochSecond());
        assertThat(rotating.rotate(rotated)).isSameAs(rotated);
    }

    @Test
    void aTokenStampedInTheFutureIsReadWithoutATimeToLiveAsPythonDoes() {
        String future = Fernet.of(List.of(KEY_A), Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC)).encrypt("x");
        Fernet now = Fernet.of(List.of(KEY_A));

        assertThat(now.decrypt(future)).isEqualTo("x");
        assertThatThrownBy(() -> now.decrypt(future, Duration.ofHours(1))).isInstanceOf(InvalidFernetToken.class)
                .hasMessageContaining("future");
    }

    @Test
    void badKeysAreRefusedByPositionWithoutEchoingThem() {
        assertThatThrownBy(() -> Fernet.of(List.of(KEY_A, "not base64 !!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Fernet key 2 is not url-safe base64");
        String shortKey = Base64.getUrlEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> Fernet.of(List.of(shortKey)))
                .hasMessage("Fernet key 1 decodes to 16 bytes, not 32").message().doesNotContain(shortKey);
        assertThatThrownBy(() -> Fernet.of(List.of(" "))).hasMessage("Fernet key 1 is empty");
        assertThatThrownBy(() -> Fernet.of(List.of())).hasMessage("at least one Fernet key is needed");
        // Standard base64's '+' and '/' are not the url-safe alphabet Python writes keys in.
        String standard = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(KEY_A));
        assertThat(standard).containsAnyOf("+", "/");
        assertThatThrownBy(() -> Fernet.of(List.of(standard))).hasMessage("Fernet key 1 is not url-safe base64");
    }

    @Test
    void garbageIsAnInvalidTokenNotACrash() {
        Fernet fernet = Fernet.of(List.of(KEY_A));
        for (String garbage : new String[] { "", "abc", "gAAAAA==", "plain text secret", KEY_A }) {
            assertThatThrownBy(() -> fernet.decrypt(garbage)).as(garbage).isInstanceOf(InvalidFernetToken.class);
        }
        assertThatThrownBy(() -> fernet.decrypt(null)).isInstanceOf(InvalidFernetToken.class);
        assertThat(fernet.isCurrent("plain text secret")).isFalse();
        assertThat(fernet.isCurrent(null)).isFalse();
    }

    static long timestamp(String token) {
        return java.nio.ByteBuffer.wrap(Base64.getUrlDecoder().decode(token), 1, 8).getLong();
    }

    private static Clock at(JsonNode vector) {
        return Clock.fixed(OffsetDateTime.parse(vector.get("now").asString()).toInstant(), ZoneOffset.UTC);
    }

    private static Stream<JsonNode> vectors(String name) {
        try (InputStream in = FernetTest.class.getResourceAsStream("/fernet/" + name + ".json")) {
            List<JsonNode> all = new ArrayList<>();
            JsonMapper.builder().build().readTree(in).forEach(all::add);
            assertThat(all).isNotEmpty();
            return all.stream();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
