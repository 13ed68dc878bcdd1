package app.tradebot.auth;

import java.util.Map;
import java.util.UUID;

import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.AuthorizerResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing out everywhere, changing the password, and old hashes brought up to today's cost. */
class SessionsIT extends AuthFunctionsSupport {

    private static final String NEW_PASSWORD = "another horse battery";

    @Autowired
    @Qualifier("logoutEverywhere")
    ApiFunction logoutEverywhere;

    @Autowired
    @Qualifier("changePassword")
    ApiFunction changePassword;

    @Test
    void signingOutEverywhereEndsEveryTokenAndTheNextSignInWorksAtOnce() {
        UUID kim = registered("kim@example.com");
        String first = tokenFor("kim@example.com");
        String second = tokenFor("kim@example.com");

        APIGatewayV2HTTPResponse out = callAuthorized(logoutEverywhere, ApiEvents.post("/api/auth/logout-everywhere", null), first);

        assertThat(out.getStatusCode()).as(out.getBody()).isEqualTo(204);
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(first).event()).isAuthorized()).isFalse();
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(second).event()).isAuthorized()).isFalse();
        // In the same second as the sign-out: the new token is after it, not before.
        String again = tokenFor("kim@example.com");
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(again).event()))
                .isEqualTo(AuthorizerResponse.allow(kim.toString()));
        assertThat(jdbc.queryForObject("select sessions_not_before is not null from users where id = ?", Boolean.class, kim)).isTrue();
        assertThat(audit.events()).extracting(e -> e.type()).contains(AuditTypes.LOGOUT_EVERYWHERE);
    }

    @Test
    void aNewPasswordSignsOutTheOtherSessionsAndKeepsTheCallerSignedIn() {
        UUID lea = registered("lea@example.com");
        String mine = tokenFor("lea@example.com");
        String other = tokenFor("lea@example.com");

        APIGatewayV2HTTPResponse changed = callAuthorized(changePassword, ApiEvents.post("/api/auth/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}"), mine);

        assertThat(changed.getStatusCode()).as(changed.getBody()).isEqualTo(200);
        String fresh = body(changed).get("accessToken").asString();
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(fresh).event()))
                .isEqualTo(AuthorizerResponse.allow(lea.toString()));
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(other).event()).isAuthorized()).isFalse();
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(mine).event()).isAuthorized()).isFalse();
        assertProblem(loginAs("lea@example.com", PASSWORD, "203.0.113.7"), 401);
        assertThat(loginAs("lea@example.com", NEW_PASSWORD, "203.0.113.7").getStatusCode()).isEqualTo(200);
        assertThat(audit.events()).extracting(e -> e.type()).contains(AuditTypes.PASSWORD_CHANGED);
    }

    @Test
    void aWrongCurrentPasswordChangesNothingAndCountsAsAFailedSignIn() {
        registered("max@example.com");
        String token = tokenFor("max@example.com");
        String hash = jdbc.queryForObject("select password_hash from users where email = 'max@example.com'", String.class);

        for (int i = 0; i < LoginAttempts.MAX_ACCOUNT_FAILURES; i++) {
            APIGatewayV2HTTPResponse wrong = callAuthorized(changePassword, ApiEvents.post("/api/auth/password",
                    "{\"currentPassword\":\"guess " + i + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}"), token);
            assertThat(errors(assertProblem(wrong, 400))).containsExactly(Map.entry("currentPassword", "is not your password"));
        }

        assertProblem(callAuthorized(changePassword, ApiEvents.post("/api/auth/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}"), token), 429);
        assertThat(jdbc.queryForObject("select password_hash from users where email = 'max@example.com'", String.class))
                .isEqualTo(hash);
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()).isAuthorized()).isTrue();
    }

    @Test
    void aHashBelowTodaysCostIsRehashedAtTheNextSignIn() {
        UUID id = UUID.randomUUID();
        String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, ?)", id, "nora@example.com", old);

        assertThat(loginAs("nora@example.com", PASSWORD, "203.0.113.7").getStatusCode()).isEqualTo(200);

        String now = jdbc.queryForObject("select password_hash from users where id = ?", String.class, id);
        assertThat(now).isNotEqualTo(old).contains("$m=" + Passwords.MEMORY_KIB + ",t=" + Passwords.ITERATIONS + ",p=1$");
        assertThat(loginAs("nora@example.com", PASSWORD, "203.0.113.7").getStatusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select password_hash from users where id = ?", String.class, id)).isEqualTo(now);
    }

    private static java.util.List<Map.Entry<String, String>> errors(tools.jackson.databind.JsonNode problem) {
        java.util.List<Map.Entry<String, String>> errors = new java.util.ArrayList<>();
        problem.get("errors").forEach(error -> errors.add(Map.entry(error.get("field").asString(), error.get("message").asString())));
        return errors;
    }
}
