import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * publishSeconds=P publisherCpuSeconds=C threads=T} to RESULT_FILE (C: this JVM's CPU time during the measured run),
 * and where /proc can be read the machine's, PostgreSQL's, RabbitMQ's and the worker's CPU seconds in the same window
 * ({@link ServicesCpu}).
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
        Optional<ServicesCpu> servicesBefore = ServicesCpu.read();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        publish(trail, user, type, n, threads);
        long published = System.nanoTime();
        System.err.println("[task-pipeline] " + n + " events published in " + (published - start) / 1_000_000 + " ms");
        awaitRows(jdbi, type, n);
        long end = System.nanoTime();
        long cpu = os.getProcessCpuTime() - cpuBefore;
        Optional<ServicesCpu> servicesAfter = ServicesCpu.read();

        double seconds = (end - start) / 1e9;
        String line = "tasks=%d seconds=%.2f rate=%.0f/s publishSeconds=%.2f publisherCpuSeconds=%.2f threads=%d"
                .formatted(n, seconds, n / seconds, (published - start) / 1e9, cpu / 1e9, threads)
                + servicesBefore.flatMap(before -> servicesAfter.map(after -> after.minus(before).line())).orElse("");
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

    /**
     * CPU seconds so far, read from /proc at the clock's start and stop, in this JVM (a shell reading them on a
     * saturated machine starts late by seconds): the machine's busy time (every core), PostgreSQL's processes (with the
     * backends its postmaster reaped), the RabbitMQ node (beam.smp), and the worker (its pid in WORKER_PID; NaN when
     * that process is gone). Empty where there is no /proc. CLK_TCK gives the clock ticks per second (getconf
     * CLK_TCK; 100 when unset). bench/task-pipeline.sh's machine_cpu reads the same fields around the peer, from the
     * shell: a JVM started for it would count its own start in the peer's figure.
     */
    record ServicesCpu(double machine, double postgres, double rabbitmq, double worker) {

        static Optional<ServicesCpu> read() {
            Path stat = Path.of("/proc/stat");
            if (!Files.isReadable(stat)) {
                return Optional.empty();
            }
            double tick = Double.parseDouble(System.getenv().getOrDefault("CLK_TCK", "100"));
            String worker = System.getenv().getOrDefault("WORKER_PID", "");
            try {
                String[] cpu = Files.readAllLines(stat).get(0).trim().split("\\s+");
                // user nice system idle iowait irq softirq steal: busy is all but idle and iowait
                long busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                        + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]) + Long.parseLong(cpu[8]);
                long postgres = 0;
                long rabbitmq = 0;
                long workerTicks = -1;
                try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                    for (Path process : processes) {
                        String line;
                        try {
                            line = Files.readString(process.resolve("stat"));
                        }
                        catch (IOException gone) {
                            continue;
                        }
                        String comm = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                        // the fields after the name: state is field 3, utime 14, stime 15, cutime 16, cstime 17
                        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        long reaped = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                        if (comm.equals("postgres")) {
                            postgres += own + reaped;
                        }
                        else if (comm.equals("beam.smp")) {
                            rabbitmq += own;
                        }
                        if (process.getFileName().toString().equals(worker)) {
                            workerTicks = own;
                        }
                    }
                }
                return Optional.of(new ServicesCpu(busy / tick, postgres / tick, rabbitmq / tick,
                        workerTicks < 0 ? Double.NaN : workerTicks / tick));
            }
            catch (IOException | RuntimeException unreadable) {
                System.err.println("[task-pipeline] /proc not read: " + unreadable);
                return Optional.empty();
            }
        }

        ServicesCpu minus(ServicesCpu before) {
            return new ServicesCpu(machine - before.machine, postgres - before.postgres, rabbitmq - before.rabbitmq,
                    worker - before.worker);
        }

        /** The worker's only when both readings found its process (a killed worker's successor is another). */
        String line() {
            return " machineCpuSeconds=%.2f postgresCpuSeconds=%.2f rabbitmqCpuSeconds=%.2f".formatted(machine, postgres, rabbitmq)
                    + (Double.isNaN(worker) ? "" : " workerCpuSeconds=%.2f".formatted(worker));
        }
    }

    /** Polls every 20 ms until N rows of the type exist; fails once a minute passes without a new row. */
    static void awaitRows(Jdbi jdbi, String type, int n) throws InterruptedException {
        long rows = 0;
        long progressed = System.nanoTime();
        while (rows < n) {
            long now = jdbi.withHandle(h -> h.createQuery("select count(*) from audit_events where type = :type")
                    .bind("type", type).mapTo(Long.class).one());
            if (now > rows) {
                rows = now;
                progressed = System.nanoTime();
            }
            else if (System.nanoTime() - progressed > 60_000_000_000L) {
                throw new IllegalStateException(rows + " of " + n + " rows of " + type
                        + " after a minute without a new one: look into audit-events.dlq and the outbox");
            }
            Thread.sleep(20);
        }
    }
}
