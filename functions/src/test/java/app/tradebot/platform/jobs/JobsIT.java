package app.tradebot.platform.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs mechanism against the real database, on the backtests table: one claim per queued job, the
 * attempt as fencing token, a stale run of a resumable kind taken over and the old run fenced out.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class JobsIT {

    static {
        TestServices.install();
    }

    static final JobKind ONCE = new JobKind("backtests", "runBacktest", Duration.ofMillis(300), false);
    static final JobKind RESUMABLE = new JobKind("backtests", "runBacktest", Duration.ofMillis(300), true);

    @Autowired
    Jobs jobs;

    @Autowired
    Jdbi jdbi;

    @Autowired
    JdbcTemplate jdbc;

    UUID user;

    @BeforeEach
    void user() {
        user = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'x')", user, user + "@example.com");
    }

    UUID queued() {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into backtests (id, user_id, request) values (?, ?, '{}'::jsonb)", id, user);
        return id;
    }

    boolean holds(Lease lease) {
        return jdbi.inTransaction(handle -> jobs.holds(handle, lease));
    }

    @Test
    void aQueuedJobIsClaimedOnceAndItsAttemptIsTheFence() {
        UUID id = queued();

        Optional<Lease> first = jobs.claim(ONCE, id);
        Optional<Lease> redelivered = jobs.claim(ONCE, id);

        assertThat(first).isPresent();
        assertThat(first.get().fence()).isEqualTo(1);
        assertThat(first.get().job().status()).isEqualTo(JobStatus.running);
        assertThat(redelivered).isEmpty();
        assertThat(jobs.heartbeat(first.get(), 40)).isTrue();
        assertThat(jobs.view(ONCE, id, user).orElseThrow().progress()).isEqualTo(40);
        assertThat(jobs.view(ONCE, id, UUID.randomUUID())).isEmpty();
        assertThat(jobs.finish(first.get(), "{\"metrics\":{\"x\":1}}")).isTrue();
        assertThat(jobs.finish(first.get(), "{}")).as("a finished job is not finished twice").isFalse();
        JobRow row = jobs.view(ONCE, id, user).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.succeeded);
        assertThat(row.progress()).isEqualTo(100);
        assertThat(jobs.list(ONCE, user, 10)).extracting(JobRow::result).containsExactly("{\"x\": 1}");
    }

    @Test
    void aStaleRunOfAResumableKindIsTakenOverAndTheOldRunCanWriteNothing() {
        UUID id = queued();
        Lease old = jobs.claim(RESUMABLE, id).orElseThrow();
        assertThat(jobs.claim(RESUMABLE, id)).as("a live run keeps its lease").isEmpty();
        assertThat(holds(old)).isTrue();

        LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        Lease taker = jobs.claim(RESUMABLE, id).orElseThrow();

        assertThat(taker.fence()).isEqualTo(2);
        assertThat(holds(old)).isFalse();
        assertThat(holds(taker)).isTrue();
        assertThat(jobs.heartbeat(old, 50)).isFalse();
        assertThat(jobs.finish(old, null)).isFalse();
        assertThat(jobs.fail(old, "late")).isFalse();
        assertThat(jobs.finish(taker, null)).isTrue();
        assertThat(jobs.view(RESUMABLE, id, user).orElseThrow().status()).isEqualTo(JobStatus.succeeded);
    }

    @Test
    void aStaleRunOfAOnceKindIsNotClaimedAgainButExpired() {
        UUID id = queued();
        jobs.claim(ONCE, id).orElseThrow();
        LockSupport.parkNanos(Duration.ofMillis(500).toNanos());

        assertThat(jobs.claim(ONCE, id)).isEmpty();
        assertThat(jobs.expire(ONCE, java.time.Instant.now().minusMillis(300), "gone")).contains(id);
        JobRow row = jobs.view(ONCE, id, user).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.failed);
        assertThat(row.error()).isEqualTo("gone");
    }

    @Test
    void cancelAndDeleteActOnlyOnTheOwnersJob() {
        UUID id = queued();

        assertThat(jobs.cancel(ONCE, id, UUID.randomUUID())).isFalse();
        assertThat(jobs.cancel(ONCE, id, user)).isTrue();
        assertThat(jobs.claim(ONCE, id)).as("a cancelled job is not run").isEmpty();
        assertThat(jobs.delete(ONCE, id, UUID.randomUUID())).isFalse();
        assertThat(jobs.delete(ONCE, id, user)).isTrue();
        assertThat(jobs.find(ONCE, id)).isEmpty();
    }
}
