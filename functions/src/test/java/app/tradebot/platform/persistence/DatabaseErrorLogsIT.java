package app.tradebot.platform.persistence;

import java.util.UUID;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement PostgreSQL refuses, failing a function the way any unforeseen error does (500, logged
 * with its exception): the log names the statement and the constraint, never the values bound to
 * it, neither from Jdbi's message nor from PostgreSQL's detail.
 */
@SpringBootTest(classes = TradeBotFunctions.class, properties = {
        "tradebot.auth.secret-key=it-secret-key-for-tradebot-auth-tests-0123456789-abcdefghijklmnopq",
        "tradebot.environment=production" })
@ExtendWith(OutputCaptureExtension.class)
class DatabaseErrorLogsIT {

    static {
        TestServices.install();
    }

    private static final String EMAIL = "leaky-" + UUID.randomUUID() + "@example.com";
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$" + UUID.randomUUID();

    @Autowired
    Jdbi jdbi;

    @Autowired
    ApiFunctions http;

    @AfterEach
    void cleanUp() {
        jdbi.useHandle(handle -> handle.execute("delete from users where email = ?", EMAIL));
    }

    @Test
    void aRefusedStatementIsLoggedWithoutItsBoundValues(CapturedOutput output) {
        ApiFunction insertTwice = http.of(Void.class, Void.class, 204, (body, request) -> {
            for (int i = 0; i < 2; i++) {
                jdbi.useHandle(handle -> handle.createUpdate(
                                "insert into users (id, email, password_hash) values (:id, :email, :hash)")
                        .bind("id", UUID.randomUUID()).bind("email", EMAIL).bind("hash", HASH).execute());
            }
            return null;
        });

        APIGatewayV2HTTPResponse response = insertTwice.apply(ApiEvents.post("/api/test", null).event());

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(output.getOut() + output.getErr())
                .contains("users_email_key", "insert into users (id, email, password_hash)")
                .doesNotContain(EMAIL, HASH, "c2VjcmV0LXNhbHQ");
    }
}
