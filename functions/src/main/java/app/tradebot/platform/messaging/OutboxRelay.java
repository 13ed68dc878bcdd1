package app.tradebot.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sends the {@link Outbox}'s rows to RabbitMQ with publisher confirms and deletes each once the
 * broker confirmed it. A row the broker did not take stays, retried after a backoff that grows
 * with its attempts up to {@link #MAX_BACKOFF}; a pass stops at the first failure (the broker is
 * most likely down, the other rows would fail alike). Rows are locked with {@code skip locked},
 * so any number of relays (the gateway's, the worker's, the scheduled function) share the table
 * without sending a row twice.
 *
 * <p>Its transactions commit without waiting for the WAL flush ({@link OutboxStatements#commitWithoutFlush}): what
 * they write (a confirmed row's delete, a failed attempt's count) may be lost only by a crash of PostgreSQL
 * itself, and then the row is sent again, which at-least-once delivery allows (receivers are idempotent). A
 * caller so waits for one durable flush, its row's, and the broker's confirm, not for a second flush.
 *
 * <p>Whether a caller waits for its just-committed row's confirm depends on the process. In a long-running
 * process (the gateway or worker role, the all-in-one jar) it does not: the row is durable once committed,
 * the process's sender publishes it at once with whatever other rows were committed meanwhile, and the
 * process's relay loop sends whatever the sender could not. In a Lambda (no role) it does, at most
 * {@link #SEND_WAIT}: a function frozen after it returned cannot send, and its message would otherwise wait for
 * the next scheduled {@code relayOutbox}.
 */
@Component
public class OutboxRelay {

    static final int BATCH = 100;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** After a failed send, requests stop trying to send at once for this long; the relay keeps trying. */
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(5);
    /**
     * A row sent at once after its commit is due for the relay only this much later: the relays (the process's
     * own, the other processes') leave it to the sender of the process that wrote it, unless that process died or
     * its sender fell behind this far. A send that failed gives the row its backoff instead.
     */
    static final Duration SENT_AT_ONCE = Duration.ofSeconds(5);
    /** The longest a caller waits for the immediate send of its message, where it waits (a Lambda). */
    static final Duration SEND_WAIT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };
    /** Headers of a message without any, as PostgreSQL gives back the {@code jsonb}. */
    private static final String NO_HEADERS = "{}";

    private final Jdbi jdbi;
    private final ConfirmedPublisher publisher;
    private final ObjectReader headersReader;
    private final Clock clock;
    /** A Lambda's caller waits for its message's confirm; a long-running process's caller is released at its commit. */
    private final boolean callerWaits;
    private final AtomicLong pending = new AtomicLong();
    /** Single rows waiting for their immediate send. */
    private final Queue<Immediate> waiting = new ConcurrentLinkedQueue<>();
    private volatile Instant pausedUntil = Instant.MIN;
    // Immediate sends: up to 4 at once, 1,000 waiting; beyond that the relay sends them.
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "outbox-send");
                thread.setDaemon(true);
                return thread;
            });

    OutboxRelay(Jdbi jdbi, ConfirmedPublisher publisher, JsonMapper json, ObjectProvider<Clock> clock,
            Environment environment) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.headersReader = json.readerFor(HEADERS);
        // The application's clock when it defines one (tests move it), else the system's.
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.callerWaits = !MessagingConfiguration.relaysHere(environment);
        sender.allowCoreThreadTimeOut(true);
    }

    /**
     * Sends one just-committed row; in a Lambda waits for it at most {@link #SEND_WAIT}, elsewhere returns at
     * once. Never throws: what it cannot send (in time) waits for the relay. The send runs on a small pool of its
     * own, so a broker that hangs or retries its connection holds that pool, never the caller's request.
     */
    void deliverNow(long id) {
        if (clock.instant().isBefore(pausedUntil)) {
            return;
        }
        Immediate immediate = new Immediate(id, new CompletableFuture<>());
        waiting.add(immediate);
        try {
            sender.execute(this::deliverWaiting);
        }
        catch (RejectedExecutionException e) {
            waiting.remove(immediate);
            return;
        }
        if (!callerWaits) {
            return;
        }
        try {
            immediate.sent().get(SEND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            // A broker this slow is in trouble: the next requests leave their messages to the relay.
            pausedUntil = clock.instant().plus(PAUSE_AFTER_FAILURE);
            log.debug("Outbox message {} not confirmed within {}; it is sent on in the background", id, SEND_WAIT);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException e) {
            log.warn("Outbox message {} is left for the relay: {}", id, e.getCause().toString());
        }
    }

    /**
     * One sender's turn: the single rows callers committed meanwhile, up to {@link #BATCH}, sent in one pass
     * whose confirms are awaited together (concurrent requests share a round trip to the broker and one
     * delete); each caller learns when its pass ended. Nothing waiting: another sender took them.
     */
    private void deliverWaiting() {
        List<Immediate> batch = new ArrayList<>();
        Immediate next;
        while (batch.size() < BATCH && (next = waiting.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            deliver(batch.stream().map(Immediate::id).toList());
            batch.forEach(immediate -> immediate.sent().complete(null));
        }
        catch (RuntimeException e) {
            batch.forEach(immediate -> immediate.sent().completeExceptionally(e));
        }
    }

    /**
     * As {@link #deliverNow(long)} for rows committed together: sent in one pass, their confirms awaited
     * together. The caller does not wait for a batch (a scheduled job queueing hundreds of tasks): it goes
     * on to its next one while this one is sent; for one row it waits as {@link #deliverNow(long)} does.
     */
    void deliverNow(List<Long> ids) {
        if (clock.instant().isBefore(pausedUntil)) {
            return;
        }
        Future<?> sending;
        try {
            sending = sender.submit(() -> deliver(ids));
        }
        catch (RejectedExecutionException e) {
            return;
        }
        if (ids.size() > 1 || !callerWaits) {
            return;
        }
        try {
            sending.get(SEND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            // A broker this slow is in trouble: the next requests leave their messages to the relay.
            pausedUntil = clock.instant().plus(PAUSE_AFTER_FAILURE);
            log.debug("Outbox messages {} not confirmed within {}; they are sent on in the background", ids, SEND_WAIT);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException e) {
            log.warn("Outbox messages {} are left for the relay: {}", ids, e.getCause().toString());
        }
    }

    private void deliver(List<Long> ids) {
        try {
            jdbi.useTransaction(handle -> {
                OutboxStatements.commitWithoutFlush(handle);
                sendAll(handle, OutboxStatements.lockAll(handle, ids.stream().mapToLong(Long::longValue).toArray()), true);
            });
        }
        catch (RuntimeException e) {
            log.warn("Outbox messages {} are left for the relay: {}", ids, e.toString());
        }
    }

    /**
     * Hands every message to the broker, then awaits their confirms and deletes the confirmed rows in one
     * statement; a message not confirmed stays, with its backoff, like one {@link #send} could not send.
     * Once a send fails the rest are not tried: with {@code countUntried} they are counted as failed
     * attempts too (a batch sent at once), without it they stay as they were (a relay pass stops at the
     * first failure). Returns how many were confirmed.
     */
    private int sendAll(Handle handle, List<OutboxMessage> messages, boolean countUntried) {
        if (messages.isEmpty()) {
            return 0;
        }
        return publisher.onOneChannel(() -> sendAllOnOneChannel(handle, messages, countUntried));
    }

    private int sendAllOnOneChannel(Handle handle, List<OutboxMessage> messages, boolean countUntried) {
        List<ConfirmedPublisher.Sent> sent = new ArrayList<>(messages.size());
        RuntimeException failure = null;
        for (OutboxMessage message : messages) {
            try {
                sent.add(publisher.send(message.function(), "outbox message " + message.id(),
                        message.payload().getBytes(StandardCharsets.UTF_8), headers(message.headers())));
            }
            catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        long[] confirmed = new long[messages.size()];
        int count = 0;
        for (int i = 0; i < messages.size(); i++) {
            OutboxMessage message = messages.get(i);
            RuntimeException error = failure;
            if (i < sent.size()) {
                try {
                    sent.get(i).await();
                    confirmed[count++] = message.id();
                    continue;
                }
                catch (RuntimeException e) {
                    error = e;
                }
            }
            else if (i > sent.size() && !countUntried) {
                break;
            }
            Instant now = clock.instant();
            pausedUntil = now.plus(PAUSE_AFTER_FAILURE);
            handle.attach(OutboxDao.class).failed(message.id(), error.getMessage(), now.plus(backoff(message.attempts())));
            log.warn("Outbox message {} for {} not sent (attempt {}): {}", message.id(), message.function(),
                    message.attempts() + 1, error.getMessage());
        }
        if (count > 0) {
            OutboxStatements.deleteAll(handle, Arrays.copyOf(confirmed, count));
            pausedUntil = Instant.MIN;
        }
        return count;
    }

    /**
     * A row's headers: none without parsing (a message published outside a request), else read by a reader
     * resolved once.
     */
    private Map<String, String> headers(String stored) {
        return NO_HEADERS.equals(stored) ? Map.of() : headersReader.readValue(stored);
    }

    /** Sends every due row, in batches; returns how many the broker confirmed. */
    public int relay() {
        int sent = 0;
        while (true) {
            Pass pass = jdbi.inTransaction(handle -> {
                OutboxStatements.commitWithoutFlush(handle);
                List<OutboxMessage> due = handle.attach(OutboxDao.class).lockDue(clock.instant(), BATCH);
                // One pass's messages share their round trip to the broker: confirms are awaited together.
                int confirmed = sendAll(handle, due, false);
                return new Pass(confirmed, due.size(), confirmed < due.size());
            });
            sent += pass.confirmed();
            if (pass.stopped() || pass.due() < BATCH) {
                break;
            }
        }
        pending.set(jdbi.withHandle(handle -> handle.attach(OutboxDao.class).pending()));
        if (sent > 0) {
            log.info("Outbox relay sent {} messages ({} left)", sent, pending.get());
        }
        return sent;
    }

    @PreDestroy
    void close() {
        sender.shutdownNow();
    }

    /** Rows in the outbox when the last relay pass ended. */
    long pending() {
        return pending.get();
    }

    /** 1 s after the first failure, doubling up to {@link #MAX_BACKOFF}. */
    static Duration backoff(int attemptsBefore) {
        return Duration.ofSeconds(Math.min(1L << Math.min(attemptsBefore, 10), MAX_BACKOFF.toSeconds()));
    }

    private record Pass(int confirmed, int due, boolean stopped) {
    }

    /** A caller's just-committed row, and when its immediate send ended. */
    private record Immediate(long id, CompletableFuture<Void> sent) {
    }
}
