package app.tradebot.platform.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.platform.messaging.Outbox;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import org.springframework.stereotype.Component;

/**
 * The one mechanism of background jobs: a {@link JobKind} names the table and the queue; a job is
 * enqueued (row, then task), claimed for one run with a lease and a fencing token, kept alive by
 * heartbeats, and finished, failed, cancelled or expired. Every change of status is a conditional
 * update, so a cancelled, expired or finished job is never overwritten by a late worker, and a run
 * whose lease was taken over cannot write any more.
 */
@Component
public class Jobs {

    private static final String COLUMNS = """
            id, user_id, request::text as request, status, progress, error, result::text as result,
            created_at, started_at, finished_at, heartbeat_at, attempt""";
    private static final RowMapper<JobRow> ROWS = ConstructorMapper.of(JobRow.class);

    private final Jdbi jdbi;
    private final Outbox outbox;

    public Jobs(Jdbi jdbi, Outbox outbox) {
        this.jdbi = jdbi;
        this.outbox = outbox;
    }

    /**
     * Stores a new queued job and its task in one transaction (the outbox): the task reaches the queue
     * whenever the broker can take it, so a queued job is never left without one and a broker outage
     * does not fail the submission.
     */
    public void enqueue(JobKind kind, UUID id, UUID userId, String request) {
        enqueue(kind, id, userId, request, handle -> {
        });
    }

    /**
     * As {@link #enqueue(JobKind, UUID, UUID, String)}, with {@code first} run at the start of the same
     * transaction (a quota check): when it throws, nothing is stored and nothing is queued.
     */
    public void enqueue(JobKind kind, UUID id, UUID userId, String request, Consumer<Handle> first) {
        jdbi.useTransaction(handle -> {
            first.accept(handle);
            handle.createUpdate("insert into <table> (id, user_id, request) values (:id, :userId, cast(:request as jsonb))")
                    .define("table", kind.table())
                    .bind("id", id)
                    .bind("userId", userId)
                    .bind("request", request)
                    .execute();
            outbox.publish(handle, kind.function(), new JobTask(id));
        });
    }

