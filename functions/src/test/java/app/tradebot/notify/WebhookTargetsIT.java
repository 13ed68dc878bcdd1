package app.tradebot.notify;

import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** With the default settings, createWebhook refuses every non-public target: a 400 naming url, nothing stored. */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WebhookTargetsIT {

    static {
        TestServices.install();
    }

    final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    @Qualifier("createWebhook")
    ApiFunction create;

    @Autowired
    JdbcTemplate jdbc;

    UUID alice;

    @BeforeEach
    void user() {
        jdbc.execute("truncate table users cascade");
        alice = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, 'alice@example.com', 'x')", alice);
    }

    @Test
    void everyForbiddenAddressClassIsRefusedNamingUrl() {
        Map<String, String> cases = Map.of(
                "http://127.0.0.1:8080/hook", "loopback",
                "http://localhost/hook", "loopback",
                "http://[::1]/hook", "loopback",
                "http://169.254.169.254/latest/meta-data/", "link-local",
                "http://10.0.0.7/hook", "private",
                "http://192.168.0.1/hook", "private",
                "http://[fd12::1]/hook", "private",
                "http://239.1.2.3/hook", "multicast",
                "http://0.0.0.0/hook", "unspecified");
        cases.forEach((url, kind) -> {
            long started = System.nanoTime();
            APIGatewayV2HTTPResponse response = create.apply(ApiEvents.post("/api/webhooks",
                    "{\"url\":\"" + url + "\",\"events\":[\"order.filled\"]}").authorizedAs(alice).event());
            assertThat(System.nanoTime() - started).as(url).isLessThan(1_000_000_000L);
            assertThat(response.getStatusCode()).as(url).isEqualTo(400);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            JsonNode error = json.readTree(response.getBody()).get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("url");
            assertThat(error.get("message").asString()).as(url).startsWith("must not point at a " + kind + " address");
        });
        assertThat(jdbc.queryForObject("select count(*) from notification_channels", Integer.class)).isZero();
    }
}
