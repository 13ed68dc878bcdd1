package app.tradebot.platform.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Callers without a transaction of their own whose rows arrive while another caller's row is being
 * written go into the outbox together, in one statement and one commit; each returns once its own row
 * is committed. The broker is down (nothing listens on its port), so the rows stay to be counted.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "tradebot.roles=gateway", "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=1",
                "spring.rabbitmq.connection-timeout=2s", "tradebot.outbox.relay-interval=1h" })
@DirtiesContext
class OutboxGroupCommitIT {

    static {
        TestServices.install();
    }

    @Autowired
    AuditTrail auditTrail;

    @Autowired
    Outbox outbox;

    @Autowired
    Jdbi jdbi;

    @Test
    void rowsOfCallersArrivingDuringAWriteAreCommittedTogether() throws Exception {
        jdbi.useHandle(h -> h.execute("delete from outbox"));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.add(new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), "login", "192.0.2.1", "test", Instant.now()));
        }
        List<Future<?>> calls = new ArrayList<>();
        try (Handle blocker = jdbi.open()) {
            // The first caller's insert waits behind this lock; the others queue up meanwhile.
            blocker.begin();
            blocker.execute("lock table outbox in exclusive mode");
            calls.add(callers.submit(() -> auditTrail.record(events.get(0))));
            awaitInsertWaitingForLock();
            for (int i = 1; i < 8; i++) {
                AuditEvent event = events.get(i);
                calls.add(callers.submit(() -> auditTrail.record(event)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (outbox.queuedRows() < 7 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(outbox.queuedRows()).as("the later callers wait for the next batch").isEqualTo(7);
            assertThat(calls).as("no caller returns before its row is committed").noneMatch(Future::isDone);
            blocker.rollback();
        }
        for (Future<?> call : calls) {
            call.get(30, TimeUnit.SECONDS);
        }
        callers.shutdown();

        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(
                "select payload, created_at from outbox order by id").mapToMap().list());
        assertThat(rows).hasSize(8);
        for (int i = 0; i < 8; i++) {
            AuditEvent event = events.get(i);
            assertThat(rows).as("event %d kept", i).anySatisfy(row -> assertThat((String) row.get("payload"))
                    .contains(event.id().toString()));
        }
        assertThat((String) rows.get(0).get("payload")).contains(events.get(0).id().toString());
        // One statement gives its rows one instant; two statements two.
        assertThat(rows.stream().map(row -> row.get("created_at")).distinct().count())
                .as("the first row alone, the seven others in one statement").isEqualTo(2);
        assertThat(rows.subList(1, 8).stream().map(row -> row.get("created_at")).distinct().count()).isEqualTo(1);
        jdbi.useHandle(h -> h.execute("delete from outbox"));
    }

    private void awaitInsertWaitingForLock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long waiting = jdbi.withHandle(h -> h.createQuery("""
                    select count(*) from pg_stat_activity
                    where datname = current_database() and wait_event_type = 'Lock' and query like '%insert into outbox%'
                    """).mapTo(Long.class).one());
            if (waiting > 0) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the first caller's insert never waited for the lock");
    }
}
