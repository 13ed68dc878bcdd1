package app.tradebot.backtest;

import java.util.Arrays;

import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Bar;
import app.tradebot.strategy.Exits;
import app.tradebot.strategy.Position;
import app.tradebot.strategy.Signals;
import app.tradebot.strategy.Strategy;

/**
 * Simulates one strategy over candles {@code [from, to)} of a series, long only, in doubles.
 *
 * <p>Per candle {@code i}, in this order:
 * <ol>
 * <li>market intents the strategy emitted on candle {@code i-1} fill at {@code open[i]}, buys
 * {@code slippage} above, sells below, with the taker fee. Never at the signal candle's close.</li>
 * <li>resting limit orders (placed on an earlier candle) fill with the maker fee if the candle trades
 * through their price: a buy when {@code low <= limit}, a sell when {@code high >= limit}, at the limit
 * price, or at the open when the candle opens beyond it (the open is the better price then).</li>
 * <li>protective exits of the open position, pessimistically: the stop (the higher of stop-loss and
 * trailing stop) is checked first, so a candle that touches both stop and take-profit is a loss. A
 * candle that opens below the stop fills at the open; otherwise at the stop. Stops are market orders
 * (taker fee, slippage). Take-profit is a resting limit (maker fee, no slippage; at the open if the
 * candle opens above it). The trailing stop's high-water mark is raised by this candle's high only
 * after the check, so a candle cannot raise its own stop. The entry candle is checked too.</li>
 * <li>the strategy sees the closed candle {@code i}; what it emits is queued for candle {@code i+1}.
 * Intents emitted before {@link Strategy#warmUp()} candles were seen are dropped.</li>
 * </ol>
 * A buy never spends more than the cash: its amount is clipped to {@code cash / (1 + fee)}, and
 * skipped when nothing is left. A sell limit larger than the position sells the position. Intents
 * still pending after the last candle never fill; a position still open at the end is valued at the
 * last close in the equity but is not a closed trade.
 *
 * <p>One instance per run, not thread-safe. The loop allocates nothing per candle.
 */
final class BacktestEngine implements Signals, Position, Bar {

    /** The engine asks {@link Control} every this many candles (a power of two, so a mask decides). */
    static final int CONTROL_EVERY = 1 << 14;

    /** Called every {@link #CONTROL_EVERY} candles; false stops the run (cancelled). */
    interface Control {

        boolean keepGoing(int candlesDone, int candlesTotal);

        Control NONE = (done, total) -> true;
    }

    static final byte EXIT_SIGNAL = 0;
    static final byte EXIT_STOP_LOSS = 1;
    static final byte EXIT_TRAILING_STOP = 2;
    static final byte EXIT_TAKE_PROFIT = 3;
    static final byte EXIT_LIMIT = 4;

    private static final byte MARKET_BUY = 0;
    private static final byte MARKET_SELL = 1;
    private static final double DUST = 1e-12;

    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final EngineSettings settings;
    private final double takerFee;
    private final double makerFee;
    private final double slippage;

    // the candle the strategy is shown (flyweight Bar)
    private int bar;
    private boolean accepting;

    private double cash;
    private double quantity;
    private double cost;
    private double stopLoss = Double.NaN;
    private double takeProfit = Double.NaN;
    private double trailingStop = Double.NaN;
    private double highWater;

    // the round trip in progress
    private int entryIndex;
    private double boughtQuantity;
    private double boughtValue;
    private double soldQuantity;
    private double soldValue;
    private double tradeFees;
    // one fill's price is reported as it is, not as value / quantity with a rounding error
    private int buyFills;
    private double firstBuyPrice;
    private int sellFills;
    private double firstSellPrice;

    private int pendingCount;
    private byte[] pendingKind = new byte[4];
    private double[] pendingAmount = new double[4];
    private Exits[] pendingExits = new Exits[4];

    private int limitCount;
    private boolean[] limitBuy = new boolean[4];
    private double[] limitPrice = new double[4];
    private double[] limitAmount = new double[4];

    private final TradeLog trades = new TradeLog();
    private int skippedBuys;

