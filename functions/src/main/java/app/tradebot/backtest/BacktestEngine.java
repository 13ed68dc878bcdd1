package app.tradebot.backtest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.fill.ExitCheck;
import app.tradebot.exchange.fill.Fill;
import app.tradebot.exchange.fill.FillModel;
import app.tradebot.exchange.fill.Protection;
import app.tradebot.exchange.fill.RoundTrip;
import app.tradebot.exchange.fill.RoundTrips;
import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Bar;
import app.tradebot.strategy.Exits;
import app.tradebot.strategy.Position;
import app.tradebot.strategy.Signals;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.Undefined;

/**
 * Simulates one strategy over candles {@code [from, to)} of a series, long only. Every fill is priced by
 * the one {@link FillModel} in exact decimals (the rules are in its comment); the loop over candles reads
 * doubles and turns to decimals only where money may move.
 *
 * <p>Per candle {@code i}, in this order (a replay bot sees the same events in the same order):
 * <ol>
 * <li>the intents the strategy emitted on candle {@code i-1} are sent in their order, at {@code open[i]}:
 * market orders fill there; limit orders fill there as takers when marketable, else rest (reserving their
 * funds); a buy with exits then replaces the protection with one on all the free base (a buy without exits
 * removes it); a sell first removes it; cancelling removes every resting limit.</li>
 * <li>resting limits are checked against candle {@code i}, then the protection.</li>
 * <li>the strategy sees the closed candle {@code i}. A buy without its own amount is sized then: a fixed
 * quote amount, or a percentage of the equity marked at this candle's close. Intents emitted before
 * {@link Strategy#warmUp()} candles were seen are dropped.</li>
 * </ol>
 * Orders the fill model refuses (below the filters, nothing free) are dropped; refused buys are counted, and
 * so are the candles where the strategy said its deciding rule was undefined.
 * Intents still pending after the last candle never fill; a position open at the end is valued at the
 * last close in the equity but is not a closed trade.
 *
 * <p>One instance per run, not thread-safe.
 */
final class BacktestEngine implements Signals, Position, Bar {

    /** The engine asks {@link Control} every this many candles (a power of two, so a mask decides). */
    static final int CONTROL_EVERY = 1 << 14;

    /** Called every {@link #CONTROL_EVERY} candles; false stops the run (cancelled). */
    interface Control {

        boolean keepGoing(int candlesDone, int candlesTotal);

        Control NONE = (done, total) -> true;
    }

    static final String EXIT_SIGNAL = "signal";
    static final String EXIT_STOP_LOSS = "stop-loss";
    static final String EXIT_TRAILING_STOP = "trailing-stop";
    static final String EXIT_TAKE_PROFIT = "take-profit";
    static final String EXIT_LIMIT = "limit";

    private enum Kind {
        BUY, SELL, BUY_LIMIT, SELL_LIMIT, CANCEL
    }

    /** An intent as the order it becomes: a quote amount (buys), a fraction (sells) or a quantity (limit sells). */
    private record Intent(Kind kind, BigDecimal amount, BigDecimal price, Exits exits) {
    }

    private record Resting(Side side, BigDecimal price, BigDecimal quantity, double screen) {
    }

    private static final BigDecimal ALL = BigDecimal.valueOf(1.0);

    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final EngineSettings settings;
    private final FillModel model;
    private final String symbol;
    private final BigDecimal sizingValue;

    // the candle the strategy is shown (flyweight Bar)
    private int bar;
    private boolean accepting;

    private BigDecimal freeQuote;
    private BigDecimal lockedQuote = BigDecimal.ZERO;
    private BigDecimal freeBase = BigDecimal.ZERO;
    private BigDecimal lockedBase = BigDecimal.ZERO;
    // the equity's doubles, updated at each fill
    private double quoteTotal;
    private double baseTotal;
    private double averageCost = Double.NaN;
    private boolean averageKnown = true;
    private final RoundTrips trips;

    private final List<Intent> intents = new ArrayList<>();
    private final List<Resting> resting = new ArrayList<>();
    private Protection protection;
    // the protection's stop, take-profit and high-water mark as doubles, to screen candles cheaply
    private double stopScreen;
    private double takeScreen;
    private double highScreen;

