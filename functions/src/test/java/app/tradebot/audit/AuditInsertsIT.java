package app.tradebot.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * recordAuditEvent's group commit against the real PostgreSQL: events handed in at once by many
 * consumers are all stored, each caller returns only once its row exists, a redelivered event stays
 * one row, and an event the database refuses fails its own caller only.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AuditInsertsIT {

    static {
        TestServices.install();
    }

    @Autowired
    Jdbi jdbi;

    @Test
    void concurrentCallersEachFindTheirRowStoredWhenTheyReturn() throws Exception {
        AuditInserts inserts = new AuditInserts(jdbi);
        String type = "group-" + UUID.randomUUID().toString().substring(0, 8);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            AuditEvent event = event(type);
            calls.add(() -> {
                inserts.insert(event);
                return rowExists(event.id());
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Boolean> stored : pool.invokeAll(calls)) {
                assertThat(stored.get()).isTrue();
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(count(type)).isEqualTo(200);
    }

    @Test
    void aRedeliveredEventStaysOneRow() {
        AuditInserts inserts = new AuditInserts(jdbi);
        AuditEvent event = event("group-again");
        inserts.insert(event);
        inserts.insert(event);
        int rows = jdbi.withHandle(h -> h.createQuery("select count(*) from audit_events where id = :id")
                .bind("id", event.id()).mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void anEventTheDatabaseRefusesFailsItsOwnCallerOnly() throws Exception {
        AuditInserts inserts = new AuditInserts(jdbi);
        String type = "group-" + UUID.randomUUID().toString().substring(0, 8);
        AuditEvent refused = new AuditEvent(UUID.randomUUID(), null, "x".repeat(65), null, null, Instant.now());
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            AuditEvent event = i % 10 == 5 ? refused : event(type);
            calls.add(() -> {
                inserts.insert(event);
                return true;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int failed = 0;
        try {
            for (Future<Boolean> call : pool.invokeAll(calls)) {
                try {
                    call.get();
                }
                catch (ExecutionException e) {
                    failed++;
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(failed).isEqualTo(4);
        assertThat(count(type)).isEqualTo(36);
        assertThat(rowExists(refused.id())).isFalse();
    }

    private static AuditEvent event(String type) {
        return new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), type, "203.0.113.9", "it/1.0",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private boolean rowExists(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from audit_events where id = :id")
                .bind("id", id).mapTo(Integer.class).one()) == 1;
    }

    private int count(String type) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from audit_events where type = :type")
                .bind("type", type).mapTo(Integer.class).one());
    }
}