    BacktestEngine(CandleSeries series, EngineSettings settings) {
        this.time = series.openTimes();
        this.open = series.open();
        this.high = series.high();
        this.low = series.low();
        this.close = series.close();
        this.volume = series.volume();
        this.settings = settings;
        this.takerFee = settings.takerFeeBps() / 10_000.0;
        this.makerFee = settings.makerFeeBps() / 10_000.0;
        this.slippage = settings.slippageBps() / 10_000.0;
        this.cash = settings.startingBalance();
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
            if (pendingCount > 0) {
                fillPending(i);
            }
            if (limitCount > 0) {
                fillLimits(i);
            }
            if (quantity > 0) {
                checkExits(i);
            }
            bar = i;
            accepting = done + 1 >= warmUp;
            strategy.onBar(this, this);
            if (quantity > 0) {
                exposed++;
                equity[done] = cash + quantity * close[i];
            }
            else {
                equity[done] = cash;
            }
        }
        control.keepGoing(n, n);
        return new Simulation(settings.startingBalance(), equity, exposed, trades, skippedBuys, from);
    }

    // --- (a) market intents at the open -------------------------------------------------------

    private void fillPending(int i) {
        int count = pendingCount;
        pendingCount = 0;
        for (int k = 0; k < count; k++) {
            if (pendingKind[k] == MARKET_BUY) {
                double amount = pendingAmount[k];
                if (Double.isNaN(amount)) {
                    amount = settings.percentSizing() ? (cash + quantity * open[i]) * settings.sizingValue() / 100.0
                            : settings.sizingValue();
                }
                buy(i, open[i] * (1 + slippage), amount, takerFee, pendingExits[k]);
            }
            else if (quantity > 0) {
                double fraction = pendingAmount[k];
                sell(i, open[i] * (1 - slippage), fraction >= 1 ? quantity : quantity * fraction, takerFee, EXIT_SIGNAL);
            }
            pendingExits[k] = null;
        }
    }

    private void buy(int i, double price, double quoteAmount, double feeRate, Exits exits) {
        double notional = Math.min(quoteAmount, cash / (1 + feeRate));
        if (!(notional > DUST)) {
            skippedBuys++;
            return;
        }
        double qty = notional / price;
        double fee = notional * feeRate;
        if (quantity <= 0) {
            entryIndex = i;
            boughtQuantity = 0;
            boughtValue = 0;
            soldQuantity = 0;
            soldValue = 0;
            tradeFees = 0;
            buyFills = 0;
            sellFills = 0;
            firstBuyPrice = price;
            highWater = price;
        }
        buyFills++;
        cash -= notional + fee;
        quantity += qty;
        cost += notional;
        boughtQuantity += qty;
        boughtValue += notional;
        tradeFees += fee;
        highWater = Math.max(highWater, price);
        if (exits != null) {
            stopLoss = exits.stopLoss();
            takeProfit = exits.takeProfit();
            trailingStop = exits.trailingStop();
        }
    }

    private void sell(int i, double price, double qty, double feeRate, byte reason) {
        double value = qty * price;
        double fee = value * feeRate;
        cash += value - fee;
        soldQuantity += qty;
        soldValue += value;
        tradeFees += fee;
        if (sellFills++ == 0) {
            firstSellPrice = price;
        }
        if (qty >= quantity) {
            quantity = 0;
            cost = 0;
            trades.add(entryIndex, i, buyFills == 1 ? firstBuyPrice : boughtValue / boughtQuantity,
                    sellFills == 1 ? firstSellPrice : soldValue / soldQuantity, boughtQuantity, tradeFees,
                    soldValue - boughtValue - tradeFees, reason);
        }
        else {
            cost *= 1 - qty / quantity;
            quantity -= qty;
        }
    }

    // --- (b) resting limits ----------------------------------------------------------------------

    private void fillLimits(int i) {
        int kept = 0;
        for (int k = 0; k < limitCount; k++) {
            double price = limitPrice[k];
            boolean filled;
            if (limitBuy[k]) {
                filled = low[i] <= price;
                if (filled) {
                    double amount = limitAmount[k];
                    if (Double.isNaN(amount)) {
                        amount = settings.percentSizing() ? (cash + quantity * open[i]) * settings.sizingValue() / 100.0
                                : settings.sizingValue();
                    }
                    buy(i, Math.min(open[i], price), amount, makerFee, null);
                }
            }
            else {
                if (quantity <= 0) {
                    continue;
                }
                filled = high[i] >= price;
                if (filled) {
                    sell(i, Math.max(open[i], price), Math.min(limitAmount[k], quantity), makerFee, EXIT_LIMIT);
                }
            }
            if (!filled) {
                limitBuy[kept] = limitBuy[k];
                limitPrice[kept] = price;
                limitAmount[kept] = limitAmount[k];
                kept++;
            }
        }
        limitCount = kept;
    }

    // --- (c) protective exits ---------------------------------------------------------------------

    private void checkExits(int i) {
        double average = cost / quantity;
        double fixedStop = Double.isNaN(stopLoss) ? Double.NaN : average * (1 - stopLoss);
        double trailing = Double.isNaN(trailingStop) ? Double.NaN : highWater * (1 - trailingStop);
        double stop;
        byte reason;
        if (Double.isNaN(trailing) || fixedStop >= trailing) {
            stop = fixedStop;
            reason = EXIT_STOP_LOSS;
        }
        else {
            stop = trailing;
            reason = EXIT_TRAILING_STOP;
        }
        if (stop > 0 && low[i] <= stop) {
            sell(i, Math.min(open[i], stop) * (1 - slippage), quantity, takerFee, reason);
            return;
        }
        if (!Double.isNaN(takeProfit)) {
            double target = average * (1 + takeProfit);
            if (high[i] >= target) {
                sell(i, Math.max(open[i], target), quantity, makerFee, EXIT_TAKE_PROFIT);
                return;
            }
        }
        if (high[i] > highWater) {
            highWater = high[i];
        }
    }

    // --- Signals -------------------------------------------------------------------------------

    @Override
    public Position position() {
        return this;
    }

    @Override
    public void buy(double quoteAmount, Exits exits) {
        queue(MARKET_BUY, quoteAmount, exits == null ? Exits.NONE : exits);
    }

    @Override
    public void sell(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sell fraction must be in (0, 1]: " + fraction);
        }
        queue(MARKET_SELL, fraction, null);
    }

    private void queue(byte kind, double amount, Exits exits) {
        if (!accepting) {
            return;
        }
        if (pendingCount == pendingKind.length) {
            int capacity = pendingCount * 2;
            pendingKind = Arrays.copyOf(pendingKind, capacity);
            pendingAmount = Arrays.copyOf(pendingAmount, capacity);
            pendingExits = Arrays.copyOf(pendingExits, capacity);
        }
        pendingKind[pendingCount] = kind;
        pendingAmount[pendingCount] = amount;
        pendingExits[pendingCount] = exits;
        pendingCount++;
    }

    @Override
    public void buyLimit(double price, double quoteAmount) {
        limit(true, price, quoteAmount);
    }

    @Override
    public void sellLimit(double price, double quantity) {
        limit(false, price, quantity);
    }

    private void limit(boolean buy, double price, double amount) {
        if (!(price > 0)) {
            throw new IllegalArgumentException("limit price must be positive: " + price);
        }
        if (!accepting) {
            return;
        }
        if (limitCount == limitBuy.length) {
            int capacity = limitCount * 2;
            limitBuy = Arrays.copyOf(limitBuy, capacity);
            limitPrice = Arrays.copyOf(limitPrice, capacity);
            limitAmount = Arrays.copyOf(limitAmount, capacity);
        }
        limitBuy[limitCount] = buy;
        limitPrice[limitCount] = price;
        limitAmount[limitCount] = amount;
        limitCount++;
    }

    @Override
    public void cancelLimits() {
        limitCount = 0;
    }

    // --- Position --------------------------------------------------------------------------------

    @Override
    public double quantity() {
        return quantity;
    }

    @Override
    public double averagePrice() {
        return quantity > 0 ? cost / quantity : Double.NaN;
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
