import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import app.tradebot.TradeBotFunctions;
import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import org.jdbi.v3.core.Jdbi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The publishing side of bench/task-pipeline.sh: boots the functions' Spring context as an API process
 * does (the roles TRADEBOT_ROLES gives it, no worker bindings) and hands N audit events to the
 * application's {@link AuditTrail} (the outbox and its immediate send) from THREADS threads, as
 * that many concurrent API requests would; then waits until PostgreSQL holds all N rows.
 *
 * <p>Usage: {@code java -cp 'lib/*:task-pipeline.jar' TaskPipeline N THREADS TYPE
 * WARMUP RESULT_FILE}. Events of the measured run have type TYPE, the warm-up's TYPE-warmup; the
 * warm-up (WARMUP events, not timed) goes through the whole pipeline before the clock starts, so both
 * JVMs run compiled code. The clock starts just before the first measured publish and stops when a
 * poll (every 20 ms) sees N rows of type TYPE. Writes {@code tasks=N seconds=S rate=R/s
 * publishSeconds=P cpuSeconds=C} to RESULT_FILE (C: this JVM's CPU time during the measured run).
 */
public class TaskPipeline {

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        }
        catch (Throwable e) {
            e.printStackTrace();
            // The context's non-daemon threads would keep a failed run alive.
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        String type = args[2];
        int warmup = Integer.parseInt(args[3]);
        Path result = Path.of(args[4]);

        SpringApplication application = new SpringApplication(TradeBotFunctions.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableApplicationContext context = application.run();
        AuditTrail trail = context.getBean(AuditTrail.class);
        Jdbi jdbi = context.getBean(Jdbi.class);
        UUID user = UUID.randomUUID();

        if (warmup > 0) {
            publish(trail, user, type + "-warmup", warmup, threads);
            awaitRows(jdbi, type + "-warmup", warmup);
            System.err.println("[task-pipeline] warm-up of " + warmup + " events done");
        }

        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        publish(trail, user, type, n, threads);
        long published = System.nanoTime();
        System.err.println("[task-pipeline] " + n + " events published in " + (published - start) / 1_000_000 + " ms");
        awaitRows(jdbi, type, n);
        long end = System.nanoTime();
        long cpu = os.getProcessCpuTime() - cpuBefore;

        double seconds = (end - start) / 1e9;
        String line = "tasks=%d seconds=%.2f rate=%.0f/s publishSeconds=%.2f publisherCpuSeconds=%.2f threads=%d"
                .formatted(n, seconds, n / seconds, (published - start) / 1e9, cpu / 1e9, threads);
        Files.writeString(result, line + System.lineSeparator());
        System.err.println("[task-pipeline] " + line);
        context.close();
    }

    /** N events of type {@code type}, from {@code threads} threads, each call as an API request makes it. */
    static void publish(AuditTrail trail, UUID user, String type, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (next.getAndIncrement() < n) {
                    trail.record(new AuditEvent(UUID.randomUUID(), user, type, "127.0.0.1", "bench/1.0", Instant.now()));
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
    }

    static void awaitRows(Jdbi jdbi, String type, int n) throws InterruptedException {
        while (jdbi.withHandle(h -> h.createQuery("select count(*) from audit_events where type = :type")
                .bind("type", type).mapTo(Long.class).one()) < n) {
            Thread.sleep(20);
        }
    }
}