    private final TradeLog trades = new TradeLog();
    private int skippedBuys;
    private final UndefinedCandles undefined = new UndefinedCandles();

    BacktestEngine(CandleSeries series, EngineSettings settings) {
        this.time = series.openTimes();
        this.open = series.open();
        this.high = series.high();
        this.low = series.low();
        this.close = series.close();
        this.volume = series.volume();
        this.settings = settings;
        this.model = new FillModel(settings.rulesFor(series.symbol()), settings.costs());
        this.symbol = model.rules().symbol();
        this.sizingValue = BigDecimal.valueOf(settings.sizingValue());
        this.freeQuote = FillModel.quote(settings.startingBalance());
        this.quoteTotal = freeQuote.doubleValue();
        this.trips = new RoundTrips(model);
    }

    /** Runs candles {@code [from, to)}; the equity is recorded per candle. Null when the control stopped it. */
    Simulation run(Strategy strategy, int from, int to, Control control) {
        return run(strategy, from, from, to, control);
    }

    /**
     * Like {@link #run(Strategy, int, int, Control)}, but the strategy is first shown candles
     * {@code [leadFrom, from)} without trading, so its indicators are warm when trading starts at
     * {@code from} (an out-of-sample run right after the in-sample candles).
     */
    Simulation run(Strategy strategy, int leadFrom, int from, int to, Control control) {
        int n = to - from;
        double[] equity = new double[n];
        int exposed = 0;
        accepting = false;
        for (int i = leadFrom; i < from; i++) {
            bar = i;
            strategy.onBar(this, this);
        }
        int warmUp = Math.max(0, strategy.warmUp()) - (from - leadFrom);
        for (int i = from; i < to; i++) {
            int done = i - from;
            if ((done & (CONTROL_EVERY - 1)) == 0 && done > 0 && !control.keepGoing(done, n)) {
                return null;
            }
            if (!intents.isEmpty()) {
                send(i);
            }
            if (!resting.isEmpty()) {
                fillResting(i);
            }
            if (protection != null && (low[i] <= stopScreen || high[i] >= takeScreen || high[i] >= highScreen)) {
                checkProtection(i);
            }
            bar = i;
            accepting = done + 1 >= warmUp;
            strategy.onBar(this, this);
            if (trips.open()) {
                exposed++;
            }
            equity[done] = baseTotal > 0 ? quoteTotal + baseTotal * close[i] : quoteTotal;
        }
        control.keepGoing(n, n);
        return new Simulation(settings.startingBalance(), equity, exposed, trades, skippedBuys, from, undefined);
    }

    // --- (a) the intents, sent at the open --------------------------------------------------------

    private void send(int i) {
        BigDecimal reference = decimal(open[i]);
        for (Intent intent : intents) {
            switch (intent.kind()) {
                case BUY -> buy(i, intent, reference);
                case SELL -> sell(i, intent, reference);
                case BUY_LIMIT, SELL_LIMIT -> limit(i, intent, reference);
                case CANCEL -> cancelResting();
            }
        }
        intents.clear();
    }

    private void buy(int i, Intent intent, BigDecimal reference) {
        Fill fill;
        try {
            fill = model.market(OrderRequest.marketQuote(symbol, Side.BUY, intent.amount(), null), reference, freeBase,
                    freeQuote);
        }
        catch (OrderRejected e) {
            skippedBuys++;
            return;
        }
        apply(i, fill, null, false);
        unprotect();
        Exits exits = intent.exits();
        if (Double.isNaN(exits.stopLoss()) && Double.isNaN(exits.takeProfit()) && Double.isNaN(exits.trailingStop())) {
            // no exits: no protection (and no average cost to work out for one)
            return;
        }
        try {
            protect(model.protection(freeBase, freeBase, trips.averageCost(), reference, exits.stopLoss(),
                    exits.takeProfit(), exits.trailingStop()));
        }
        catch (OrderRejected e) {
            // the free base is below the filters: nothing to protect
        }
    }

    private void sell(int i, Intent intent, BigDecimal reference) {
        unprotect();
        BigDecimal quantity = model.sellQuantity(freeBase, intent.amount());
        if (quantity.signum() <= 0) {
            return;
        }
        try {
            apply(i, model.market(OrderRequest.market(symbol, Side.SELL, quantity, null), reference, freeBase, freeQuote),
                    EXIT_SIGNAL, false);
        }
        catch (OrderRejected e) {
            // below the filters: the position stays
        }
    }

