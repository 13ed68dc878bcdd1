package app.tradebot.platform.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no broker at all (nothing listens on its port): recording an audit event still succeeds,
 * quickly, and the event waits in the outbox; the relay counts the failed attempt and backs off.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "tradebot.roles=gateway", "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=1",
                "spring.rabbitmq.connection-timeout=2s", "tradebot.outbox.relay-interval=1h" })
@DirtiesContext
class OutboxBrokerDownIT {

    static {
        TestServices.install();
    }

    @Autowired
    AuditTrail auditTrail;

    @Autowired
    OutboxRelay relay;

    @Autowired
    Jdbi jdbi;

    @Test
    void eventsTheBrokerCannotTakeWaitInTheOutbox() throws InterruptedException {
        jdbi.useHandle(h -> h.execute("delete from outbox"));
        AuditEvent first = event();
        AuditEvent second = event();

        auditTrail.record(first);
        // The immediate send runs beside the caller: its failure is recorded within a few seconds.
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (jdbi.withHandle(h -> h.createQuery("select count(*) from outbox where attempts = 1").mapTo(Long.class).one()) == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long started = System.nanoTime();
        auditTrail.record(second);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("select * from outbox order by id").mapToMap().list());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("function")).isEqualTo("recordAuditEvent");
        assertThat((String) rows.get(0).get("payload")).contains(first.id().toString());
        assertThat(rows.get(0).get("attempts")).as("the immediate send failed once").isEqualTo(1);
        assertThat((String) rows.get(0).get("last_error")).contains("could not be sent to audit-events");
        assertThat((String) rows.get(1).get("payload")).contains(second.id().toString());
        assertThat(rows.get(1).get("attempts")).as("right after a failure requests do not try the broker").isEqualTo(0);
        assertThat(tookMillis).as("so they do not wait for it").isLessThan(1000);

        jdbi.useHandle(h -> h.execute("update outbox set next_attempt_at = now() - interval '1 second'"));
        assertThat(relay.relay()).isZero();
        List<Integer> attempts = jdbi.withHandle(h -> h.createQuery("select attempts from outbox order by id")
                .mapTo(Integer.class).list());
        assertThat(attempts).as("a pass stops at the first failure").containsExactly(2, 0);
        assertThat(relay.pending()).isEqualTo(2);
        jdbi.useHandle(h -> h.execute("delete from outbox"));
    }

    static AuditEvent event() {
        return new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), "login", "192.0.2.1", "test", Instant.now());
    }
}
