package app.tradebot.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.tradebot.platform.http.ApiEvents;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 2's bad input on the auth routes: always a problem, never a 500, and nothing stored changes. */
class AuthBadInputIT extends AuthFunctionsSupport {

    @Test
    void registerRefusesMalformedJson() {
        for (String malformed : List.of("{\"email\":", "{'email':'a@b.co'}", "email=a@b.co&password=0123456789",
                "{\"email\":\"a@b.co\",\"password\":\"0123456789\"} {}", "{\"email\":\"a@b.co\",\"email\":\"c@d.co\",\"password\":\"0123456789\"}")) {
            JsonNode problem = assertProblem(register.apply(ApiEvents.post("/api/auth/register", malformed).event()), 400);
            assertThat(problem.get("detail").asString()).as(malformed).isEqualTo("The request body is not valid JSON.");
        }
        assertNothingStored();
    }

    @Test
    void registerRefusesAMissingOrNonObjectBody() {
        assertThat(assertProblem(register.apply(ApiEvents.post("/api/auth/register", null).event()), 400)
                .get("detail").asString()).isEqualTo("A JSON request body is required.");
        for (String notAnObject : List.of("null", "[]", "\"a@b.co\"", "1")) {
            assertThat(assertProblem(register.apply(ApiEvents.post("/api/auth/register", notAnObject).event()), 400)
                    .get("detail").asString()).isEqualTo("The request body must be a JSON object.");
        }
        assertNothingStored();
    }

    @Test
    void registerListsExtraFields() {
        String body = "{\"email\":\"rita@example.com\",\"password\":\"0123456789\",\"isAdmin\":true,\"id\":\"" + UUID.randomUUID() + "\"}";

        JsonNode problem = assertProblem(register.apply(ApiEvents.post("/api/auth/register", body).event()), 400);

        assertThat(problem.get("detail").asString()).isEqualTo("The request has invalid fields.");
        assertThat(errors(problem)).containsExactly(
                Map.entry("id", "is not a known field"),
                Map.entry("isAdmin", "is not a known field"));
        assertNothingStored();
    }

    @Test
    void registerListsMissingFields() {
        assertThat(errors(assertProblem(register.apply(ApiEvents.post("/api/auth/register", "{}").event()), 400)))
                .containsExactly(Map.entry("email", "must not be blank"), Map.entry("password", "must not be blank"));
        assertThat(errors(assertProblem(register.apply(ApiEvents.post("/api/auth/register", "{\"email\":\"sam@example.com\"}").event()), 400)))
                .containsExactly(Map.entry("password", "must not be blank"));
        assertThat(errors(assertProblem(register.apply(ApiEvents.post("/api/auth/register",
                "{\"email\":null,\"password\":\"0123456789\"}").event()), 400)))
                .containsExactly(Map.entry("email", "must not be blank"));
        assertNothingStored();
    }

    @Test
    void registerListsWrongTypedFields() {
        String body = "{\"email\":123,\"password\":[\"0123456789\"]}";

        JsonNode problem = assertProblem(register.apply(ApiEvents.post("/api/auth/register", body).event()), 400);

        assertThat(errors(problem)).containsExactly(
                Map.entry("email", "must be a string"),
                Map.entry("password", "must be a string"));
        assertThat(errors(assertProblem(register.apply(ApiEvents.post("/api/auth/register",
                "{\"email\":{\"address\":\"a@b.co\"},\"password\":true}").event()), 400)))
                .containsExactly(Map.entry("email", "must be a string"), Map.entry("password", "must be a string"));
        assertNothingStored();
    }

    @Test
    void registerAppliesThePasswordAndEmailRules() {
        assertThat(errors(assertProblem(register.apply(ApiEvents.post("/api/auth/register",
                credentials("tom@example.com", "short")).event()), 400)))
                .containsExactly(Map.entry("password", "size must be between 10 and 128"));
        assertThat(errors(assertProblem(register.apply(ApiEvents.post("/api/auth/register",
                credentials("tom@example.com", "p".repeat(129))).event()), 400)))
                .containsExactly(Map.entry("password", "size must be between 10 and 128"));
        assertThat(errors(assertProblem(register.apply(ApiEvents.post("/api/auth/register",
                credentials("not an email", "0123456789")).event()), 400)))
                .containsExactly(Map.entry("email", "must be an email address"));
        assertThat(errors(assertProblem(register.apply(ApiEvents.post("/api/auth/register",
                credentials("x'; drop table users; --@example.com", "0123456789")).event()), 400)))
                .containsExactly(Map.entry("email", "must be an email address"));
        assertNothingStored();
    }

    @Test
    void quotesInAValidEmailAreStoredAsGiven() {
        APIGatewayV2HTTPResponse response = registerAs("o'brien+bots@example.com");

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select email from users", String.class)).isEqualTo("o'brien+bots@example.com");
    }