    private void limit(int i, Intent intent, BigDecimal reference) {
        boolean buy = intent.kind() == Kind.BUY_LIMIT;
        // a sell limit sells at most the free coins (a buy's fee was taken in coins: "sell what I bought" is a bit less)
        BigDecimal quantity = buy ? model.quantityFor(intent.amount(), intent.price()) : intent.amount().min(freeBase);
        OrderRequest order;
        try {
            order = model.limit(OrderRequest.limit(symbol, buy ? Side.BUY : Side.SELL, quantity, intent.price(), null),
                    reference, freeBase, freeQuote, resting.size() + (protection == null ? 0 : 1));
        }
        catch (OrderRejected e) {
            if (buy) {
                skippedBuys++;
            }
            return;
        }
        if (model.marketable(order.side(), order.price(), reference)) {
            apply(i, model.takeLimit(order, reference), EXIT_LIMIT, false);
            return;
        }
        BigDecimal reserved = FillModel.reserved(order.side(), order.quantity(), order.price());
        if (buy) {
            freeQuote = freeQuote.subtract(reserved);
            lockedQuote = lockedQuote.add(reserved);
        }
        else {
            freeBase = freeBase.subtract(reserved);
            lockedBase = lockedBase.add(reserved);
        }
        resting.add(new Resting(order.side(), order.price(), order.quantity(), order.price().doubleValue()));
    }

    private void cancelResting() {
        for (Resting order : resting) {
            BigDecimal reserved = FillModel.reserved(order.side(), order.quantity(), order.price());
            if (order.side() == Side.BUY) {
                lockedQuote = lockedQuote.subtract(reserved);
                freeQuote = freeQuote.add(reserved);
            }
            else {
                lockedBase = lockedBase.subtract(reserved);
                freeBase = freeBase.add(reserved);
            }
        }
        resting.clear();
    }

    // --- (b) resting limits, then the protection ----------------------------------------------------

    private void fillResting(int i) {
        BigDecimal candleHigh = null;
        BigDecimal candleLow = null;
        for (int k = 0; k < resting.size(); k++) {
            Resting order = resting.get(k);
            if (order.side() == Side.BUY ? low[i] > order.screen() : high[i] < order.screen()) {
                continue;
            }
            if (candleHigh == null) {
                candleHigh = decimal(high[i]);
                candleLow = decimal(low[i]);
            }
            Fill fill = model.resting(order.side(), order.price(), order.quantity(), candleHigh, candleLow);
            if (fill != null) {
                resting.remove(k--);
                apply(i, fill, EXIT_LIMIT, true);
            }
        }
    }

    private void checkProtection(int i) {
        ExitCheck check = model.check(protection, decimal(open[i]), decimal(high[i]), decimal(low[i]));
        if (check.triggered()) {
            Protection done = protection;
            protection = null;
            lockedBase = lockedBase.subtract(done.quantity());
            freeBase = freeBase.add(done.quantity());
            apply(i, check.fill(), switch (check.reason()) {
                case STOP_LOSS -> EXIT_STOP_LOSS;
                case TRAILING_STOP -> EXIT_TRAILING_STOP;
                case TAKE_PROFIT -> EXIT_TAKE_PROFIT;
            }, false);
        }
        else {
            protect(check.protection());
        }
    }

    private void protect(Protection next) {
        if (next == null) {
            return;
        }
        if (protection == null) {
            freeBase = freeBase.subtract(next.quantity());
            lockedBase = lockedBase.add(next.quantity());
        }
        protection = next;
        BigDecimal stop = model.stop(next);
        stopScreen = stop == null ? Double.NEGATIVE_INFINITY : stop.doubleValue();
        takeScreen = next.takeProfit() == null ? Double.POSITIVE_INFINITY : next.takeProfit().doubleValue();
        highScreen = next.highWater() == null ? Double.POSITIVE_INFINITY : next.highWater().doubleValue();
    }

    private void unprotect() {
        if (protection != null) {
            lockedBase = lockedBase.subtract(protection.quantity());
            freeBase = freeBase.add(protection.quantity());
            protection = null;
        }
    }

