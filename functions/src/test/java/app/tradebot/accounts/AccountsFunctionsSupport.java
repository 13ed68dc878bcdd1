package app.tradebot.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts functions in a Spring context against the real Postgres, called with the events the
 * gateway builds after its authorizer let the request through.
 */
@SpringBootTest(classes = TradeBotFunctions.class)
abstract class AccountsFunctionsSupport {

    static {
        TestServices.install();
    }

    static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String API_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    @Qualifier("createExchangeAccount")
    ApiFunction create;

    @Autowired
    @Qualifier("listExchangeAccounts")
    ApiFunction list;

    @Autowired
    @Qualifier("getExchangeAccount")
    ApiFunction get;

    @Autowired
    @Qualifier("updateExchangeAccount")
    ApiFunction update;

    @Autowired
    @Qualifier("deleteExchangeAccount")
    ApiFunction delete;

    @Autowired
    @Qualifier("testExchangeAccount")
    ApiFunction test;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Fernet fernet;

    UUID alice;
    UUID bob;

    @BeforeEach
    void cleanUp() {
        jdbc.execute("truncate table users cascade");
        alice = user("alice@example.com");
        bob = user("bob@example.com");
    }

    UUID user(String email) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'not a hash')", id, email);
        return id;
    }

    APIGatewayV2HTTPResponse createAs(UUID user, String body) {
        return create.apply(ApiEvents.post("/api/accounts", body).authorizedAs(user).event());
    }

    UUID created(UUID user, String body) {
        APIGatewayV2HTTPResponse response = createAs(user, body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return UUID.fromString(body(response).get("id").asString());
    }

    UUID paper(UUID user, String name) {
        return created(user, "{\"name\":\"" + name + "\",\"kind\":\"paper\",\"balances\":{\"USDT\":\"10000\"}}");
    }

    UUID binance(UUID user, String name) {
        return created(user, binanceBody(name, API_KEY, API_SECRET));
    }

    static String binanceBody(String name, String key, String secret) {
        return "{\"name\":\"" + name + "\",\"kind\":\"binance\",\"apiKey\":\"" + key + "\",\"apiSecret\":\"" + secret + "\"}";
    }

    APIGatewayV2HTTPResponse call(ApiFunction function, String method, String path, UUID id, String body, UUID user) {
        return function.apply(ApiEvents.request(method, path.replace("{id}", String.valueOf(id)), body)
                .pathParameter("id", String.valueOf(id)).authorizedAs(user).event());
    }

    APIGatewayV2HTTPResponse getAs(UUID user, Object id) {
        return get.apply(ApiEvents.get("/api/accounts/" + id).pathParameter("id", String.valueOf(id)).authorizedAs(user).event());
    }

    APIGatewayV2HTTPResponse patchAs(UUID user, Object id, String body) {
        return update.apply(ApiEvents.request("PATCH", "/api/accounts/" + id, body).pathParameter("id", String.valueOf(id))
                .authorizedAs(user).event());
    }

    APIGatewayV2HTTPResponse deleteAs(UUID user, Object id) {
        return delete.apply(ApiEvents.request("DELETE", "/api/accounts/" + id, null).pathParameter("id", String.valueOf(id))
                .authorizedAs(user).event());
    }

    APIGatewayV2HTTPResponse testAs(UUID user, Object id) {
        return test.apply(ApiEvents.post("/api/accounts/" + id + "/test", null).pathParameter("id", String.valueOf(id))
                .authorizedAs(user).event());
    }

    APIGatewayV2HTTPResponse listAs(UUID user) {
        return list.apply(ApiEvents.get("/api/accounts").authorizedAs(user).event());
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

    static List<Map.Entry<String, String>> errors(JsonNode problem) {
        List<Map.Entry<String, String>> errors = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(error -> errors.add(Map.entry(error.get("field").asString(), error.get("message").asString())));
        }
        return errors;
    }

    int accounts() {
        return jdbc.queryForObject("select count(*) from exchange_accounts", Integer.class);
    }

    /** Every stored value of every account row, as text: what a database dump would show. */
    String everyStoredValue() {
        return jdbc.queryForList("select * from exchange_accounts").toString();
    }
}