    @Test
    void registerReadsABase64EncodedBodyAndRefusesBadBase64() {
        assertThat(register.apply(ApiEvents.post("/api/auth/register", credentials("uma@example.com", PASSWORD))
                .base64Encoded().event()).getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPEvent bad = ApiEvents.post("/api/auth/register", "%%%not-base64%%%").event();
        bad.setIsBase64Encoded(true);
        assertThat(assertProblem(register.apply(bad), 400).get("detail").asString()).isEqualTo("The request body is not valid base64.");
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void badRegistrationsDoNotTouchAnExistingAccount() {
        UUID victor = registered("victor@example.com");
        Map<String, Object> before = jdbc.queryForMap("select * from users where id = ?", victor);

        List<String> attacks = List.of(
                credentials("victor@example.com", "new password 123"),
                credentials("VICTOR@example.com ", "new password 123"),
                credentials("victor@example.com", "short"),
                "{\"email\":\"victor@example.com\",\"password\":\"new password 123\",\"id\":\"" + victor + "\"}",
                "{\"email\":\"victor@example.com\",\"password\":\"new password 123\",\"createdAt\":\"2000-01-01T00:00:00Z\"}",
                "{\"email\":\"victor@example.com\",\"password\":123}",
                "{\"email\":\"victor@example.com\",\"password\":");
        for (String attack : attacks) {
            int status = register.apply(ApiEvents.post("/api/auth/register", attack).event()).getStatusCode();
            assertThat(status).as(attack).isIn(400, 409);
        }

        assertThat(users()).isEqualTo(1);
        assertThat(jdbc.queryForMap("select * from users where id = ?", victor)).isEqualTo(before);
        assertThat(loginAs("victor@example.com", PASSWORD, "203.0.113.7").getStatusCode()).isEqualTo(200);
    }

    @Test
    void loginRefusesBadBodiesWithoutCountingAFailure() {
        registered("wendy@example.com");
        audit.clear();

        assertThat(assertProblem(login.apply(ApiEvents.post("/api/auth/login", "{\"email\":").event()), 400)
                .get("detail").asString()).isEqualTo("The request body is not valid JSON.");
        assertProblem(login.apply(ApiEvents.post("/api/auth/login", null).event()), 400);
        assertThat(errors(assertProblem(login.apply(ApiEvents.post("/api/auth/login",
                "{\"email\":\"wendy@example.com\",\"password\":\"" + PASSWORD + "\",\"remember\":true}").event()), 400)))
                .containsExactly(Map.entry("remember", "is not a known field"));
        assertThat(fields(assertProblem(login.apply(ApiEvents.post("/api/auth/login", "{}").event()), 400)))
                .containsExactly("email", "password");
        assertThat(errors(assertProblem(login.apply(ApiEvents.post("/api/auth/login",
                "{\"email\":[\"wendy@example.com\"],\"password\":12345678901}").event()), 400)))
                .containsExactly(Map.entry("email", "must be a string"), Map.entry("password", "must be a string"));
        assertThat(fields(assertProblem(login.apply(ApiEvents.post("/api/auth/login",
                credentials("wendy@example.com", "p".repeat(129))).event()), 400))).containsExactly("password");

        assertThat(redis.keys(LoginAttempts.PREFIX + "*")).isEmpty();
        assertThat(audit.events()).isEmpty();
        assertThat(loginAs("wendy@example.com", PASSWORD, "203.0.113.7").getStatusCode()).isEqualTo(200);
    }

    @Test
    void logoutWithABodyIsRefusedAndTheTokenLivesOn() {
        registered("xena@example.com");
        String token = tokenFor("xena@example.com");

        JsonNode problem = assertProblem(callAuthorized(logout, ApiEvents.post("/api/auth/logout", "{\"everywhere\":true}"), token), 400);
        assertThat(errors(problem)).containsExactly(Map.entry("everywhere", "is not a known field"));
        assertProblem(callAuthorized(logout, ApiEvents.post("/api/auth/logout", "not json"), token), 400);

        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()).isAuthorized()).isTrue();
        assertThat(callAuthorized(logout, ApiEvents.post("/api/auth/logout", "{}"), token).getStatusCode()).isEqualTo(204);
        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(token).event()).isAuthorized()).isFalse();
    }

    @Test
    void everyBadTokenIs401OnTheProtectedRoutes() {
        registered("yves@example.com");
        String token = tokenFor("yves@example.com");

        for (String bad : List.of("", "garbage", token.substring(0, token.length() - 2), token + "x",
                "eyJhbGciOiJub25lIn0." + token.split("\\.")[1] + ".")) {
            APIGatewayV2HTTPResponse meResponse = callAuthorized(me, ApiEvents.get("/api/auth/me"), bad);
            assertProblem(meResponse, 401);
            assertThat(meResponse.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
            assertProblem(callAuthorized(logout, ApiEvents.post("/api/auth/logout", null), bad), 401);
        }
        assertThat(redis.keys(RedisRevokedTokens.PREFIX + "*")).isEmpty();
    }

    @Test
    void meTakesNoBody() {
        registered("zoe@example.com");
        String token = tokenFor("zoe@example.com");

        assertThat(callAuthorized(me, ApiEvents.get("/api/auth/me"), token).getStatusCode()).isEqualTo(200);
        assertThat(errors(assertProblem(callAuthorized(me, ApiEvents.request("GET", "/api/auth/me", "{\"id\":\"x\"}"), token), 400)))
                .containsExactly(Map.entry("id", "is not a known field"));
    }

    private void assertNothingStored() {
        assertThat(users()).isZero();
        assertThat(audit.events()).isEmpty();
    }

    private static List<Map.Entry<String, String>> errors(JsonNode problem) {
        List<Map.Entry<String, String>> errors = new java.util.ArrayList<>();
        problem.get("errors").forEach(error -> errors.add(Map.entry(error.get("field").asString(), error.get("message").asString())));
        return errors;
    }
}
