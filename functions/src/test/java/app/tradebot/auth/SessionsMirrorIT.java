package app.tradebot.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.AuthorizerResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The authorizer reads a user's sessions-not-before from its Redis mirror, in the round trip of the
 * revocation lookup, and the row only when there is no mirror; every change of the row sets the mirror
 * in its transaction, and a read of the row never overwrites a change's mirror.
 */
class SessionsMirrorIT extends AuthFunctionsSupport {

    @Autowired
    @Qualifier("logoutEverywhere")
    ApiFunction logoutEverywhere;

    @Autowired
    Jdbi jdbi;

    @Autowired
    UserReads reads;

    @Autowired
    AuthProperties properties;

    @Test
    void theFirstCheckFillsTheMirrorFromTheRowAndLaterChecksReadOnlyTheMirror() {
        UUID ada = registered("ada@example.com");
        String token = tokenFor("ada@example.com");

        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()))
                .isEqualTo(AuthorizerResponse.allow(ada.toString()));
        String key = RedisRevokedTokens.SESSIONS_PREFIX + ada;
        assertThat(redis.opsForValue().get(key)).isEqualTo("-");
        long lifetime = Duration.ofMinutes(properties.accessTokenExpireMinutes()).toSeconds();
        assertThat(redis.getExpire(key)).isBetween(lifetime - 5, lifetime + 1);

        // Only the mirror is read while it exists (a row changed by hand in SQL is not seen)...
        jdbc.update("update users set sessions_not_before = now() + interval '1 minute' where id = ?", ada);
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()).isAuthorized()).isTrue();
        // ...and the row again once it is gone.
        redis.delete(key);
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()).isAuthorized()).isFalse();
        assertThat(redis.opsForValue().get(key)).isNotEqualTo("-");
    }

    @Test
    void signingOutEverywhereSetsTheMirrorToTheRowsTime() {
        UUID bo = registered("bo@example.com");
        String token = tokenFor("bo@example.com");
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()).isAuthorized()).isTrue();

        APIGatewayV2HTTPResponse out = callAuthorized(logoutEverywhere, ApiEvents.post("/api/auth/logout-everywhere", null), token);

        assertThat(out.getStatusCode()).as(out.getBody()).isEqualTo(204);
        Instant row = reads.findSessionsNotBefore(bo).orElseThrow();
        assertThat(redis.opsForValue().get(RedisRevokedTokens.SESSIONS_PREFIX + bo))
                .isEqualTo(row.getEpochSecond() + ":" + row.getNano());
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()).isAuthorized()).isFalse();
    }

    @Test
    void aReadOfTheRowThatRacedAChangeDoesNotOverwriteTheChangesMirror() {
        UUID cy = UUID.randomUUID();
        Instant signedOut = Instant.parse("2026-12-06T10:00:01Z");
        RedisRevokedTokens[] mirror = new RedisRevokedTokens[1];
        // The row read before the change committed (null), the change's mirror set before the read's fill.
        mirror[0] = new RedisRevokedTokens(redis, userId -> {
            mirror[0].sessionsEnd(userId, signedOut);
            return Optional.empty();
        }, lifetime(), java.time.Clock.systemUTC());

        AccessTokens.TokenStanding raced = mirror[0].of(UUID.randomUUID().toString(), cy);

        assertThat(raced.sessionsNotBefore()).isNull();
        assertThat(redis.opsForValue().get(RedisRevokedTokens.SESSIONS_PREFIX + cy)).isEqualTo(signedOut.getEpochSecond() + ":0");
        assertThat(mirror[0].of(UUID.randomUUID().toString(), cy)).isEqualTo(new AccessTokens.TokenStanding(false, signedOut));
    }

    @Test
    void aChangeWhoseMirrorCannotBeWrittenLeavesTheRowAsItWas() {
        UUID di = registered("di@example.com");
        RedisRevokedTokens down = new RedisRevokedTokens(redis, reads::findSessionsNotBefore, lifetime(), java.time.Clock.systemUTC()) {
            @Override
            void sessionsEnd(UUID userId, Instant at) {
                throw new IllegalStateException("Redis is down");
            }
        };

        assertThatThrownBy(() -> new UserSessions(jdbi, down).signOutEverywhere(di, Instant.now()))
                .hasMessageContaining("Redis is down");

        assertThat(reads.findSessionsNotBefore(di)).isEmpty();
    }

    @Test
    void aRevokedTokenIsRefusedWhateverTheMirrorSays() {
        UUID ed = registered("ed@example.com");
        String token = tokenFor("ed@example.com");
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()).isAuthorized()).isTrue();

        assertThat(callAuthorized(logout, ApiEvents.post("/api/auth/logout", null), token).getStatusCode()).isEqualTo(204);

        assertThat(redis.opsForValue().get(RedisRevokedTokens.SESSIONS_PREFIX + ed)).isEqualTo("-");
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()).isAuthorized()).isFalse();
    }

    private Duration lifetime() {
        return Duration.ofMinutes(properties.accessTokenExpireMinutes());
    }
}
