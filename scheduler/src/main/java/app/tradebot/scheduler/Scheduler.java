package app.tradebot.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The local EventBridge Scheduler. For every enabled ScheduleV2/Schedule event of template.yaml it
 * computes the ticks of the schedule expression and, at each tick, publishes the event's Input
 * (context attributes filled in) on the function's queue {@code schedule.<function>}.
 *
 * <h2>Exactly once per tick, with any number of replicas</h2>
 * Each replica computes the same ticks (cron and at() from the expression; rate() on a grid
 * counted from the Unix epoch). To fire a tick a replica, in one database transaction, inserts
 * {@code (job, scheduled_time)} into {@code scheduler.schedule_fires} with
 * {@code ON CONFLICT DO NOTHING}; only the replica whose row went in publishes, waits for the
 * broker's publisher confirm, and commits. A replica that finds the row taken does nothing; one
 * that meets another's uncommitted row waits for that transaction and takes the tick over if it
 * rolls back. A failed publish rolls the row back, and the tick is retried at the next wake-up.
 * Residual risk: the broker confirmed the message but the commit then failed (database lost in
 * that instant). The tick is then sent but not recorded, and a replica may send it once more:
 * in that corner the guarantee is at least once, never zero times for a confirmed publish.
 * Consumers that must not act twice can use the message id (the execution id).
 *
 * <h2>Missed ticks</h2>
 * Each replica keeps a cursor per job: ticks at or before it are settled. At start-up the cursor
 * is the latest scheduled time in schedule_fires for the job (fired by any replica), or now for
 * a job never fired (a new job does not fire retroactively). At each wake-up the ticks in
 * {@code (cursor, now]} are due. Only the latest of them fires, with its own scheduled time; the
 * earlier ones are coalesced into it (logged, counted as {@code missed{reason=coalesced}}). So
 * after downtime a job fires once, not once per missed tick. A tick older than
 * {@code tradebot.scheduler.max-catch-up} (default 24h, EventBridge Scheduler's default maximum
 * event age) never fires: it is logged and counted as {@code missed{reason=expired}}. The
 * latest missed tick of a recurring schedule is always less than one interval old, so the bound
 * matters for long intervals (a weekly cron missed by days) and for at() schedules.
 *
 * <h2>Housekeeping</h2>
 * Each fire deletes the job's rows older than {@code tradebot.scheduler.fire-retention} (default
 * 7 days) in the same transaction, so the table holds about a week of ticks per job.
 *
 * <h2>Time</h2>
 * Time comes from the injected {@link Clock}. One thread wakes at the next due tick, and at
 * least once a second, so a clock that jumps (or a test clock) is noticed within a second.
 */
