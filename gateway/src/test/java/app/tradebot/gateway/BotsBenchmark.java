package app.tradebot.gateway;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import app.tradebot.exchange.Exchanges;
import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The bot benchmark of BENCHMARKS.md (run by bench/bots.sh, never by the build): paper bots on
 * one-minute BTCUSDT candles served by the fake Binance over HTTP, against the real PostgreSQL, Redis and
 * RabbitMQ of DATABASE_URL, REDIS_URL and RABBITMQ_URL. Two modes, one per JVM:
 * <ul>
 * <li>{@code worker BOTS}: this JVM is one worker ({@code TRADEBOT_ROLES=worker}). BOTS running sma-cross
 * 2/5 bots, each on its own paper account, each one candle behind; the newest closed candle crosses up, so
 * every bot decides a 100 USDT market buy and sends it. tickBots is called once and the clock runs until
 * every bot's run has finished: tick → last bot's candle processed, each run's own time (claim to finish,
 * p50/p99), the orders filled and this JVM's RSS. A warm-up round of 50 bots on ETHUSDT comes first.</li>
 * <li>{@code allinone BOTS MINUTES}: this JVM is the all-in-one process (gateway, worker, scheduler);
 * BOTS bots run on live one-minute candles the fake publishes each minute for MINUTES minutes; its RSS
 * is sampled every second (peak and last) and the candles processed are counted.</li>
 * </ul>
 * Prints {@code key=value} lines.
 */
public final class BotsBenchmark {

    static final double[] FLAT_THEN_CROSS = new double[60];

    static {
        for (int i = 0; i < FLAT_THEN_CROSS.length; i++) {
            FLAT_THEN_CROSS[i] = i < FLAT_THEN_CROSS.length - 1 ? 100 : 101;
        }
    }

