package app.tradebot.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import app.tradebot.exchange.FakeBinance.Failure;
import app.tradebot.exchange.FakeBinance.PlacedOrder;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Placement;
import app.tradebot.exchange.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection suite: over a thousand signals through the order path against the fake Binance,
 * each with a fault at one step of the path: accepted then timed out, accepted then 500, refused with
 * 500, the connection dropped before or after the order took effect, look-ups answering -2013 for a
 * while after acceptance, the worker killed between claim and send and between send and record (the
 * call abandoned there, a fresh sender resuming), the same delivery twice at once, two workers on one
 * bot (the stale one's fence fails), and definite refusals. The reconciliation runs each minute of the
 * order path's clock. Every signal must end filled, rejected with its reason, or not placed and sent
 * again (or dropped as too old), with no exchange order more than its signals.
 */
class OrderFaultsIT {

    static final int BOTS = Integer.getInteger("tradebot.faults.bots", 40);
    static final int CANDLES = Integer.getInteger("tradebot.faults.candles", 25);
    static final int EXIT_BOTS = Integer.getInteger("tradebot.faults.exit-bots", 24);
    static final int EXIT_ROUNDS = Integer.getInteger("tradebot.faults.exit-rounds", 10);

    enum Fault {
        NONE, ACCEPTED_THEN_TIMEOUT, ACCEPTED_THEN_500, REFUSED_500, DROPPED_BEFORE, DROPPED_AFTER, LOOKUPS_MISS_THEN_KILLED,
        KILLED_AFTER_CLAIM, KILLED_AFTER_SEND, DELIVERED_TWICE, TWO_WORKERS, REFUSED_FILTER, REFUSED_BALANCE
    }

    private final OrdersFixture f = new OrdersFixture(new OrdersProperties(Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofSeconds(90), 3, Duration.ZERO), Duration.ofMillis(250));
    private final Random random = new Random(20261205);
    private final Map<UUID, AtomicLong> leases = new ConcurrentHashMap<>();
    /** Bots are delivered to in parallel, as workers would; each fault is planned on its order's client order id. */
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    /** The second sender of a delivery made twice, or of two workers on one bot. */
    private final ExecutorService seconds = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        workers.shutdownNow();
        seconds.shutdownNow();
        f.close();
    }

    /** Delivers a recorded order with a fault, unless its bot has an order in doubt: such a bot sends nothing until it is settled. */
    private void deliverUnlessInDoubt(BotOrders orders, BotRef bot, BotOrder row, Fault fault, long seed,
            Map<Fault, Integer> injected) throws Exception {
        Fault applied = orders.dao().inDoubt(bot.botId()) ? Fault.NONE : fault;
        deliver(bot, row, applied, new Random(seed));
        injected.merge(applied, 1, Integer::sum);
    }

    /** A round ends when every delivery has: then a minute passes and the reconciliation runs. */
    private void endRound(List<Future<?>> deliveries, ReconcileOrders reconcile) throws Exception {
        for (Future<?> delivery : deliveries) {
            delivery.get();
        }
        f.clock.advance(Duration.ofMinutes(1));
        reconcile.reconcileAll();
    }

    @Test
    void aThousandSignalsWithFaultsAtEveryStepEndWithNoDuplicateAndNoLostOrder() throws Exception {
        long started = System.nanoTime();
        f.binance.weightLimit(Integer.MAX_VALUE);
        BotOrders orders = f.orders();
        ReconcileOrders reconcile = f.reconcile(orders);
        List<BotRef> bots = new ArrayList<>();
        for (int b = 0; b < BOTS; b++) {
            // One bot in eight only takes fresh signals: its orders found not placed are dropped, not sent again.
            bots.add(f.bot(b % 8 == 7 ? Duration.ofSeconds(30) : Duration.ofHours(2)));
        }
        Map<Fault, Integer> injected = new ConcurrentHashMap<>();
        Instant firstCandle = Instant.parse("2026-01-01T00:00:00Z").plus(random.nextInt(1_000_000), ChronoUnit.MINUTES);
        for (int c = 0; c < CANDLES; c++) {
            Instant candle = firstCandle.plus(c, ChronoUnit.MINUTES);
            List<Future<?>> deliveries = new ArrayList<>();
            for (BotRef bot : bots) {
                Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
                BigDecimal quantity = switch (fault) {
                    case REFUSED_FILTER -> new BigDecimal("0.00001");
                    case REFUSED_BALANCE -> new BigDecimal("900");
                    default -> new BigDecimal("0.001").multiply(BigDecimal.valueOf(1 + random.nextInt(5)));
                };
                long seed = random.nextLong();
                deliveries.add(workers.submit(() -> {
                    BotOrder row = f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, quantity, fault.name())))
                            .get(0);
                    deliverUnlessInDoubt(orders, bot, row, fault, seed, injected);
                    return null;
                }));
            }
            endRound(deliveries, reconcile);
        }
        // The faults stop; the reconciliation and the senders carry on until every order is settled.
        settle(bots, orders, reconcile);

        Counts counts = count(bots);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Order fault-injection suite: %d signals in %.1f s; faults injected %s%n"
                        + "  outcomes: filled %d, rejected %d %s, not placed and sent again %d, not placed and dropped (older than "
                        + "maxSignalAge) %d; exchange orders %d, fills stored %d%n"
                        + "  duplicate exchange orders %d, exchange orders of no signal %d, lost signals %d, unsettled orders %d%n",
                counts.signals, seconds, new EnumMap<>(injected), counts.filled, counts.rejected, counts.rejectCodes, counts.resent, counts.dropped,
                counts.exchangeOrders, counts.fills, counts.duplicates, counts.strays, counts.lost, unsettled(bots));

        counts.problems.forEach(problem -> System.out.println("  " + problem));
        assertThat(counts.signals).isGreaterThanOrEqualTo(Math.min(1000, BOTS * CANDLES));
        assertThat(counts.duplicates).as("duplicate exchange orders").isZero();
        assertThat(counts.strays).as("exchange orders of no signal").isZero();
        assertThat(counts.lost).as("lost signals").isZero();
        assertThat(unsettled(bots)).isZero();
        assertThat(counts.filled + counts.rejected + counts.dropped).isEqualTo(counts.signals);
        assertThat(counts.fillMismatches).as("orders whose stored fills differ from the exchange's").isZero();
        for (Fault fault : Fault.values()) {
            assertThat(injected.getOrDefault(fault, 0)).as("signals with " + fault).isGreaterThan(BOTS * CANDLES / 50);
        }
        assertThat(counts.resent).isPositive();
        assertThat(counts.dropped).isPositive();
    }

    /**
     * Protective exits on Binance under the same faults: each round every bot buys with a stop-loss (held by
     * the bot), two runners check at once a candle that reaches it (one exit is recorded), and the exit's
     * send meets a fault at one step of the path. Every exit ends sold exactly once, none is dropped (an exit
     * found not placed is sent again however old, also for the bots that drop stale entry signals), and no
     * bot ever sells more than it bought.
     */
    @Test
    void exitOrdersWithFaultsAtEveryStepAreSoldOnceAndNeverLost() throws Exception {
        long started = System.nanoTime();
        f.binance.weightLimit(Integer.MAX_VALUE);
        BotOrders orders = f.orders();
        ReconcileOrders reconcile = f.reconcile(orders);
        List<BotRef> bots = new ArrayList<>();
        for (int b = 0; b < EXIT_BOTS; b++) {
            bots.add(f.bot(b % 8 == 7 ? Duration.ofSeconds(30) : Duration.ofHours(2)));
        }
        List<Fault> exitFaults = java.util.Arrays.stream(Fault.values())
                .filter(fault -> fault != Fault.REFUSED_FILTER && fault != Fault.REFUSED_BALANCE).toList();
        Map<Fault, Integer> injected = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger exitsRecorded = new java.util.concurrent.atomic.AtomicInteger();
        Instant first = Instant.parse("2026-01-01T00:00:00Z").plus(random.nextInt(1_000_000), ChronoUnit.MINUTES);
        for (int round = 0; round < EXIT_ROUNDS; round++) {
            Instant entry = first.plus(2L * round, ChronoUnit.MINUTES);
            Kline reaching = new Kline(entry.plus(1, ChronoUnit.MINUTES), new BigDecimal("30000"), new BigDecimal("30000"),
                    new BigDecimal("25000"), new BigDecimal("29000"), BigDecimal.ONE, entry.plus(2, ChronoUnit.MINUTES).minusMillis(1));
            List<Future<?>> deliveries = new ArrayList<>();
            for (BotRef bot : bots) {
                Fault fault = exitFaults.get(random.nextInt(exitFaults.size()));
                long seed = random.nextLong();
                deliveries.add(workers.submit(() -> {
                    f.record(orders, bot, entry, List.of(OrderIntent.marketQuote(new BigDecimal("300"), "buy"),
                            OrderIntent.protect(new BigDecimal("0.05"), null, null, "exits")));
                    orders.sendPending(bot, Fence.none(), f.exchange);
                    // two runners on the same closed candle: one exit, one client order id
                    List<Boolean> fired = new java.util.concurrent.CopyOnWriteArrayList<>();
                    concurrently(() -> fired.add(f.orders().checkExits(bot, f.exchange, reaching)),
                            () -> fired.add(f.orders().checkExits(bot, f.exchange, reaching)));
                    if (fired.stream().filter(Boolean::booleanValue).count() > 1) {
                        throw new AssertionError("two exits recorded for one candle of bot " + bot.botId());
                    }
                    Optional<BotOrder> exit = f.rowsOf(bot.botId()).stream()
                            .filter(r -> r.intentIndex() == BotOrders.EXIT_INDEX && r.candleOpenTime().equals(reaching.openTime()))
                            .findFirst();
                    if (exit.isEmpty()) {
                        return null; // its buy waits for an exit still in doubt: nothing armed to reach
                    }
                    exitsRecorded.incrementAndGet();
                    deliverUnlessInDoubt(orders, bot, exit.get(), fault, seed, injected);
                    return null;
                }));
            }
            endRound(deliveries, reconcile);
        }
        settle(bots, orders, reconcile);

        Counts counts = count(bots);
        int exitSignals = 0;
        int exitsSold = 0;
        int exitsResent = 0;
        int oversold = 0;
        Map<UUID, BigDecimal> held = new HashMap<>();
        for (BotRef bot : bots) {
            List<BotOrder> rows = f.rowsOf(bot.botId());
            Map<Instant, List<BotOrder>> exits = rows.stream().filter(r -> r.intentIndex() == BotOrders.EXIT_INDEX)
                    .collect(Collectors.groupingBy(BotOrder::candleOpenTime));
            exitSignals += exits.size();
            for (List<BotOrder> chain : exits.values()) {
                exitsResent += chain.size() - 1;
                exitsSold += chain.stream().anyMatch(r -> r.status() == BotOrderStatus.FILLED) ? 1 : 0;
            }
            BotPosition position = orders.position(bot.botId());
            held.put(bot.botId(), position.quantity());
            if (position.quantity().signum() < 0) {
                oversold++;
            }
        }
        System.out.printf("Order fault-injection suite, exits: %d exits recorded in %.1f s (%d rounds x %d bots); faults "
                        + "injected %s%n  exits sold %d of %d, sent again after not placed %d; duplicate exchange orders %d, "
                        + "exchange orders of no signal %d, lost signals %d, bots that sold more than they held %d%n",
                exitsRecorded.get(), (System.nanoTime() - started) / 1e9, EXIT_ROUNDS, EXIT_BOTS, new EnumMap<>(injected),
                exitsSold, exitSignals, exitsResent, counts.duplicates, counts.strays, counts.lost, oversold);
        counts.problems.forEach(problem -> System.out.println("  " + problem));

        assertThat(exitSignals).isEqualTo(exitsRecorded.get()).isGreaterThanOrEqualTo(EXIT_BOTS * EXIT_ROUNDS / 2);
        assertThat(exitsSold).as("exits sold (none dropped, none lost)").isEqualTo(exitSignals);
        assertThat(counts.duplicates).as("duplicate exchange orders").isZero();
        assertThat(counts.strays).as("exchange orders of no signal").isZero();
        assertThat(counts.lost).as("lost signals").isZero();
        assertThat(counts.dropped).as("signals dropped (the entries are sent at once, the exits never dropped)").isZero();
        assertThat(counts.fillMismatches).isZero();
        assertThat(unsettled(bots)).isZero();
        assertThat(oversold).as("bots that sold more than they bought").isZero();
        assertThat(exitsResent).as("exits found not placed and sent again").isPositive();
        for (Fault fault : exitFaults) {
            assertThat(injected.getOrDefault(fault, 0)).as("exits with " + fault).isPositive();
        }
        // no protection ever reached the exchange: every order there is a bot's buy or exit
        assertThat(f.binance.orders(OrdersFixture.KEY)).allSatisfy(o -> assertThat(o.type()).isEqualTo("MARKET"));
    }

    /**
     * One delivery of the bot's pending orders, with {@code fault} at its step; faults of the exchange are
     * planned on the new order's client order id (the fake answers that order so whenever it is sent).
     */
    private void deliver(BotRef bot, BotOrder row, Fault fault, Random random) throws Exception {
        switch (fault) {
            case NONE, REFUSED_FILTER, REFUSED_BALANCE -> f.orders().sendPending(bot, Fence.none(), f.exchange);
            case ACCEPTED_THEN_TIMEOUT -> failOrder(row, Failure.slowAnswerAfterProcessing(Duration.ofMillis(400)), bot);
            case ACCEPTED_THEN_500 -> failOrder(row, Failure.serverErrorAfterProcessing(500), bot);
            case REFUSED_500 -> failOrder(row, Failure.serverError(random.nextBoolean() ? 500 : 503), bot);
            case DROPPED_BEFORE -> failOrder(row, Failure.dropped(), bot);
            case DROPPED_AFTER -> failOrder(row, Failure.droppedAfterProcessing(), bot);
            case LOOKUPS_MISS_THEN_KILLED -> {
                f.binance.hideOrder(row.clientOrderId(), 2 + random.nextInt(6));
                killedAt(bot, false);
            }
            case KILLED_AFTER_CLAIM -> killedAt(bot, true);
            case KILLED_AFTER_SEND -> killedAt(bot, false);
            case DELIVERED_TWICE -> concurrently(() -> f.orders().sendPending(bot, Fence.none(), f.exchange),
                    () -> f.orders().sendPending(bot, Fence.none(), f.exchange));
            case TWO_WORKERS -> {
                // The stale worker's lease was taken over (token 1 → 2) while it was still running.
                AtomicLong lease = leases.computeIfAbsent(bot.botId(), id -> new AtomicLong());
                long stale = lease.incrementAndGet();
                long current = lease.incrementAndGet();
                concurrently(() -> f.orders().sendPending(bot, Fence.of(stale, h -> lease.get() == stale), f.exchange),
                        () -> f.orders().sendPending(bot, Fence.of(current, h -> lease.get() == current), f.exchange));
            }
        }
    }

    private void failOrder(BotOrder row, Failure failure, BotRef bot) {
        f.binance.failOrder(row.clientOrderId(), failure);
        f.orders().sendPending(bot, Fence.none(), f.exchange);
    }

    /** The send stops right after the claim or right after the exchange's answer, as a killed worker would. */
    private void killedAt(BotRef bot, boolean afterClaim) {
        BotOrders dying = f.orders(new SendHooks() {
            @Override
            public void claimed(BotOrder order) {
                if (afterClaim) {
                    throw new BotOrdersIT.Killed();
                }
            }

            @Override
            public void answered(BotOrder order, Placement placement) {
                throw new BotOrdersIT.Killed();
            }
        });
        try {
            dying.sendPending(bot, Fence.none(), f.exchange);
        } catch (BotOrdersIT.Killed expected) {
            // the worker is gone; a fresh one resumes later
        }
    }

    private void concurrently(Runnable first, Runnable second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Future<?> a = seconds.submit(() -> {
            start.await();
            first.run();
            return null;
        });
        Future<?> b = seconds.submit(() -> {
            start.await();
            second.run();
            return null;
        });
        start.countDown();
        a.get();
        b.get();
    }

    /** Each minute of the order path's clock: the reconciliation, then every bot's pending sends, until all settle. */
    private void settle(List<BotRef> bots, BotOrders orders, ReconcileOrders reconcile) {
        for (int round = 0; round < 30 && unsettled(bots) > 0; round++) {
            f.clock.advance(Duration.ofMinutes(1));
            reconcile.reconcileAll();
            for (BotRef bot : bots) {
                orders.sendPending(bot, Fence.none(), f.exchange);
            }
        }
    }

    private int unsettled(List<BotRef> bots) {
        List<UUID> ids = bots.stream().map(BotRef::botId).toList();
        return OrdersFixture.JDBI.withHandle(h -> h.createQuery("select count(*) from bot_orders where bot_id in (<ids>) "
                + "and status in ('NEW', 'SENDING', 'UNKNOWN', 'OPEN')").bindList("ids", ids).mapTo(Integer.class).one());
    }

    static final class Counts {
        int signals;
        int filled;
        int rejected;
        int resent;
        int dropped;
        int lost;
        int exchangeOrders;
        int duplicates;
        int strays;
        int fills;
        int fillMismatches;
        Map<Integer, Long> rejectCodes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
    }

    private Counts count(List<BotRef> bots) {
        Counts counts = new Counts();
        Map<String, BotOrder> byClientId = new HashMap<>();
        Map<String, List<BotOrder>> signals = new HashMap<>();
        for (BotRef bot : bots) {
            for (BotOrder row : f.rowsOf(bot.botId())) {
                if (row.type() == OrderType.PROTECT) {
                    // held by the bot on Binance: never an exchange order; it ends armed, triggered, cancelled or skipped
                    if (!(row.status() == BotOrderStatus.ARMED || row.status() == BotOrderStatus.TRIGGERED
                            || row.status() == BotOrderStatus.CANCELED || row.skipped())) {
                        counts.lost++;
                        counts.problems.add("protection " + row.clientOrderId() + " ended " + row.status());
                    }
                    continue;
                }
                byClientId.put(row.clientOrderId(), row);
                signals.computeIfAbsent(row.botId() + "/" + row.candleOpenTime() + "/" + row.intentIndex(), k -> new ArrayList<>())
                        .add(row);
            }
        }
        Map<UUID, List<BotEventType>> events = new HashMap<>();
        for (BotRef bot : bots) {
            events.put(bot.botId(), f.eventTypes(bot.botId()));
        }
        counts.signals = signals.size();
        List<BotOrder> rejectedRows = new ArrayList<>();
        for (List<BotOrder> chain : signals.values()) {
            chain.sort((a, b) -> Integer.compare(a.attempt(), b.attempt()));
            counts.resent += chain.size() - 1;
            BotOrder last = chain.get(chain.size() - 1);
            switch (last.status()) {
                case FILLED -> counts.filled++;
                case REJECTED -> {
                    if (last.rejectMessage() == null || last.rejectMessage().isBlank()) {
                        counts.lost++;
                    } else {
                        counts.rejected++;
                        rejectedRows.add(last);
                    }
                }
                case NOT_PLACED -> {
                    if (last.maxSignalAge().compareTo(Duration.between(last.decidedAt(), last.resolvedAt())) < 0) {
                        counts.dropped++;
                    } else {
                        counts.lost++;
                    }
                }
                default -> counts.lost++;
            }
            // A chain's earlier attempts must all be NOT_PLACED: only those are ever sent again.
            for (int i = 0; i < chain.size() - 1; i++) {
                if (chain.get(i).status() != BotOrderStatus.NOT_PLACED) {
                    counts.lost++;
                }
            }
        }
        counts.rejectCodes = rejectedRows.stream().collect(Collectors.groupingBy(BotOrder::rejectCode, TreeMap::new,
                Collectors.counting()));
        long droppedEvents = events.values().stream().flatMap(List::stream).filter(t -> t == BotEventType.SIGNAL_DROPPED).count();
        if (droppedEvents != counts.dropped) {
            counts.lost += (int) Math.abs(droppedEvents - counts.dropped);
        }
        List<PlacedOrder> placed = f.binance.orders(OrdersFixture.KEY);
        Map<UUID, BigDecimal> filled = new HashMap<>();
        OrdersFixture.JDBI.useHandle(h -> h.createQuery("select order_id, sum(quantity) as q from bot_fills where account_id = :a "
                + "group by order_id").bind("a", f.accountId)
                .map((rs, ctx) -> Map.entry(rs.getObject("order_id", UUID.class), rs.getBigDecimal("q")))
                .forEach(e -> filled.put(e.getKey(), e.getValue())));
        counts.exchangeOrders = placed.size();
        Map<String, Long> perSignal = new HashMap<>();
        for (PlacedOrder order : placed) {
            BotOrder row = byClientId.get(order.clientOrderId());
            if (row == null) {
                counts.strays++;
                counts.problems.add("no signal: " + order);
                continue;
            }
            perSignal.merge(row.botId() + "/" + row.candleOpenTime() + "/" + row.intentIndex(), 1L, Long::sum);
            if (row.status() != BotOrderStatus.FILLED || row.exchangeOrderId() == null || row.exchangeOrderId() != order.orderId()) {
                counts.lost++; // an order on the exchange that its row does not know as filled
                counts.problems.add("row " + row.clientOrderId() + " attempt " + row.attempt() + " " + row.status() + " "
                        + row.unknownReason() + " for " + order);
            }
            BigDecimal stored = filled.getOrDefault(row.id(), BigDecimal.ZERO);
            if (stored.compareTo(order.executedQuantity()) != 0) {
                counts.fillMismatches++;
            }
        }
        counts.duplicates = (int) perSignal.values().stream().mapToLong(n -> n - 1).sum();
        for (BotRef bot : bots) {
            counts.fills += f.fillCount(bot.botId());
        }
        return counts;
    }
}
