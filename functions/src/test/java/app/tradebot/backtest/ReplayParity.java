package app.tradebot.backtest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.tradebot.exchange.Balance;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.OrderStatus;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Placement;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Trade;
import app.tradebot.exchange.fill.Fill;
import app.tradebot.exchange.fill.FillCosts;
import app.tradebot.exchange.fill.FillModel;
import app.tradebot.exchange.fill.Protection;
import app.tradebot.exchange.fill.RoundTrip;
import app.tradebot.exchange.fill.RoundTrips;
import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.paper.ReplayExchange;
import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Bar;
import app.tradebot.strategy.Exits;
import app.tradebot.strategy.Position;
import app.tradebot.strategy.RealCandles;
import app.tradebot.strategy.Signals;
import app.tradebot.strategy.Strategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parity proof's two sides: a strategy run by the backtest engine, and the same strategy run
 * through a {@link ReplayExchange} the way a bot's runner drives one, both as round trips in exact
 * decimals with candle open times (epoch milliseconds), compared field by field.
 *
 * <p>The runner's side, which a bot runner must do alike to get the backtest's trades: per candle
 * {@code i}, {@code candleClosed(i, i+1)} (whose answer says which resting orders filled), then
 * {@code strategy.onBar(i)}, then each intent in order
 * becomes orders at once (intents before the strategy's warm-up are dropped):
 * <ul>
 * <li>buy: a MARKET buy for the quote amount (its own, rounded down to 8 places; or the sizing: fixed, or
 * {@link FillModel#percentOfEquity} of all the quote and base at the decision candle's close); once it
 * filled, the open PROTECT order is cancelled and, when the intent has exits, a new one placed on all the
 * free base, priced by {@link FillModel#protection} from the position's average cost
 * ({@link RoundTrips#averageCost}) with the ticker (the next open) as the trailing stop's start;</li>
 * <li>sell: cancel the PROTECT order, then a MARKET sell of {@link FillModel#sellQuantity} of the free base;</li>
 * <li>buy limit: a LIMIT buy of {@link FillModel#quantityFor} the quote amount at the price; sell limit:
 * a LIMIT sell of at most the free base; cancel limits: cancel every open LIMIT order (not PROTECT).</li>
 * </ul>
 * The strategy's position is the {@link RoundTrips} of the account's fills (dust counts as flat).
 */
public final class ReplayParity {

    private ReplayParity() {
    }

    /** What both sides run with: fees and slippage in basis points, sizing, and the symbol's filters. */
    public record Run(double startingBalance, double takerFeeBps, double makerFeeBps, double slippageBps,
            boolean percentSizing, double sizingValue, SymbolRules rules) {

        public FillCosts costs() {
            return FillCosts.ofBps(takerFeeBps, makerFeeBps, slippageBps);
        }

        EngineSettings engine() {
            return new EngineSettings(startingBalance, takerFeeBps, makerFeeBps, slippageBps, percentSizing, sizingValue,
                    rules);
        }
    }

    /** The backtest's closed trades, their times the candles' open times. Protective exits' reasons read "protective". */
    public static List<RoundTrip> backtest(CandleSeries series, Strategy strategy, Run run) {
        TradeLog log = new BacktestEngine(series, run.engine()).run(strategy, 0, series.size(), BacktestEngine.Control.NONE)
                .trades();
        long[] times = series.openTimes();
        List<RoundTrip> trips = new ArrayList<>();
        for (int k = 0; k < log.size(); k++) {
            RoundTrip t = log.trip(k);
            trips.add(new RoundTrip(times[(int) t.entryAt()], times[(int) t.exitAt()], t.entryPrice(), t.exitPrice(),
                    t.quantity(), t.fees(), t.pnl(), reason(t.exitReason())));
        }
        return trips;
    }

    private static String reason(String engineReason) {
        return switch (engineReason) {
            case BacktestEngine.EXIT_STOP_LOSS, BacktestEngine.EXIT_TRAILING_STOP, BacktestEngine.EXIT_TAKE_PROFIT ->
                "protective";
            default -> engineReason;
        };
    }

    /** The candles as the exchange would send them: the file's decimals, exactly. */
    public static List<Kline> klines(RealCandles candles, Interval interval) {
        Duration length = interval.duration();
        List<Kline> klines = new ArrayList<>(candles.size());
        for (int i = 0; i < candles.size(); i++) {
            Instant open = Instant.ofEpochMilli(candles.openTimes()[i]);
            klines.add(new Kline(open, new BigDecimal(candles.text(i, 1)), new BigDecimal(candles.text(i, 2)),
                    new BigDecimal(candles.text(i, 3)), new BigDecimal(candles.text(i, 4)), new BigDecimal(candles.text(i, 5)),
                    open.plus(length).minusMillis(1)));
        }
        return klines;
    }

    /** The replay's closed trades: {@code exchange} is a fresh paper account holding only the starting quote. */
    public static List<RoundTrip> replay(ReplayExchange exchange, List<Kline> candles, List<? extends Bar> bars,
            Strategy strategy, Run run) {
        return new Runner(exchange, run).run(candles, bars, strategy);
    }

    /** Field by field, to the last digit (numerically: 1.50 is 1.5). */
    public static void assertSameTrades(String what, List<RoundTrip> backtest, List<RoundTrip> replay) {
        int n = Math.min(backtest.size(), replay.size());
        for (int k = 0; k < n; k++) {
            RoundTrip b = backtest.get(k);
            RoundTrip r = replay.get(k);
            String trade = what + " trade " + k + " (backtest " + b + ", replay " + r + ")";
            assertThat(r.entryAt()).as("entry time of " + trade).isEqualTo(b.entryAt());
            assertThat(r.exitAt()).as("exit time of " + trade).isEqualTo(b.exitAt());
            assertThat(r.entryPrice()).as("entry price of " + trade).isEqualByComparingTo(b.entryPrice());
            assertThat(r.exitPrice()).as("exit price of " + trade).isEqualByComparingTo(b.exitPrice());
            assertThat(r.quantity()).as("quantity of " + trade).isEqualByComparingTo(b.quantity());
            assertThat(r.fees()).as("fees of " + trade).isEqualByComparingTo(b.fees());
            assertThat(r.pnl()).as("pnl of " + trade).isEqualByComparingTo(b.pnl());
            assertThat(r.exitReason()).as("exit reason of " + trade).isEqualTo(b.exitReason());
        }
        assertThat(replay).as(what + ": closed trades").hasSameSizeAs(backtest);
    }

    /** The runner's side. */
    private static final class Runner implements Signals, Position {

        private enum Kind {
            BUY, SELL, BUY_LIMIT, SELL_LIMIT, CANCEL
        }

        private record Intent(Kind kind, BigDecimal amount, BigDecimal price, Exits exits) {
        }

        private final ReplayExchange exchange;
        private final Run run;
        private final FillModel model;
        private final String symbol;
        private final RoundTrips trips;
        private final List<Intent> intents = new ArrayList<>();
        private final Set<Long> protective = new HashSet<>();
        private final Set<Long> limits = new HashSet<>();
        private String protectId;
        private long nextTradeId = 1;
        private int sent;
        private long candleTime;
        private Kline candle;

        Runner(ReplayExchange exchange, Run run) {
            this.exchange = exchange;
            this.run = run;
            this.model = new FillModel(run.rules(), run.costs());
            this.symbol = run.rules().symbol();
            this.trips = new RoundTrips(model);
        }

        List<RoundTrip> run(List<Kline> candles, List<? extends Bar> bars, Strategy strategy) {
            List<RoundTrip> closed = new ArrayList<>();
            int warmUp = Math.max(0, strategy.warmUp());
            for (int i = 0; i < candles.size(); i++) {
                candle = candles.get(i);
                candleTime = candle.openTime().toEpochMilli();
                if (!exchange.candleClosed(candle, i + 1 < candles.size() ? candles.get(i + 1) : null).isEmpty()) {
                    ingest(closed);
                }
                strategy.onBar(bars.get(i), this);
                if (i + 1 < warmUp) {
                    intents.clear();
                }
                for (Intent intent : intents) {
                    send(intent, closed);
                }
                intents.clear();
            }
            return closed;
        }

        private void send(Intent intent, List<RoundTrip> closed) {
            switch (intent.kind()) {
                case BUY -> {
                    if (filled(place(OrderRequest.marketQuote(symbol, Side.BUY, intent.amount(), id())), closed)) {
                        cancelProtection(closed);
                        Exits exits = intent.exits();
                        if (Double.isNaN(exits.stopLoss()) && Double.isNaN(exits.takeProfit())
                                && Double.isNaN(exits.trailingStop())) {
                            return;
                        }
                        try {
                            BigDecimal free = free(run.rules().baseAsset());
                            Protection protection = model.protection(free, free, trips.averageCost(),
                                    exchange.ticker(symbol).price(), exits.stopLoss(), exits.takeProfit(), exits.trailingStop());
                            if (protection != null) {
                                String id = id();
                                Placement placed = place(OrderRequest.protect(symbol, protection.quantity(),
                                        protection.stopLoss(), protection.takeProfit(), protection.trailingDelta(), id));
                                if (placed instanceof Placement.Accepted accepted) {
                                    protectId = id;
                                    protective.add(accepted.order().exchangeOrderId());
                                }
                            }
                        }
                        catch (OrderRejected e) {
                            // nothing left to protect
                        }
                    }
                }
                case SELL -> {
                    cancelProtection(closed);
                    BigDecimal quantity = model.sellQuantity(free(run.rules().baseAsset()), intent.amount());
                    if (quantity.signum() > 0) {
                        filled(place(OrderRequest.market(symbol, Side.SELL, quantity, id())), closed);
                    }
                }
                case BUY_LIMIT -> limit(Side.BUY, model.quantityFor(intent.amount(), intent.price()), intent.price(), closed);
                case SELL_LIMIT -> limit(Side.SELL, intent.amount().min(free(run.rules().baseAsset())), intent.price(),
                        closed);
                case CANCEL -> {
                    for (Order order : exchange.openOrders(symbol)) {
                        if (order.type() == OrderType.LIMIT) {
                            exchange.cancelOrder(symbol, order.clientOrderId());
                        }
                    }
                }
            }
        }

        private void limit(Side side, BigDecimal quantity, BigDecimal price, List<RoundTrip> closed) {
            Placement placement = place(OrderRequest.limit(symbol, side, quantity, price, id()));
            if (placement instanceof Placement.Accepted accepted) {
                limits.add(accepted.order().exchangeOrderId());
                if (accepted.order().status() != OrderStatus.NEW) {
                    ingest(closed);
                }
            }
        }

        private void cancelProtection(List<RoundTrip> closed) {
            if (protectId != null) {
                Order order = exchange.findOrder(symbol, protectId).orElseThrow();
                if (order.status() == OrderStatus.NEW) {
                    exchange.cancelOrder(symbol, protectId);
                }
                protectId = null;
            }
        }

        private Placement place(OrderRequest request) {
            return exchange.place(request);
        }

        private boolean filled(Placement placement, List<RoundTrip> closed) {
            if (placement instanceof Placement.Accepted accepted && !accepted.fills().isEmpty()) {
                ingest(closed);
                return true;
            }
            return false;
        }

        /** The account's new fills, oldest first, into the position. */
        private void ingest(List<RoundTrip> closed) {
            List<Trade> trades;
            do {
                trades = exchange.tradesFrom(symbol, nextTradeId, 1000);
                for (Trade t : trades) {
                    nextTradeId = t.id() + 1;
                    if (protectId != null && protective.contains(t.exchangeOrderId())) {
                        protectId = null;
                    }
                    String reason = protective.contains(t.exchangeOrderId()) ? "protective"
                            : limits.contains(t.exchangeOrderId()) ? BacktestEngine.EXIT_LIMIT : BacktestEngine.EXIT_SIGNAL;
                    RoundTrip trip = trips.add(t.time().toEpochMilli(), new Fill(t.side(), t.price(), t.quantity(),
                            t.quoteQuantity(), t.commission(), t.commissionAsset(), t.maker()), reason);
                    if (trip != null) {
                        closed.add(trip);
                    }
                }
            }
            while (trades.size() == 1000);
        }

        private BigDecimal free(String asset) {
            return exchange.account().balances().stream().filter(b -> b.asset().equals(asset)).map(Balance::free)
                    .findFirst().orElse(BigDecimal.ZERO);
        }

        private BigDecimal total(String asset) {
            return exchange.account().balances().stream().filter(b -> b.asset().equals(asset))
                    .map(b -> b.free().add(b.locked())).findFirst().orElse(BigDecimal.ZERO);
        }

        private String id() {
            return "p" + candleTime + "-" + sent++;
        }

        private BigDecimal sized(double quoteAmount) {
            if (!Double.isNaN(quoteAmount)) {
                return FillModel.quote(quoteAmount);
            }
            BigDecimal value = BigDecimal.valueOf(run.sizingValue());
            if (run.percentSizing()) {
                return FillModel.percentOfEquity(total(run.rules().quoteAsset()), total(run.rules().baseAsset()),
                        candle.close(), value);
            }
            return FillModel.quote(value);
        }

        // --- Signals ---

        @Override
        public Position position() {
            return this;
        }

        @Override
        public void buy(double quoteAmount, Exits exits) {
            intents.add(new Intent(Kind.BUY, sized(quoteAmount), null, exits == null ? Exits.NONE : exits));
        }

        @Override
        public void sell(double fraction) {
            intents.add(new Intent(Kind.SELL, BigDecimal.valueOf(fraction), null, null));
        }

        @Override
        public void buyLimit(double price, double quoteAmount) {
            intents.add(new Intent(Kind.BUY_LIMIT, sized(quoteAmount), FillModel.plainDecimal(price), null));
        }

        @Override
        public void sellLimit(double price, double quantity) {
            intents.add(new Intent(Kind.SELL_LIMIT, FillModel.plainDecimal(quantity), FillModel.plainDecimal(price), null));
        }

        @Override
        public void cancelLimits() {
            intents.add(new Intent(Kind.CANCEL, null, null, null));
        }

        // --- Position ---

        @Override
        public double quantity() {
            return trips.open() ? FillModel.toDouble(trips.held()) : 0;
        }

        @Override
        public double averagePrice() {
            BigDecimal average = trips.averageCost();
            return average == null ? Double.NaN : average.doubleValue();
        }
    }
}