    /**
     * A recurring job (one row per subject, run again and again): its row is made queued unless a run
     * holds it, then its task is published. A task for a job that is running already is dropped by
     * {@link #claim} unless that run went stale.
     */
    public void requeue(JobKind kind, UUID id, UUID userId) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                        insert into <table> (id, user_id, request) values (:id, :userId, '{}'::jsonb)
                        on conflict (id) do update set status = 'queued', error = null, progress = 0
                        where <table>.status <> 'running'
                        """)
                    .define("table", kind.table())
                    .bind("id", id)
                    .bind("userId", userId)
                    .execute();
            outbox.publish(handle, kind.function(), new JobTask(id));
        });
    }

    /** A recurring job's subject: its id and its user. */
    public record Subject(UUID id, UUID userId) {
    }

    /**
     * {@link #requeue(JobKind, UUID, UUID)} for many jobs in one transaction: one statement for the rows, one
     * for their tasks, which are then sent together (a scheduled job queueing a run per subject).
     */
    public void requeue(JobKind kind, List<Subject> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                        insert into <table> (id, user_id, request)
                        select id, user_id, '{}'::jsonb from unnest(:ids, :userIds) as s(id, user_id)
                        on conflict (id) do update set status = 'queued', error = null, progress = 0
                        where <table>.status <> 'running'
                        """)
                    .define("table", kind.table())
                    .bind("ids", subjects.stream().map(Subject::id).toArray(UUID[]::new))
                    .bind("userIds", subjects.stream().map(Subject::userId).toArray(UUID[]::new))
                    .execute();
            outbox.publishAll(handle, kind.function(), subjects.stream().map(subject -> new JobTask(subject.id())).toList());
        });
    }

    /**
     * Takes a queued job for one run (or, for a resumable kind, a running one whose heartbeat is stale):
     * the attempt goes up by one and is the run's fencing token. Empty when the job is anything else (a
     * redelivery, a cancel, a live run).
     */
    public Optional<Lease> claim(JobKind kind, UUID id) {
        String takeover = kind.resumable()
                ? " or (status = 'running' and heartbeat_at < now() - make_interval(secs => "
                        + kind.staleAfter().toMillis() / 1000.0 + "))" : "";
        return jdbi.withHandle(handle -> handle.createQuery("""
                        update <table> set status = 'running', started_at = now(), heartbeat_at = now(), progress = 0,
                               attempt = attempt + 1, error = null, finished_at = null
                        where id = :id and (status = 'queued'<takeover>)
                        returning\s""" + COLUMNS)
                .define("table", kind.table())
                .define("takeover", takeover)
                .bind("id", id)
                .map(ROWS)
                .findOne())
                .map(row -> new Lease(kind, id, row.attempt(), row));
    }

    /** Writes the progress (0–99) and the heartbeat; false when the lease no longer holds: the run must stop. */
    public boolean heartbeat(Lease lease, int progress) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        update <table> set progress = :progress, heartbeat_at = now()
                        where id = :id and status = 'running' and attempt = :fence
                        """)
                .define("table", lease.kind().table())
                .bind("id", lease.id())
                .bind("fence", lease.fence())
                .bind("progress", progress)
                .execute()) > 0;
    }

    /** Ends the run {@code succeeded} with its result (JSON, may be null); false when the lease no longer held. */
    public boolean finish(Lease lease, String result) {
        return finish(lease, result, handle -> {
        });
    }

    /**
     * As {@link #finish(Lease, String)}, with {@code alsoOnSuccess} run in the same transaction when the
     * result is stored (a notification): it happens exactly when the job succeeds, never for a run that
     * lost its lease or was cancelled meanwhile.
     */
    public boolean finish(Lease lease, String result, Consumer<Handle> alsoOnSuccess) {
        return jdbi.inTransaction(handle -> {
            boolean stored = handle.createUpdate("""
                        update <table> set status = 'succeeded', progress = 100, result = cast(:result as jsonb),
                               finished_at = now(), heartbeat_at = now()
                        where id = :id and status = 'running' and attempt = :fence
                        """)
                    .define("table", lease.kind().table())
                    .bind("id", lease.id())
                    .bind("fence", lease.fence())
                    .bind("result", result)
                    .execute() > 0;
            if (stored) {
                alsoOnSuccess.accept(handle);
            }
            return stored;
        });
    }

    /** How many of the user's jobs of this kind are queued or running (for quotas). */
    public long active(Handle handle, JobKind kind, UUID userId) {
        return handle.createQuery("select count(*) from <table> where user_id = :userId and status in ('queued', 'running')")
                .define("table", kind.table())
                .bind("userId", userId)
                .mapTo(Long.class)
                .one();
    }

    /**
     * Gives a run's job back: queued again, with a new task published in the same transaction, when a server
     * the run needed went away while it ran (not the run's fault, so running it again will do). False when the
     * lease no longer held (cancelled, deleted, or taken over): nothing is published then.
     */
    public boolean release(Lease lease) {
        return jdbi.inTransaction(handle -> {
            boolean released = handle.createUpdate("""
                            update <table> set status = 'queued', progress = 0, started_at = null, error = null
                            where id = :id and status = 'running' and attempt = :fence
                            """)
                    .define("table", lease.kind().table())
                    .bind("id", lease.id())
                    .bind("fence", lease.fence())
                    .execute() > 0;
            if (released) {
                outbox.publish(handle, lease.kind().function(), new JobTask(lease.id()));
            }
            return released;
        });
    }

    /** Ends the run {@code failed} with the reason; false when the lease no longer held. */
    public boolean fail(Lease lease, String error) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        update <table> set status = 'failed', error = :error, finished_at = now()
                        where id = :id and status = 'running' and attempt = :fence
                        """)
                .define("table", lease.kind().table())
                .bind("id", lease.id())
                .bind("fence", lease.fence())
                .bind("error", error)
                .execute()) > 0;
    }

    /** Fails a queued or running job whoever runs it; false when it is over already or gone. */
    public boolean fail(JobKind kind, UUID id, String error) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        update <table> set status = 'failed', error = :error, finished_at = now()
                        where id = :id and status in ('queued', 'running')
                        """)
                .define("table", kind.table())
                .bind("id", id)
                .bind("error", error)
                .execute()) > 0;
    }

    /**
     * Inside the caller's transaction: whether the lease still holds. The row is locked for share until
     * the transaction ends, so no claim can take the job over before the caller's writes commit.
     */
    public boolean holds(Handle handle, Lease lease) {
        return handle.createQuery("""
                        select 1 from <table> where id = :id and status = 'running' and attempt = :fence for share
                        """)
                .define("table", lease.kind().table())
                .bind("id", lease.id())
                .bind("fence", lease.fence())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    /** Fails running jobs whose worker has not written a heartbeat since {@code staleBefore}; their ids. */
    public List<UUID> expire(JobKind kind, Instant staleBefore, String error) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        update <table> set status = 'failed', error = :error, finished_at = now()
                        where status = 'running' and heartbeat_at < :staleBefore
                        returning id
                        """)
                .define("table", kind.table())
                .bind("staleBefore", staleBefore)
                .bind("error", error)
                .mapTo(UUID.class)
                .list());
    }

    /** The user's job; another user's is empty like one that does not exist. */
    public Optional<JobRow> view(JobKind kind, UUID id, UUID userId) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " from <table> where id = :id and user_id = :userId")
                .define("table", kind.table())
                .bind("id", id)
                .bind("userId", userId)
                .map(ROWS)
                .findOne());
    }

    /** The job whoever owns it (the worker's view). */
    public Optional<JobRow> find(JobKind kind, UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " from <table> where id = :id")
                .define("table", kind.table())
                .bind("id", id)
                .map(ROWS)
                .findOne());
    }

    /** The user's newest jobs first; {@code result} holds only its {@code metrics} member (lists stay small). */
    public List<JobRow> list(JobKind kind, UUID userId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select id, user_id, request::text as request, status, progress, error,
                               (result -> 'metrics')::text as result, created_at, started_at, finished_at, heartbeat_at,
                               attempt
                        from <table> where user_id = :userId order by created_at desc, id limit :limit
                        """)
                .define("table", kind.table())
                .bind("userId", userId)
                .bind("limit", limit)
                .map(ROWS)
                .list());
    }

    /** Cancels the user's queued or running job; false when there is none in those states. */
    public boolean cancel(JobKind kind, UUID id, UUID userId) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        update <table> set status = 'cancelled', finished_at = now()
                        where id = :id and user_id = :userId and status in ('queued', 'running')
                        """)
                .define("table", kind.table())
                .bind("id", id)
                .bind("userId", userId)
                .execute()) > 0;
    }

    /**
     * Ends whatever run holds the job, whoever owns it: a queued or running job is cancelled and its attempt
     * raised, so the run that held it is fenced out at its next write. False when nothing held it.
     */
    public boolean revoke(JobKind kind, UUID id) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        update <table> set status = 'cancelled', attempt = attempt + 1, finished_at = now()
                        where id = :id and status in ('queued', 'running')
                        """)
                .define("table", kind.table())
                .bind("id", id)
                .execute()) > 0;
    }

    public boolean delete(JobKind kind, UUID id, UUID userId) {
        return jdbi.withHandle(handle -> handle.createUpdate("delete from <table> where id = :id and user_id = :userId")
                .define("table", kind.table())
                .bind("id", id)
                .bind("userId", userId)
                .execute()) > 0;
    }
}
