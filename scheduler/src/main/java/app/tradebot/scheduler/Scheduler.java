package app.tradebot.scheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
 * that instant, or the replica killed between its confirm and its commit). The tick is then sent
 * but not recorded, and a replica may send it once more: in that corner the guarantee is at least
 * once, never zero times for a confirmed publish. Only the commit sits between the last confirm and
 * the record (pruning comes after it). Consumers that must not act twice can use the message id
 * (the execution id).
 *
 * <h2>Precision (BENCHMARKS §12)</h2>
 * All jobs due at one instant fire in one transaction: one statement claims their ticks (sorted
 * by job, so replicas claiming overlapping sets lock rows in one order and never deadlock), their
 * messages are all sent and then their confirms awaited together, a job whose message failed has
 * its claim withdrawn in the same transaction (its tick stays free and due), then one commit. The
 * tick loop claims ticks {@code tradebot.scheduler.claim-ahead} (default 2 s) before they are
 * due, builds their messages, keeps the transaction open, waits for the clock to reach the tick
 * and only then publishes: the database round trips, the race between replicas and the messages'
 * serialisation happen before the tick. The producers' bindings and publisher channels are set up
 * at start-up ({@link TickPublisher#warmUp}), not at a replica's first send. A replica that
 * dies holding a claim loses it with its connection, and the other replica's claim goes in.
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
 * Time comes from the injected {@link Clock}. One thread wakes {@code claim-ahead} before the next
 * due tick, and at least once a second, so a clock that jumps (or a test clock) is noticed within
 * a second. A tick claimed ahead that the clock does not reach within claim-ahead plus a second
 * (a clock set back) is withdrawn and claimed again later.
 */
final class Scheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration MAX_SLEEP = Duration.ofSeconds(1);
    /** The last stretch before a tick claimed ahead, spun rather than parked. */
    private static final Duration SPIN = Duration.ofMillis(1);

    private final List<ScheduledJob> jobs;
    private final ScheduleFires fires;
    private final TickPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String instanceId;
    private final SchedulerProperties properties;
    private final MeterRegistry meters;
    private final Runnable warmUp;
    private final Map<String, Instant> cursors = new HashMap<>();
    private volatile ScheduledExecutorService loop;
    private volatile boolean running;

    Scheduler(List<ScheduledJob> jobs, ScheduleFires fires, TickPublisher publisher, TransactionTemplate transactions,
            Clock clock, String instanceId, SchedulerProperties properties, MeterRegistry meters, Runnable warmUp) {
        this.jobs = List.copyOf(jobs);
        this.fires = fires;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
        this.instanceId = instanceId;
        this.properties = properties;
        this.meters = meters;
        this.warmUp = warmUp;
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
        if (!jobs.isEmpty()) {
            try {
                warmUp.run();
            }
            catch (RuntimeException e) {
                log.warn("Scheduler warm-up failed; the first fire will do it: {}", e.getMessage());
            }
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
        publisher.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void wakeUp() {
        long sleepNanos = MAX_SLEEP.toNanos();
        try {
            runDue();
            Instant now = clock.instant();
            Optional<Instant> next = nextTick(now);
            if (next.isPresent()) {
                Duration until = Duration.between(now, next.get());
                Duration ahead = properties.claimAhead();
                if (!ahead.isZero() && until.compareTo(ahead) <= 0) {
                    // Claim now, publish at the tick; then look again at once (a clock that did not
                    // reach the tick in time, as a test's may not, is looked at again 10 ms later).
                    sleepNanos = fireAhead(next.get()) ? 0 : Duration.ofMillis(10).toNanos();
                }
                else {
                    sleepNanos = Math.min(sleepNanos, until.minus(ahead).toNanos());
                }
            }
        }
        catch (RuntimeException e) {
            log.error("Scheduler wake-up failed", e);
        }
        ScheduledExecutorService executor = loop;
        if (running && executor != null) {
            try {
                // Nanoseconds, not milliseconds: a wake-up rounded down to the millisecond came a
                // fraction early and then slept a further 10 ms floor (BENCHMARKS §12).
                executor.schedule(this::wakeUp, Math.max(sleepNanos, 0), TimeUnit.NANOSECONDS);
            }
            catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    /**
     * Fires what is due at the clock's current instant and returns when to wake up next: the
     * next tick of any job, at most a second away. All the jobs due now fire in one transaction
     * (one claim statement, their messages' confirms awaited together, one commit).
     */
    synchronized Instant runDue() {
        Instant now = clock.instant();
        List<ScheduleFires.Claim> batch = new ArrayList<>();
        Map<String, ScheduledJob> byId = new HashMap<>();
        for (ScheduledJob job : jobs) {
            Instant cursor = cursors.get(job.id());
            if (now.isAfter(cursor)) {
                Optional<Instant> tick = dueTick(job, cursor, now);
                if (tick.isPresent()) {
                    batch.add(new ScheduleFires.Claim(job.id(), tick.get(), UUID.randomUUID()));
                    byId.put(job.id(), job);
                }
                else {
                    cursors.put(job.id(), now);
                }
            }
        }
        if (!batch.isEmpty()) {
            Set<String> failed = fireAll(batch, byId, null);
            for (ScheduleFires.Claim claim : batch) {
                // A failed tick stays due (the ticks before it stay settled) and is retried at the next wake-up.
                cursors.put(claim.job(), failed.contains(claim.job()) ? claim.scheduledTime().minusNanos(1) : now);
            }
        }
        Instant wake = now.plus(MAX_SLEEP);
        for (ScheduledJob job : jobs) {
            Optional<Instant> next = job.next(cursors.get(job.id()));
            if (next.isPresent() && next.get().isBefore(wake)) {
                wake = next.get().isAfter(now) ? next.get() : now.plus(MAX_SLEEP); // a failed tick retries in 1s
            }
        }
        return wake;
    }

    /** The earliest tick of any job after {@code now} that is the job's next one. */
    private synchronized Optional<Instant> nextTick(Instant now) {
        Instant earliest = null;
        for (ScheduledJob job : jobs) {
            Optional<Instant> next = job.next(cursors.get(job.id()));
            if (next.isPresent() && next.get().isAfter(now) && (earliest == null || next.get().isBefore(earliest))) {
                earliest = next.get();
            }
        }
        return Optional.ofNullable(earliest);
    }

    /**
     * Claims the jobs' ticks at {@code tick}, still ahead, then waits for the clock to reach it and
     * publishes: the claim's round trips (and the race between replicas) happen before the tick,
     * not after it. The transaction, and so the claim, stays open until the messages are confirmed:
     * a replica that dies in between loses its claim and the other fires the tick. Returns false if
     * the clock did not reach the tick within {@code claim-ahead} and a second (nothing fired).
     */
    private synchronized boolean fireAhead(Instant tick) {
        List<ScheduleFires.Claim> batch = new ArrayList<>();
        Map<String, ScheduledJob> byId = new HashMap<>();
        for (ScheduledJob job : jobs) {
            if (job.next(cursors.get(job.id())).filter(tick::equals).isPresent()) {
                batch.add(new ScheduleFires.Claim(job.id(), tick, UUID.randomUUID()));
                byId.put(job.id(), job);
            }
        }
        Set<String> failed;
        try {
            failed = fireAll(batch, byId, tick);
        }
        catch (ClockNotAtTick e) {
            log.debug("Schedule ticks at {}: the clock did not reach them in time; claims withdrawn", tick);
            return false;
        }
        for (ScheduleFires.Claim claim : batch) {
            cursors.put(claim.job(), failed.contains(claim.job()) ? tick.minusNanos(1) : tick);
        }
        return true;
    }

    /** Handles the ticks in (cursor, now] and returns the one to fire now, if any. */
    private Optional<Instant> dueTick(ScheduledJob job, Instant cursor, Instant now) {
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
        return due.fire();
    }

    /**
     * Fires a batch of ticks in one transaction: claims them all in one statement (sorted by job,
     * so replicas lock rows in one order), waits for {@code publishAt} if given, sends the messages
     * of the ticks this replica claimed, awaits all their confirms, withdraws the claims whose
     * message failed (those ticks stay free and due), commits, then prunes. Returns the jobs whose
     * fire failed. If the transaction itself fails, every claim of it rolls back and all its ticks
     * are failed (retried at the next wake-up).
     */
    private Set<String> fireAll(List<ScheduleFires.Claim> batch, Map<String, ScheduledJob> byId, Instant publishAt) {
        List<ScheduleFires.Claim> sorted = batch.stream()
                .sorted(Comparator.comparing(ScheduleFires.Claim::job).thenComparing(ScheduleFires.Claim::scheduledTime))
                .toList();
        Set<String> failed = new HashSet<>();
        Map<String, Instant> published = new HashMap<>();
        Instant[] steps = new Instant[3]; // claimed, clock at the tick, all sent
        long[] cpu = new long[2]; // the loop thread's CPU time at the tick and once all confirms were in
        List<ScheduleFires.Claim> claimed;
        try {
            claimed = transactions.execute(status -> {
                List<ScheduleFires.Claim> mine = fires.claimAll(sorted, clock.instant(), instanceId);
                steps[0] = clock.instant();
                // The messages are built while the tick is still ahead: at the tick only the sends are left.
                Map<ScheduleFires.Claim, TickPublisher.Prepared> messages = new LinkedHashMap<>();
                for (ScheduleFires.Claim claim : mine) {
                    ScheduledJob job = byId.get(claim.job());
                    try {
                        messages.put(claim, publisher.prepare(job, job.payload(claim.scheduledTime(), claim.executionId()),
                                claim.executionId()));
                    }
                    catch (RuntimeException e) {
                        fail(claim, e, failed);
                    }
                }
                if (publishAt != null) {
                    awaitClock(publishAt);
                }
                steps[1] = clock.instant();
                cpu[0] = threadCpuNanos();
                long deadline = System.nanoTime() + properties.confirmTimeout().toNanos();
                Map<ScheduleFires.Claim, TickPublisher.Sent> sent = new LinkedHashMap<>();
                for (Map.Entry<ScheduleFires.Claim, TickPublisher.Prepared> message : messages.entrySet()) {
                    try {
                        sent.put(message.getKey(), publisher.send(message.getValue()));
                    }
                    catch (RuntimeException e) {
                        fail(message.getKey(), e, failed);
                    }
                }
                steps[2] = clock.instant();
                for (Map.Entry<ScheduleFires.Claim, TickPublisher.Sent> entry : sent.entrySet()) {
                    try {
                        entry.getValue().await(deadline);
                        published.put(entry.getKey().job(), entry.getValue().confirmedAt(clock));
                    }
                    catch (RuntimeException e) {
                        fail(entry.getKey(), e, failed);
                    }
                }
                cpu[1] = threadCpuNanos();
                for (ScheduleFires.Claim claim : mine) {
                    if (failed.contains(claim.job())) {
                        fires.release(claim.job(), claim.scheduledTime());
                    }
                }
                return mine;
            });
        }
        catch (ClockNotAtTick e) {
            throw e;
        }
        catch (RuntimeException e) {
            log.warn("Schedule ticks {} not fired, will retry: {}", sorted, e.getMessage());
            sorted.forEach(claim -> failed.add(claim.job()));
            return failed;
        }
        Instant committed = clock.instant();
        List<ScheduleFires.Claim> done = claimed.stream().filter(c -> !failed.contains(c.job())).toList();
        try {
            // After the commit, in a statement of its own: between a tick's confirm and its commit as
            // little as possible happens (a replica killed there leaves a sent tick unrecorded).
            fires.prune(done, properties.fireRetention());
        }
        catch (RuntimeException e) {
            log.warn("Pruning schedule_fires failed (the next fire prunes again): {}", e.getMessage());
        }
        for (ScheduleFires.Claim claim : sorted) {
            ScheduledJob job = byId.get(claim.job());
            if (claimed.contains(claim) && !failed.contains(claim.job())) {
                Duration delay = Duration.between(claim.scheduledTime(), published.get(claim.job()));
                fires(job).increment();
                fireDelay(job).record(delay);
                log.info("Schedule {}: fired tick {} on {} (execution {}), published (confirmed) {} ms after the tick,"
                        + " committed {} ms after (claimed {}, sending from {}, all sent {}), the sends and confirms"
                        + " took {} ms of the loop thread's CPU", job.id(),
                        claim.scheduledTime(), job.queue(), claim.executionId(), millis(delay),
                        millis(Duration.between(claim.scheduledTime(), committed)), since(claim, steps[0]),
                        since(claim, steps[1]), since(claim, steps[2]),
                        cpu[0] < 0 || cpu[1] < 0 ? "-" : millis(Duration.ofNanos(cpu[1] - cpu[0])));
            }
            else if (!claimed.contains(claim)) {
                log.debug("Schedule {}: tick {} was fired by another replica", job.id(), claim.scheduledTime());
            }
        }
        return failed;
    }

    private static void fail(ScheduleFires.Claim claim, RuntimeException e, Set<String> failed) {
        log.warn("Schedule {}: tick {} not fired, will retry: {}", claim.job(), claim.scheduledTime(), e.getMessage());
        failed.add(claim.job());
    }

    /**
     * Parks until the clock shows {@code tick}; throws ClockNotAtTick (rolling the claims back) if it
     * does not soon. It parks until {@link #SPIN} before the tick and spins the rest: a park
     * overshoots by up to a few milliseconds on a busy machine, a spin by microseconds.
     */
    private void awaitClock(Instant tick) {
        long deadline = System.nanoTime() + properties.claimAhead().plus(MAX_SLEEP).toNanos();
        for (Instant now = clock.instant(); now.isBefore(tick); now = clock.instant()) {
            if (System.nanoTime() - deadline > 0) {
                throw new ClockNotAtTick();
            }
            long remaining = Duration.between(now, tick).toNanos();
            if (remaining > SPIN.toNanos()) {
                LockSupport.parkNanos(Math.min(remaining - SPIN.toNanos(), MAX_SLEEP.toNanos()));
            }
            else {
                Thread.onSpinWait();
            }
        }
    }

    /** The clock did not reach a tick claimed ahead of it (a clock set back, or a test's clock). */
    private static final class ClockNotAtTick extends RuntimeException {

        ClockNotAtTick() {
            super(null, null, false, false);
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

    /** The current thread's CPU time in nanoseconds, or -1 where the JVM does not measure it. */
    private static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    private static String since(ScheduleFires.Claim claim, Instant step) {
        return step == null ? "-" : millis(Duration.between(claim.scheduledTime(), step));
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
