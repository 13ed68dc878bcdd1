package app.tradebot.audit;

import java.time.Instant;
import java.util.UUID;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no broker to confirm it, recording an audit event fails loudly instead of losing it. */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "tradebot.roles=gateway", "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=1",
                "spring.rabbitmq.connection-timeout=2s" })
@DirtiesContext
class RabbitAuditTrailIT {

    static {
        TestServices.install();
    }

    @Autowired
    AuditTrail auditTrail;

    @Test
    void anEventTheBrokerDoesNotTakeThrows() {
        AuditEvent event = new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), "login", "192.0.2.1", "test",
                Instant.now());

        assertThatThrownBy(() -> auditTrail.record(event))
                .isInstanceOf(AuditTrailUnavailable.class)
                .hasMessageContaining(event.id().toString());
    }
}