    private BotsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "worker";
        int bots = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        FakeBinance binance = FakeBinance.start();
        binance.setPrice("BTCUSDT", new BigDecimal("100.5")).setPrice("ETHUSDT", new BigDecimal("100.5"));
        List<String> properties = new ArrayList<>(List.of("--tradebot.exchange.binance.base-url=" + binance.baseUrl(),
                "--tradebot.exchange.binance.testnet-base-url=" + binance.baseUrl(), "--server.port=0",
                "--management.server.port=0", "--logging.level.app.tradebot=WARN",
                // a production worker's pool (WorkerBindings.WORKER_POOL_SIZE), not the test resources' small one
                "--spring.datasource.hikari.maximum-pool-size=" + Integer.getInteger("pool", 24)));
        if (mode.equals("worker")) {
            properties.add("--tradebot.roles=worker");
        }
        else {
            properties.add("--tradebot.roles=gateway,worker,scheduler");
        }
        ConfigurableApplicationContext context = TradeBotLauncher.application().run(properties.toArray(String[]::new));
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Exchanges exchanges = context.getBean(Exchanges.class);
        try {
            truncate(jdbc);
            jdbc.update("delete from candles where interval = '1m' and symbol in ('BTCUSDT', 'ETHUSDT')");
            for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
                jdbc.update("""
                        insert into symbols (symbol, base_asset, quote_asset, status, source) values (?, ?, 'USDT', 'TRADING', 'exchange')
                        on conflict (symbol) do nothing""", symbol, symbol.substring(0, 3));
            }
            UUID user = UUID.randomUUID();
            jdbc.update("insert into users (id, email, password_hash) values (?, 'bench@example.com', 'x')", user);
            if (mode.equals("worker")) {
                worker(context, jdbc, exchanges, binance, user, bots);
            }
            else {
                allInOne(jdbc, exchanges, binance, user, bots, args.length > 2 ? Integer.parseInt(args[2]) : 5);
            }
        }
        catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        finally {
            context.close();
            binance.close();
        }
        System.exit(0);
    }

    /** Empties the tables of earlier runs; the worker's own jobs may hold a lock meanwhile (a deadlock is tried again). */
    private static void truncate(JdbcTemplate jdbc) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.execute("truncate table users, bot_orders, bot_fills, bot_events, bot_runs, outbox cascade");
                return;
            }
            catch (org.springframework.dao.PessimisticLockingFailureException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static void worker(ConfigurableApplicationContext context, JdbcTemplate jdbc, Exchanges exchanges,
            FakeBinance binance, UUID user, int count) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Consumer<Message<byte[]>> tick = (Consumer<Message<byte[]>>) context.getBean("tickBots");
        List<Kline> btc = candles(binance, "BTCUSDT");
        List<Kline> eth = candles(binance, "ETHUSDT");

        // warm-up: the same work on another symbol, so the measured round is not the JVM's first
        List<UUID> warm = bots(jdbc, exchanges, user, "ETHUSDT", 50, eth.get(eth.size() - 2).openTime());
        Instant warmStart = Instant.now();
        tick.accept(tickMessage());
        awaitRuns(jdbc, warm, warmStart);
        jdbc.update("update bots set status = 'stopped' where symbol = 'ETHUSDT'");

        List<UUID> measured = bots(jdbc, exchanges, user, "BTCUSDT", count, btc.get(btc.size() - 2).openTime());
        String load = loadAverage();
        List<Integer> backends = jdbc.queryForList(
                "select pid from pg_stat_activity where datname = current_database()", Integer.class);
        long postgresCpuBefore = cpuMillis(backends);
        long workerCpuBefore = processCpuMillis();
        Instant start = Instant.now();
        tick.accept(tickMessage());
        long published = Duration.between(start, Instant.now()).toMillis();
        Instant last = awaitRuns(jdbc, measured, start);
        long total = Duration.between(start, last).toMillis();
        long workerCpu = processCpuMillis() - workerCpuBefore;
        long postgresCpu = cpuMillis(backends) - postgresCpuBefore;
        List<Long> perBot = jdbc.queryForList("""
                select (extract(epoch from finished_at - started_at) * 1000)::bigint from bot_runs
                where id in (select id from bots where symbol = 'BTCUSDT') order by 1""", Long.class);
        Instant processedLast = jdbc.queryForObject("select max(last_candle) from bots where symbol = 'BTCUSDT'",
                Timestamp.class).toInstant();
        System.out.println("bots=" + count);
        System.out.println("loadavg.before=" + load);
        System.out.println("tickPublishMs=" + published);
        System.out.println("tickToLastCandleProcessedMs=" + total);
        System.out.println("perBotP50Ms=" + percentile(perBot, 0.50));
        System.out.println("perBotP99Ms=" + percentile(perBot, 0.99));
        System.out.println("perBotMaxMs=" + perBot.get(perBot.size() - 1));
        System.out.println("botsAtNewestCandle=" + jdbc.queryForObject(
                "select count(*) from bots where symbol = 'BTCUSDT' and last_candle = ?", Integer.class,
                Timestamp.from(btc.get(btc.size() - 1).openTime())) + " (newest " + processedLast + ")");
        System.out.println("ordersFilled=" + jdbc.queryForObject(
                "select count(*) from bot_orders where symbol = 'BTCUSDT' and status = 'FILLED'", Integer.class));
        System.out.println("fills=" + jdbc.queryForObject("select count(*) from bot_fills where symbol = 'BTCUSDT'", Integer.class));
        System.out.println("loadavg.after=" + loadAverage());
        System.out.println("workerRssMiB=" + rssMiB("VmRSS"));
        System.out.println("workerPeakRssMiB=" + rssMiB("VmHWM"));
        // CPU time spent from the tick to the last run, which the other processes on the machine move far
        // less than the wall time: this JVM (the worker, and the fake Binance it hosts) and the PostgreSQL
        // backends of its pool. RabbitMQ's share is not counted.
        System.out.println("workerCpuMs=" + workerCpu);
        System.out.println("postgresCpuMs=" + postgresCpu);
        System.out.printf("cpuMsPerBot=%.1f%n", (workerCpu + postgresCpu) / (double) count);
    }

    private static long processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    }

    /** User and system CPU of these processes (PostgreSQL backends), from /proc; 100 clock ticks a second. */
    private static long cpuMillis(List<Integer> pids) {
        long ticks = 0;
        for (int pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
            catch (Exception e) {
                // a backend that ended meanwhile
            }
        }
        return ticks * 10;
    }

    private static void allInOne(JdbcTemplate jdbc, Exchanges exchanges, FakeBinance binance, UUID user, int count,
            int minutes) throws InterruptedException {
        candles(binance, "BTCUSDT");
        bots(jdbc, exchanges, user, "BTCUSDT", count, null);
        // a new closed candle every minute, alternating up and down so the bots keep trading
        ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
        long delay = Duration.between(Instant.now(), Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(61)).toMillis();
        int[] minute = { 0 };
        feed.scheduleAtFixedRate(() -> {
            Instant open = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
            BigDecimal close = BigDecimal.valueOf(minute[0]++ % 4 < 2 ? 104 : 96);
            binance.addKlines("BTCUSDT", Interval.M1, List.of(new Kline(open, close, close, close, close, BigDecimal.ONE,
                    open.plus(1, ChronoUnit.MINUTES).minusMillis(1))));
            binance.setPrice("BTCUSDT", close);
        }, delay, 60_000, TimeUnit.MILLISECONDS);
        long peak = 0;
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (System.nanoTime() < end) {
            peak = Math.max(peak, rssMiB("VmRSS"));
            Thread.sleep(1000);
        }
        feed.shutdownNow();
        System.out.println("bots=" + count);
        System.out.println("minutes=" + minutes);
        System.out.println("candlesProcessed=" + jdbc.queryForObject(
                "select count(*) from bots where last_candle is not null", Integer.class) + " bots past their first candle");
        System.out.println("orders=" + jdbc.queryForObject("select count(*) from bot_orders", Integer.class));
        System.out.println("fills=" + jdbc.queryForObject("select count(*) from bot_fills", Integer.class));
        System.out.println("allInOneRssMiB=" + rssMiB("VmRSS"));
        System.out.println("allInOnePeakSampledRssMiB=" + peak);
        System.out.println("allInOnePeakRssMiB=" + rssMiB("VmHWM"));
        System.out.println("loadavg.after=" + loadAverage());
    }

    /** Sixty one-minute candles ending with the last closed minute; the newest crosses up. */
    private static List<Kline> candles(FakeBinance binance, String symbol) {
        Instant lastOpen = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        List<Kline> klines = new ArrayList<>();
        for (int i = 0; i < FLAT_THEN_CROSS.length; i++) {
            Instant open = lastOpen.minus(FLAT_THEN_CROSS.length - 1 - i, ChronoUnit.MINUTES);
            BigDecimal close = BigDecimal.valueOf(FLAT_THEN_CROSS[i]);
            klines.add(new Kline(open, close, close, close, close, BigDecimal.ONE, open.plus(1, ChronoUnit.MINUTES).minusMillis(1)));
        }
        binance.addKlines(symbol, Interval.M1, klines);
        return klines;
    }

    /** Running bots, each on its own paper account with 10,000 USDT, their cursor at {@code cursor}. */
    private static List<UUID> bots(JdbcTemplate jdbc, Exchanges exchanges, UUID user, String symbol, int count,
            Instant cursor) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID account = UUID.randomUUID();
            jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, ?, 'paper')", account, user,
                    symbol + " " + i);
            exchanges.openPaperAccount(account, Map.of("USDT", new BigDecimal("10000")));
            UUID bot = UUID.randomUUID();
            jdbc.update("""
                    insert into bots (id, user_id, account_id, name, symbol, interval, strategy, params, sizing_type,
                                      sizing_value, status, started_at, last_candle)
                    values (?, ?, ?, ?, ?, '1m', 'sma-cross', '{"fast":2,"slow":5}'::jsonb, 'fixed', 100, 'running',
                            now() - interval '1 hour', ?)""", bot, user, account, "bench " + i, symbol,
                    cursor == null ? null : Timestamp.from(cursor));
            ids.add(bot);
        }
        return ids;
    }

    private static Instant awaitRuns(JdbcTemplate jdbc, List<UUID> bots, Instant since) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < deadline) {
            Map<String, Object> done = jdbc.queryForMap("""
                    select count(*) as n, max(finished_at) as last from bot_runs
                    where id = any(?) and status in ('succeeded', 'failed') and finished_at >= ?""",
                    bots.toArray(UUID[]::new), Timestamp.from(since));
            if (((Number) done.get("n")).intValue() >= bots.size()) {
                return ((Timestamp) done.get("last")).toInstant();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the runs did not finish within 15 minutes");
    }

    private static Message<byte[]> tickMessage() {
        return MessageBuilder.withPayload(("{\"job\":\"tickBots\",\"scheduledTime\":\"" + Instant.now() + "\"}")
                .getBytes(StandardCharsets.UTF_8)).build();
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long rssMiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        }
        catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        }
        catch (Exception e) {
            return "unknown";
        }
    }
}