    /** Moves a fill's money ({@code fromLocked}: a resting order's reserve pays) and books it in the round trips. */
    private void apply(int i, Fill fill, String reason, boolean fromLocked) {
        if (fill.side() == Side.BUY) {
            if (fromLocked) {
                lockedQuote = lockedQuote.subtract(fill.quoteQuantity());
            }
            else {
                freeQuote = freeQuote.subtract(fill.quoteQuantity());
            }
        }
        else if (fromLocked) {
            lockedBase = lockedBase.subtract(fill.quantity());
        }
        else {
            freeBase = freeBase.subtract(fill.quantity());
        }
        if (fill.side() == Side.BUY) {
            freeBase = freeBase.add(fill.baseChange());
        }
        else {
            freeQuote = freeQuote.add(fill.quoteChange());
        }
        quoteTotal = FillModel.toDouble(freeQuote.add(lockedQuote));
        baseTotal = FillModel.toDouble(freeBase.add(lockedBase));
        RoundTrip closed = trips.add(i, fill, reason);
        if (closed != null) {
            trades.add(closed);
        }
        averageKnown = false;
    }

    private static BigDecimal decimal(double value) {
        return FillModel.plainDecimal(value);
    }

    // --- Signals -------------------------------------------------------------------------------

    @Override
    public Position position() {
        return this;
    }

    @Override
    public void buy(double quoteAmount, Exits exits) {
        if (accepting) {
            intents.add(new Intent(Kind.BUY, sized(quoteAmount), null, exits == null ? Exits.NONE : exits));
        }
    }

    /** The quote amount of a buy: its own, or the run's sizing marked at the decision candle's close. */
    private BigDecimal sized(double quoteAmount) {
        if (!Double.isNaN(quoteAmount)) {
            return FillModel.quote(quoteAmount);
        }
        if (settings.percentSizing()) {
            return FillModel.percentOfEquity(freeQuote.add(lockedQuote), freeBase.add(lockedBase), decimal(close[bar]),
                    sizingValue);
        }
        return FillModel.quote(sizingValue);
    }

    @Override
    public void sell(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sell fraction must be in (0, 1]: " + fraction);
        }
        if (accepting) {
            // selling all is the common case: its decimal is made once, not formatted from the double each time
            intents.add(new Intent(Kind.SELL, fraction == 1.0 ? ALL : BigDecimal.valueOf(fraction), null, null));
        }
    }

    @Override
    public void buyLimit(double price, double quoteAmount) {
        checkPrice(price);
        if (accepting) {
            intents.add(new Intent(Kind.BUY_LIMIT, sized(quoteAmount), decimal(price), null));
        }
    }

    @Override
    public void sellLimit(double price, double quantity) {
        checkPrice(price);
        if (accepting) {
            intents.add(new Intent(Kind.SELL_LIMIT, decimal(quantity), decimal(price), null));
        }
    }

    private static void checkPrice(double price) {
        if (!(price > 0)) {
            throw new IllegalArgumentException("limit price must be positive: " + price);
        }
    }

    /** Counted like the intents are kept: on the candles the run trades on, past the warm-up. */
    @Override
    public void undefined(Undefined why) {
        if (accepting) {
            undefined.add(bar, why);
        }
    }

    @Override
    public void cancelLimits() {
        if (accepting) {
            intents.add(new Intent(Kind.CANCEL, null, null, null));
        }
    }

    // --- Position --------------------------------------------------------------------------------

    @Override
    public double quantity() {
        return trips.open() ? baseTotal : 0;
    }

    @Override
    public double averagePrice() {
        if (!averageKnown) {
            BigDecimal average = trips.averageCost();
            averageCost = average == null ? Double.NaN : average.doubleValue();
            averageKnown = true;
        }
        return averageCost;
    }

    // --- Bar (the candle being shown) ------------------------------------------------------------

    @Override
    public long openTime() {
        return time[bar];
    }

    @Override
    public double open() {
        return open[bar];
    }

    @Override
    public double high() {
        return high[bar];
    }

    @Override
    public double low() {
        return low[bar];
    }

    @Override
    public double close() {
        return close[bar];
    }

    @Override
    public double volume() {
        return volume[bar];
    }
}
