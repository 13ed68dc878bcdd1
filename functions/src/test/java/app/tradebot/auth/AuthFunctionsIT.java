package app.tradebot.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;

import app.tradebot.audit.AuditEvent;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.AuthorizerResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

class AuthFunctionsIT extends AuthFunctionsSupport {

    @Autowired
    FunctionCatalog catalog;

    @Test
    void registerLoginMeLogoutAndTheTokenIsDeadAfterwards() {
        APIGatewayV2HTTPResponse registered = register.apply(ApiEvents.post("/api/auth/register",
                credentials("  Alice@Example.COM ", PASSWORD)).from("198.51.100.1").userAgent("Firefox/140").event());

        assertThat(registered.getStatusCode()).isEqualTo(201);
        assertThat(registered.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode user = body(registered);
        UUID id = UUID.fromString(user.get("id").asString());
        assertThat(user.get("email").asString()).isEqualTo("alice@example.com");
        Instant createdAt = Instant.parse(user.get("createdAt").asString());
        assertThat(user.properties()).extracting(Map.Entry::getKey).containsExactly("id", "email", "createdAt");
        Map<String, Object> row = jdbc.queryForMap("select * from users where id = ?", id);
        assertThat(row.get("email")).isEqualTo("alice@example.com");
        assertThat((String) row.get("password_hash")).startsWith("$argon2id$").doesNotContain(PASSWORD);
        assertThat(((java.sql.Timestamp) row.get("created_at")).toInstant()).isEqualTo(createdAt);

        APIGatewayV2HTTPResponse loggedIn = login.apply(ApiEvents.post("/api/auth/login",
                credentials("ALICE@example.com", PASSWORD)).from("198.51.100.1").userAgent("Firefox/140").event());
        assertThat(loggedIn.getStatusCode()).isEqualTo(200);
        JsonNode token = body(loggedIn);
        assertThat(token.get("tokenType").asString()).isEqualTo("bearer");
        String accessToken = token.get("accessToken").asString();
        Instant expiresAt = Instant.parse(token.get("expiresAt").asString());
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofMinutes(10079), Duration.ofMinutes(10081));

        AuthorizerResponse decision = authorize.apply(ApiEvents.get("/api/auth/me").bearer(accessToken).event());
        assertThat(decision).isEqualTo(AuthorizerResponse.allow(id.toString()));

        APIGatewayV2HTTPResponse shown = callAuthorized(me, ApiEvents.get("/api/auth/me"), accessToken);
        assertThat(shown.getStatusCode()).isEqualTo(200);
        assertThat(body(shown)).isEqualTo(user);
        assertThat(shown.getBody()).doesNotContain("argon2", "password");

        APIGatewayV2HTTPResponse loggedOut = callAuthorized(logout,
                ApiEvents.post("/api/auth/logout", null).from("198.51.100.1").userAgent("Firefox/140"), accessToken);
        assertThat(loggedOut.getStatusCode()).isEqualTo(204);
        assertThat(loggedOut.getBody()).isNull();
        String jti = jti(accessToken);
        Long ttl = redis.getExpire(RedisRevokedTokens.PREFIX + jti);
        assertThat(ttl).isBetween(Duration.ofMinutes(10079).toSeconds(), Duration.ofMinutes(10081).toSeconds());

        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(accessToken).event()).isAuthorized()).isFalse();
        assertProblem(callAuthorized(me, ApiEvents.get("/api/auth/me"), accessToken), 401);

        assertThat(audit.events()).extracting(AuditEvent::type, AuditEvent::userId, AuditEvent::ip, AuditEvent::userAgent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("user.registered", id, "198.51.100.1", "Firefox/140"),
                        org.assertj.core.groups.Tuple.tuple("user.login", id, "198.51.100.1", "Firefox/140"),
                        org.assertj.core.groups.Tuple.tuple("user.logout", id, "198.51.100.1", "Firefox/140"));
        assertThat(audit.events()).extracting(AuditEvent::id).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(audit.events()).extracting(AuditEvent::at).doesNotContainNull();
    }

    @Test
    void aNewLoginStillWorksAfterLogoutAndOtherTokensSurviveIt() {
        registered("bob@example.com");
        String first = tokenFor("bob@example.com");
        String second = tokenFor("bob@example.com");

        assertThat(callAuthorized(logout, ApiEvents.post("/api/auth/logout", null), first).getStatusCode()).isEqualTo(204);

        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(first).event()).isAuthorized()).isFalse();
        assertThat(callAuthorized(me, ApiEvents.get("/api/auth/me"), second).getStatusCode()).isEqualTo(200);
        assertThat(callAuthorized(me, ApiEvents.get("/api/auth/me"), tokenFor("bob@example.com")).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aDuplicateEmailIs409AndLeavesTheFirstAccountAlone() {
        UUID first = registered("carol@example.com");
        Map<String, Object> before = jdbc.queryForMap("select * from users where id = ?", first);

        JsonNode problem = assertProblem(register.apply(ApiEvents.post("/api/auth/register",
                credentials(" CAROL@example.com", "another password 123")).event()), 409);

        assertThat(problem.get("detail").asString()).isEqualTo("An account with this email already exists.");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/auth/register");
        assertThat(users()).isEqualTo(1);
        assertThat(jdbc.queryForMap("select * from users where id = ?", first)).isEqualTo(before);
        assertThat(loginAs("carol@example.com", PASSWORD, "203.0.113.7").getStatusCode()).isEqualTo(200);
        assertThat(loginAs("carol@example.com", "another password 123", "203.0.113.7").getStatusCode()).isEqualTo(401);
        assertThat(audit.events()).filteredOn(e -> e.type().equals("user.registered")).hasSize(1);
    }

    @Test
    void twoRacingRegistrationsOfOneEmailMakeOneAccount() throws Exception {
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                Callable<Integer> race = () -> {
                    start.await();
                    return registerAs("dave@example.com").getStatusCode();
                };
                results.add(pool.submit(race));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameAnswer() {
        UUID erin = registered("erin@example.com");

        APIGatewayV2HTTPResponse wrongPassword = loginAs("erin@example.com", "not her password", "203.0.113.7");
        APIGatewayV2HTTPResponse unknownEmail = loginAs("nobody@example.com", "not her password", "203.0.113.7");

        JsonNode first = assertProblem(wrongPassword, 401);
        JsonNode second = assertProblem(unknownEmail, 401);
        assertThat(first).isEqualTo(second);
        assertThat(first.get("detail").asString()).isEqualTo("Wrong email or password.");
        assertThat(wrongPassword.getHeaders()).isEqualTo(unknownEmail.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(audit.events()).filteredOn(e -> e.type().equals("user.login_failed"))
                .extracting(AuditEvent::userId).containsExactly(erin, null);
        assertThat(audit.events()).filteredOn(e -> e.type().equals("user.login_failed"))
                .extracting(AuditEvent::ip).containsOnly("203.0.113.7");
    }

    @Test
    void afterFiveFailuresTheAccountWaitsWhateverAddressTheGuessesComeFrom() {
        registered("frank@example.com");
        for (int i = 0; i < LoginAttempts.MAX_ACCOUNT_FAILURES; i++) {
            assertProblem(loginAs("frank@example.com", "guess number " + i, "203.0.113." + (50 + i)), 401);
        }

        APIGatewayV2HTTPResponse blocked = loginAs("frank@example.com", PASSWORD, "198.51.100.77");

        JsonNode problem = assertProblem(blocked, 429);
        assertThat(problem.get("detail").asString()).isEqualTo("Too many failed sign-ins; try again later.");
        long retryAfter = Long.parseLong(blocked.getHeaders().get("Retry-After"));
        assertThat(retryAfter).isBetween(1L, LoginAttempts.FIRST_DELAY.toSeconds());
        assertProblem(loginAs("frank@example.com", PASSWORD, "203.0.113.50"), 429);
        // The block is the account's: another email from the same addresses signs in.
        registered("grace@example.com");
        assertThat(loginAs("grace@example.com", PASSWORD, "203.0.113.50").getStatusCode()).isEqualTo(200);
        assertThat(audit.events()).filteredOn(e -> e.type().equals("user.login_failed")).hasSize(LoginAttempts.MAX_ACCOUNT_FAILURES);
    }

    @Test
    void oneAddressTryingManyAccountsIsStoppedAcrossThem() {
        registered("olga@example.com");
        for (int i = 0; i < LoginAttempts.MAX_ADDRESS_FAILURES; i++) {
            assertProblem(loginAs("victim" + i + "@example.com", "password one two", "203.0.113.90"), 401);
        }

        APIGatewayV2HTTPResponse blocked = loginAs("olga@example.com", PASSWORD, "203.0.113.90");

        assertProblem(blocked, 429);
        assertThat(Long.parseLong(blocked.getHeaders().get("Retry-After"))).isBetween(1L, LoginAttempts.ADDRESS_WINDOW.toSeconds());
        assertThat(loginAs("olga@example.com", PASSWORD, "203.0.113.91").getStatusCode()).isEqualTo(200);
    }

    @Test
    void parallelGuessesAreCountedBeforeTheirPasswordIsChecked() throws Exception {
        registered("pete@example.com");
        int guesses = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            String ip = "198.51.100." + (i + 1);
            String guess = "parallel guess " + i;
            answers.add(pool.submit(() -> loginAs("pete@example.com", guess, ip).getStatusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(status -> status == 401).hasSize(LoginAttempts.MAX_ACCOUNT_FAILURES);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(guesses - LoginAttempts.MAX_ACCOUNT_FAILURES);
        assertThat(audit.events()).filteredOn(e -> e.type().equals("user.login_failed")).hasSize(LoginAttempts.MAX_ACCOUNT_FAILURES);
    }

    @Test
    void failuresCountPerEmailWhateverItsSpelling() {
        registered("heidi@example.com");
        for (int i = 0; i < LoginAttempts.MAX_ACCOUNT_FAILURES; i++) {
            loginAs(i % 2 == 0 ? "HEIDI@example.com" : " heidi@EXAMPLE.com", "wrong password", "203.0.113.60");
        }

        assertProblem(loginAs("heidi@example.com", PASSWORD, "203.0.113.60"), 429);
    }

    @Test
    void aSuccessForgetsTheAccountsFailuresAndIsNoFailureOfItsAddress() {
        registered("ivan@example.com");
        for (int i = 0; i < LoginAttempts.MAX_ACCOUNT_FAILURES - 1; i++) {
            assertProblem(loginAs("ivan@example.com", "wrong password", "203.0.113.70"), 401);
        }
        assertThat(loginAs("ivan@example.com", PASSWORD, "203.0.113.70").getStatusCode()).isEqualTo(200);

        assertThat(redis.hasKey(LoginAttempts.accountKey("ivan@example.com"))).isFalse();
        assertThat(redis.opsForValue().get(LoginAttempts.addressKey("203.0.113.70")))
                .isEqualTo(Integer.toString(LoginAttempts.MAX_ACCOUNT_FAILURES - 1));
        for (int i = 0; i < LoginAttempts.MAX_ACCOUNT_FAILURES - 1; i++) {
            assertProblem(loginAs("ivan@example.com", "wrong password", "203.0.113.70"), 401);
        }
        assertThat(loginAs("ivan@example.com", PASSWORD, "203.0.113.70").getStatusCode()).isEqualTo(200);
    }

    @Test
    void theAuthorizerRefusesEveryBadToken() throws Exception {
        UUID judy = registered("judy@example.com");
        String good = tokenFor("judy@example.com");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet valid = claims(judy, now, now.plusSeconds(600));

        assertThat(decide(ApiEvents.get("/api/auth/me").bearer(good))).isEqualTo(AuthorizerResponse.allow(judy.toString()));
        assertThat(decide(ApiEvents.get("/api/auth/me").bearer(sign(JWSAlgorithm.HS512, SECRET, valid)))).isEqualTo(
                AuthorizerResponse.allow(judy.toString()));

        assertThat(decide(ApiEvents.get("/api/auth/me"))).isEqualTo(AuthorizerResponse.deny());
        assertThat(decide(ApiEvents.get("/api/auth/me").header("authorization", "Bearer"))).isEqualTo(AuthorizerResponse.deny());
        assertThat(decide(ApiEvents.get("/api/auth/me").header("authorization", "Basic " + good))).isEqualTo(AuthorizerResponse.deny());
        assertThat(decide(ApiEvents.get("/api/auth/me").header("authorization", good))).isEqualTo(AuthorizerResponse.deny());
        assertThat(decide(ApiEvents.get("/api/auth/me").bearer("garbage"))).isEqualTo(AuthorizerResponse.deny());
        assertThat(decide(ApiEvents.get("/api/auth/me").bearer(new PlainJWT(valid).serialize()))).isEqualTo(AuthorizerResponse.deny());
        assertThat(decide(ApiEvents.get("/api/auth/me").bearer(sign(JWSAlgorithm.HS256, SECRET, valid)))).isEqualTo(AuthorizerResponse.deny());
        assertThat(decide(ApiEvents.get("/api/auth/me").bearer(sign(JWSAlgorithm.HS512, "w".repeat(64), valid))))
                .isEqualTo(AuthorizerResponse.deny());
        String expired = sign(JWSAlgorithm.HS512, SECRET, claims(judy, now.minusSeconds(7200), now.minusSeconds(1)));
        assertThat(decide(ApiEvents.get("/api/auth/me").bearer(expired))).isEqualTo(AuthorizerResponse.deny());

        callAuthorized(logout, ApiEvents.post("/api/auth/logout", null), good);
        assertThat(decide(ApiEvents.get("/api/auth/me").bearer(good))).isEqualTo(AuthorizerResponse.deny());
    }

    @Test
    void theAuthorizersAnswerIsApiGatewaysSimpleResponseJson() {
        UUID kim = registered("kim@example.com");
        String token = tokenFor("kim@example.com");
        FunctionInvocationWrapper function = catalog.lookup("authorize", "application/json");

        Object allowed = function.apply(ApiEvents.get("/api/auth/me").bearer(token).event());
        Object denied = function.apply(ApiEvents.get("/api/auth/me").bearer("nope").event());

        // API Gateway reads the JSON, not its key order.
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(payload(allowed)))
                .isEqualTo(json.readTree("{\"isAuthorized\":true,\"context\":{\"userId\":\"" + kim + "\"}}"));
        assertThat(json.readTree(payload(denied))).isEqualTo(json.readTree("{\"isAuthorized\":false,\"context\":{}}"));
    }

    @Test
    void theCatalogServesTheHttpFunctionsByName() {
        FunctionInvocationWrapper function = catalog.lookup("register");

        Object response = function.apply(ApiEvents.post("/api/auth/register", credentials("leo@example.com", PASSWORD)).event());

        assertThat(response).isInstanceOf(APIGatewayV2HTTPResponse.class);
        assertThat(((APIGatewayV2HTTPResponse) response).getStatusCode()).isEqualTo(201);
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void meWithoutTheAuthorizersUserIs401() {
        registered("mallory@example.com");

        assertProblem(me.apply(ApiEvents.get("/api/auth/me").event()), 401);
    }

    @Test
    void aValidTokenOfADeletedAccountIs401() {
        registered("nina@example.com");
        String token = tokenFor("nina@example.com");
        jdbc.update("delete from users where email = 'nina@example.com'");

        assertProblem(callAuthorized(me, ApiEvents.get("/api/auth/me"), token), 401);
    }

    @Test
    void logoutRevokesOnlyItsOwnUsersToken() {
        UUID olga = registered("olga@example.com");
        registered("pete@example.com");
        String petesToken = tokenFor("pete@example.com");

        // A user id that does not match the token: refused, and Pete's token lives on.
        assertProblem(logout.apply(ApiEvents.post("/api/auth/logout", null).bearer(petesToken).authorizedAs(olga).event()), 401);
        assertProblem(logout.apply(ApiEvents.post("/api/auth/logout", null).authorizedAs(olga).event()), 401);

        assertThat(authorize.apply(ApiEvents.get("/api/auth/me").bearer(petesToken).event()).isAuthorized()).isTrue();
        assertThat(audit.events()).filteredOn(e -> e.type().equals("user.logout")).isEmpty();
    }

    private AuthorizerResponse decide(ApiEvents request) {
        return authorize.apply(request.event());
    }

    private static JWTClaimsSet claims(UUID user, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder()
                .subject(user.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .build();
    }

    private static String sign(JWSAlgorithm algorithm, String key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String jti(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        }
        catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String payload(Object output) {
        Object payload = output instanceof Message<?> message ? message.getPayload() : output;
        return payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(payload);
    }
}
