package app.tradebot.platform.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.tradebot.platform.persistence.GroupCommit;
import app.tradebot.runtime.RequestIds;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.HandleSupplier;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way a function publishes a message to another function's queue: a transactional outbox.
 *
 * <p>{@link #publish(Handle, String, Object)} writes the message as a row of table {@code outbox}
 * through the caller's jdbi handle, so it commits or rolls back with the caller's own rows: a
 * backtest row and its task, a user and the audit event of the sign-up. After the commit the
 * message is sent at once, best effort ({@link OutboxRelay#deliverNow}): in a long-running process the
 * caller returns at its commit, in a Lambda it waits at most 2 s for the broker's confirm; when RabbitMQ is down the
 * row stays and the {@link OutboxRelay relay} sends it once the broker is back. The caller's
 * request never fails because of the broker and a committed message is never lost.
 *
 * <pre>{@code
 * jdbi.useTransaction(handle -> {
 *     handle.attach(JobDao.class).insert(JobDao.BACKTESTS, id, userId, spec);
 *     outbox.publish(handle, "runBacktest", new JobTask(id));
 * });
 * // no transaction of one's own: a transaction of its own, or the surrounding Spring transaction
 * outbox.publish("recordAuditEvent", event);
 * }</pre>
 *
 * <ul>
 * <li>{@code function} is the receiving function's name: its MQ event in template.yaml names the
 * queue. A name without one throws {@link IllegalStateException} at once, not at delivery.</li>
 * <li>{@code payload} is written as JSON with the application's {@code JsonMapper}, exactly as the
 * receiving {@link QueueConsumers} function reads it.</li>
 * <li>Headers: the id of the API request being handled (header {@value RequestIds#MESSAGE_HEADER})
 * is kept with the row and sent with the message, so the worker logs under the same request id,
 * however late the message is delivered. Extra headers are strings.</li>
 * <li>Delivery is at least once (a confirm whose row could not be deleted, or whose delete a crash of
 * PostgreSQL lost, is sent again) and in no
 * guaranteed order: receivers are idempotent (audit events by their id, jobs by a conditional
 * claim).</li>
 * <li>Where the relay runs: in every local process playing the gateway or worker role, every
 * {@code tradebot.outbox.relay-interval} (2 s); in AWS, the scheduled function {@code relayOutbox}
 * (template.yaml, every minute) besides the immediate send of each invocation.</li>
 * </ul>
 */
@Component
public class Outbox {

    private final Jdbi jdbi;
    private final ConfirmedPublisher publisher;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;
    /** The rows of concurrent callers without a transaction, written in one statement and one commit. */
    private final GroupCommit<Row, Long> rows;

    Outbox(Jdbi jdbi, ConfirmedPublisher publisher, OutboxRelay relay, JsonMapper json, ObjectProvider<Clock> clock) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.relay = relay;
        this.json = json;
        // The application's clock when it defines one (tests move it), else the system's.
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.rows = new GroupCommit<>(this::insertAll, this::insert);
    }

    /** Writes {@code payload} for {@code function}'s queue in {@code handle}'s transaction. */
    public void publish(Handle handle, String function, Object payload) {
        publish(handle, function, payload, Map.of());
    }

    /** As {@link #publish(Handle, String, Object)}, with extra message headers. */
    public void publish(Handle handle, String function, Object payload, Map<String, String> headers) {
        long id = insert(handle, function, payload, headers);
        sendAfterCommit(handle, () -> relay.deliverNow(id));
    }

    private long insert(Handle handle, String function, Object payload, Map<String, String> headers) {
        // An unknown function is a programming error: refused now, never left in the table.
        publisher.queueOf(function);
        Instant now = clock.instant();
        return OutboxStatements.insert(handle, function, json.writeValueAsString(payload), headers(headers), now,
                now.plus(OutboxRelay.SENT_AT_ONCE));
    }

    /**
     * As {@link #publish(Handle, String, Object)} for many messages to one function: one statement writes
     * them all, and after the commit they are sent together, their confirms awaited together (a scheduled
     * job queueing a task per subject).
     */
    public void publishAll(Handle handle, String function, List<?> payloads) {
        publisher.queueOf(function);
        if (payloads.isEmpty()) {
            return;
        }
        List<Long> ids = handle.attach(OutboxDao.class).insertAll(function,
                payloads.stream().map(json::writeValueAsString).toArray(String[]::new), headers(Map.of()), clock.instant());
        sendAfterCommit(handle, () -> relay.deliverNow(ids));
    }

    /** The message headers: {@code extra}, and the id of the API request being handled. */
    private String headers(Map<String, String> extra) {
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (extra.isEmpty() && requestId == null) {
            return "{}";
        }
        Map<String, String> all = new HashMap<>(extra);
        if (requestId != null) {
            all.putIfAbsent(RequestIds.MESSAGE_HEADER, requestId);
        }
        return json.writeValueAsString(all);
    }

    /**
     * For a caller without a handle: joins the surrounding Spring transaction if there is one,
     * else writes the row in a transaction of its own and sends it at once.
     */
    public void publish(String function, Object payload) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbi.useHandle(handle -> publish(handle, function, payload));
            return;
        }
        HandleSupplier current = jdbi.getHandleScope().get();
        if (current != null && current.getHandle().isInTransaction()) {
            // Inside a jdbi transaction of the caller's on this thread: the row is written in it.
            publish(current.getHandle(), function, payload);
            return;
        }
        // Out of a transaction the row is committed at once, with those of concurrent callers (one commit), and
        // the send then waits for the broker without holding a connection: callers beyond the pool's size never
        // starve the sender of one (nor each other).
        publisher.queueOf(function);
        long id = rows.write(new Row(function, json.writeValueAsString(payload), headers(Map.of())));
        relay.deliverNow(id);
    }

    /** Callers without a transaction whose rows wait for the next group commit. */
    int queuedRows() {
        return rows.queued();
    }

    private long insert(Row row) {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> OutboxStatements.insert(handle, row.function(), row.payload(), row.headers(),
                now, now.plus(OutboxRelay.SENT_AT_ONCE)));
    }

    private List<Long> insertAll(List<Row> batch) {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> OutboxStatements.insertEach(handle,
                batch.stream().map(Row::function).toArray(String[]::new),
                batch.stream().map(Row::payload).toArray(String[]::new),
                batch.stream().map(Row::headers).toArray(String[]::new), now, now.plus(OutboxRelay.SENT_AT_ONCE)));
    }

    private static void sendAfterCommit(Handle handle, Runnable send) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send.run();
                }
            });
        }
        else if (handle.isInTransaction()) {
            handle.afterCommit(send);
        }
        else {
            send.run();
        }
    }

    /** A message of a caller without a transaction, its payload and headers as JSON. */
    private record Row(String function, String payload, String headers) {
    }
}