final class Scheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration MAX_SLEEP = Duration.ofSeconds(1);

    private final List<ScheduledJob> jobs;
    private final ScheduleFires fires;
    private final TickPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String instanceId;
    private final SchedulerProperties properties;
    private final MeterRegistry meters;
    private final Map<String, Instant> cursors = new HashMap<>();
    private volatile ScheduledExecutorService loop;
    private volatile boolean running;

    Scheduler(List<ScheduledJob> jobs, ScheduleFires fires, TickPublisher publisher, TransactionTemplate transactions,
            Clock clock, String instanceId, SchedulerProperties properties, MeterRegistry meters) {
        this.jobs = List.copyOf(jobs);
        this.fires = fires;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
        this.instanceId = instanceId;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        Instant now = clock.instant();
        for (ScheduledJob job : jobs) {
            Instant cursor = fires.lastScheduledTime(job.id()).orElse(now);
            cursors.put(job.id(), cursor);
            // Registered at zero, so a job that never fired or missed still has its series on /actuator/prometheus.
            fires(job);
            missed(job, "coalesced");
            missed(job, "expired");
            log.info("Schedule {} ({} in {}) publishes on queue {}; last tick settled {}, next {}", job.id(),
                    job.expression(), job.zone(), job.queue(), cursor,
                    job.next(cursor).map(Instant::toString).orElse("none"));
        }
        running = true;
        if (properties.tickLoop() && !jobs.isEmpty()) {
            loop = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "tradebot-scheduler");
                thread.setDaemon(true);
                return thread;
            });
            loop.execute(this::wakeUp);
        }
        log.info("Scheduler {} started with {} schedule(s)", instanceId, jobs.size());
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = loop;
        loop = null;
        if (executor != null) {
            executor.shutdown();
            try {
                // A wake-up in progress may be waiting for a broker confirm.
                executor.awaitTermination(properties.confirmTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void wakeUp() {
        Duration sleep = MAX_SLEEP;
        try {
            Duration untilDue = Duration.between(clock.instant(), runDue());
            sleep = untilDue.isNegative() ? Duration.ZERO : untilDue;
        }
        catch (RuntimeException e) {
            log.error("Scheduler wake-up failed", e);
        }
        ScheduledExecutorService executor = loop;
        if (running && executor != null) {
            try {
                executor.schedule(this::wakeUp, Math.max(sleep.toMillis(), 10), TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    /**
     * Fires what is due at the clock's current instant and returns when to wake up next: the
     * next tick of any job, at most a second away.
     */
    synchronized Instant runDue() {
        Instant now = clock.instant();
        Instant wake = now.plus(MAX_SLEEP);
        for (ScheduledJob job : jobs) {
            Instant cursor = cursors.get(job.id());
            if (now.isAfter(cursor)) {
                cursor = settle(job, cursor, now);
                cursors.put(job.id(), cursor);
            }
            Optional<Instant> next = job.next(cursor);
            if (next.isPresent() && next.get().isBefore(wake)) {
                wake = next.get().isAfter(now) ? next.get() : now.plus(MAX_SLEEP); // a failed tick retries in 1s
            }
        }
        return wake;
    }

    /** Handles the ticks in (cursor, now] and returns the new cursor. */
    private Instant settle(ScheduledJob job, Instant cursor, Instant now) {
        DueTicks due = DueTicks.between(job.expression(), job.zone(), cursor, now, properties.maxCatchUp());
        if (due.expired() > 0) {
            log.warn("Schedule {}: skipped {} tick(s) after {}: older than the catch-up bound {}", job.id(),
                    due.expired() >= DueTicks.COUNT_LIMIT ? "at least " + due.expired() : due.expired(), cursor,
                    properties.maxCatchUp());
            missed(job, "expired").increment(due.expired());
        }
        if (due.coalesced() > 0) {
            log.warn("Schedule {}: {} missed tick(s) after {} coalesced into the tick of {}", job.id(),
                    due.coalesced(), cursor, due.fire().orElseThrow());
            missed(job, "coalesced").increment(due.coalesced());
        }
        if (due.fire().isEmpty()) {
            return now;
        }
        Instant tick = due.fire().get();
        try {
            fire(job, tick);
            return now;
        }
        catch (RuntimeException e) {
            log.warn("Schedule {}: tick {} not fired, will retry: {}", job.id(), tick, e.getMessage());
            return tick.minusNanos(1); // the ticks before it stay settled
        }
    }

    private void fire(ScheduledJob job, Instant tick) {
        UUID executionId = UUID.randomUUID();
        Instant[] published = new Instant[1];
        Boolean fired = transactions.execute(status -> {
            if (!fires.claim(job.id(), tick, clock.instant(), instanceId, executionId)) {
                return false;
            }
            publisher.publish(job, job.payload(tick, executionId), executionId);
            published[0] = clock.instant();
            fires.prune(job.id(), tick.minus(properties.fireRetention()));
            return true;
        });
        if (Boolean.TRUE.equals(fired)) {
            Duration delay = Duration.between(tick, published[0]);
            fires(job).increment();
            fireDelay(job).record(delay);
            log.info("Schedule {}: fired tick {} on {} (execution {}), published (confirmed) {} ms after the tick,"
                    + " committed {} ms after", job.id(), tick, job.queue(), executionId, millis(delay),
                    millis(Duration.between(tick, clock.instant())));
        }
        else {
            log.debug("Schedule {}: tick {} was fired by another replica", job.id(), tick);
        }
    }

    private Counter fires(ScheduledJob job) {
        return Counter.builder("tradebot.scheduler.fires").description("Ticks this scheduler replica fired")
                .tag("job", job.id()).register(meters);
    }

    /** Scheduled time → the broker's publisher confirm, the fire delay of issue 13 (BENCHMARKS §12). */
    private Timer fireDelay(ScheduledJob job) {
        return Timer.builder("tradebot.scheduler.fire.delay")
                .description("From a tick's scheduled time until the broker confirmed its message")
                .tag("job", job.id()).register(meters);
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e6);
    }

    private Counter missed(ScheduledJob job, String reason) {
        return Counter.builder("tradebot.scheduler.missed")
                .description("Ticks not fired: coalesced into a later tick after downtime, or expired")
                .tag("job", job.id()).tag("reason", reason).register(meters);
    }

    String instanceId() {
        return instanceId;
    }
}
