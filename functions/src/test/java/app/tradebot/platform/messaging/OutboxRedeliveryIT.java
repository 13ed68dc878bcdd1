package app.tradebot.platform.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that dies between a message's confirm and its row's delete (or a PostgreSQL crash that loses
 * the delete, which commits without waiting for its flush) leaves a row whose message was delivered: the
 * relay sends it again, and the worker keeps one audit row for the event.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "tradebot.roles=worker", "tradebot.outbox.relay-interval=1h" })
@DirtiesContext
class OutboxRedeliveryIT {

    static {
        TestServices.install();
    }

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    AuditTrail auditTrail;

    @Autowired
    OutboxRelay relay;

    @Autowired
    JsonMapper json;

    @Autowired
    Jdbi jdbi;

    @Test
    void aConfirmedRowWhoseDeleteWasLostIsSentAgainAndStoredOnce() throws InterruptedException {
        AuditEvent event = new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), "login", "203.0.113.9", "curl/8",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        auditTrail.record(event);
        awaitRows(event.id(), 1);
        // The caller returned at its commit (the worker's role): the confirmed row's delete may trail the event's row.
        awaitNoOutboxRows();
        assertThat(outboxRows()).as("deleted once confirmed").isZero();

        // The row as the publisher wrote it, back as if its delete had never committed.
        jdbi.useHandle(h -> OutboxStatements.insert(h, "recordAuditEvent", json.writeValueAsString(event),
                "{}", Instant.now().minusSeconds(1)));
        assertThat(relay.relay()).as("the relay sends it again").isEqualTo(1);
        assertThat(outboxRows()).isZero();

        // Sent after the copy: once it is stored, the copy was most likely handled (several consumers keep no order).
        AuditEvent marker = new AuditEvent(UUID.randomUUID(), null, "marker", null, null, Instant.now());
        auditTrail.record(marker);
        awaitRows(marker.id(), 1);
        assertThat(rows(event.id())).as("the redelivered event stays one row").isEqualTo(1);
    }

    private void awaitRows(UUID id, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (rows(id) < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(rows(id)).isEqualTo(expected);
    }

    private long rows(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from audit_events where id = :id").bind("id", id)
                .mapTo(Long.class).one());
    }

    private void awaitNoOutboxRows() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (outboxRows() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private long outboxRows() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from outbox").mapTo(Long.class).one());
    }
}
