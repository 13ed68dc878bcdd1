package app.tradebot.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TestServices;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.tradebot.TradeBotFunctions;
import app.tradebot.audit.RecordingAuditTrail;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.AuthorizerResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth functions in a Spring context against the real Postgres and Redis, called with the
 * events the gateway would build. Tables and keys are emptied before each test.
 */
@SpringBootTest(classes = TradeBotFunctions.class, properties = {
        "tradebot.auth.secret-key=" + AuthFunctionsSupport.SECRET,
        "tradebot.environment=production" })
@Import(RecordingAuditTrail.class)
abstract class AuthFunctionsSupport {

    static {
        TestServices.install();
    }

    static final String SECRET = "it-secret-key-for-tradebot-auth-tests-0123456789-abcdefghijklmnopq";
    static final String PASSWORD = "correct horse battery";

    final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    @Qualifier("register")
    ApiFunction register;

    @Autowired
    @Qualifier("login")
    ApiFunction login;

    @Autowired
    @Qualifier("logout")
    ApiFunction logout;

    @Autowired
    @Qualifier("me")
    ApiFunction me;

    @Autowired
    @Qualifier("authorize")
    Function<APIGatewayV2HTTPEvent, AuthorizerResponse> authorize;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RecordingAuditTrail audit;

    @BeforeEach
    void cleanUp() {
        jdbc.execute("truncate table users cascade");
        Set<String> keys = redis.keys("auth:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        audit.clear();
    }

    static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    APIGatewayV2HTTPResponse registerAs(String email) {
        return register.apply(ApiEvents.post("/api/auth/register", credentials(email, PASSWORD)).event());
    }

    UUID registered(String email) {
        APIGatewayV2HTTPResponse response = registerAs(email);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return UUID.fromString(body(response).get("id").asString());
    }

    APIGatewayV2HTTPResponse loginAs(String email, String password, String ip) {
        return login.apply(ApiEvents.post("/api/auth/login", credentials(email, password)).from(ip).event());
    }

    String tokenFor(String email) {
        APIGatewayV2HTTPResponse response = loginAs(email, PASSWORD, "203.0.113.7");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return body(response).get("accessToken").asString();
    }

    /** What the gateway does for a route behind the authorizer. */
    APIGatewayV2HTTPResponse callAuthorized(ApiFunction function, ApiEvents request, String token) {
        ApiEvents withToken = request.bearer(token);
        AuthorizerResponse decision = authorize.apply(withToken.event());
        if (!decision.isAuthorized()) {
            return app.tradebot.platform.http.Problems.response(401, "Sign in to do this.", request.path(),
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        return function.apply(withToken.authorizedAs(UUID.fromString((String) decision.context().get("userId"))).event());
    }

    JsonNode body(APIGatewayV2HTTPResponse response) {
        return json.readTree(response.getBody());
    }

    JsonNode assertProblem(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.getBody()).doesNotContain("Exception", "\tat ", "org.", "app.tradebot");
        return problem;
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        }
        return fields;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    int users() {
        return jdbc.queryForObject("select count(*) from users", Integer.class);
    }
}
