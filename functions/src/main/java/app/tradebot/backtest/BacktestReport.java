package app.tradebot.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.tradebot.exchange.fill.RoundTrip;
import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Undefined;

/**
 * A finished run as the API shows and the database stores it: exact decimals made once, here, from
 * the engine's doubles (trades are exact already and only rounded). Prices, quantities and quote amounts (fees, PnL, equity) have 8 decimal
 * places, ratios 6, both rounded half-even; a figure that is undefined is null. Times are the open
 * time of the candle a fill happened in; an equity point is the equity at the close of the candle
 * that opens at its time.
 */
record BacktestReport(MetricsView metrics, List<TradeView> trades, int tradesOmitted, List<EquityPoint> equityCurve,
        int candles, BigDecimal finalEquity, int skippedBuys, int undefinedCandles, List<UndefinedCandle> firstUndefined) {

    static final int MONEY_SCALE = 8;
    /**
     * The report lists the first this many trades and counts the rest in {@code tradesOmitted}: ten
     * million candles can make hundreds of thousands, more than one answer should carry. The
     * metrics always count every trade.
     */
    static final int MAX_TRADES = 10_000;
    static final int RATIO_SCALE = 6;
    /** The API's equity curve: at most about this many points. */
    static final int MAX_EQUITY_POINTS = 2000;

    record MetricsView(BigDecimal totalReturn, BigDecimal cagr, BigDecimal maxDrawdown, BigDecimal sharpe,
            BigDecimal sortino, BigDecimal winRate, BigDecimal profitFactor, BigDecimal exposure, int tradeCount,
            BigDecimal buyAndHoldReturn) {

        static MetricsView of(Metrics m) {
            return new MetricsView(ratio(m.totalReturn()), ratio(m.cagr()), ratio(m.maxDrawdown()), ratio(m.sharpe()),
                    ratio(m.sortino()), ratio(m.winRate()), ratio(m.profitFactor()), ratio(m.exposure()), m.tradeCount(),
                    ratio(m.buyAndHoldReturn()));
        }
    }

    record TradeView(Instant entryTime, BigDecimal entryPrice, Instant exitTime, BigDecimal exitPrice,
            BigDecimal quantity, BigDecimal fee, BigDecimal pnl, String exitReason) {
    }

    record EquityPoint(Instant time, BigDecimal equity) {
    }

    /**
     * A candle (by its open time) where the strategy's deciding {@code rule} ({@code entry} when flat,
     * {@code exit} when holding) was undefined: {@code expression}, at {@code line} and {@code column} of
     * its source, for {@code reason}; nothing was traded on it. {@code undefinedCandles} counts them all,
     * {@code firstUndefined} lists the first few.
     */
    record UndefinedCandle(Instant time, String rule, String expression, int line, int column, String reason) {
    }

    static BacktestReport of(CandleSeries series, Simulation simulation, Metrics metrics) {
        long[] times = series.openTimes();
        TradeLog log = simulation.trades();
        int shown = Math.min(log.size(), MAX_TRADES);
        List<TradeView> trades = new ArrayList<>(shown);
        for (int k = 0; k < shown; k++) {
            RoundTrip trip = log.trip(k);
            trades.add(new TradeView(Instant.ofEpochMilli(times[log.entryIndex(k)]), money(trip.entryPrice()),
                    Instant.ofEpochMilli(times[log.exitIndex(k)]), money(trip.exitPrice()), money(trip.quantity()),
                    money(trip.fees()), money(trip.pnl()), log.exitReason(k)));
        }
        List<EquityPoint> curve = new ArrayList<>();
        for (int i : EquityCurves.downsample(simulation.equity(), MAX_EQUITY_POINTS)) {
            curve.add(new EquityPoint(Instant.ofEpochMilli(times[simulation.from() + i]), money(simulation.equity()[i])));
        }
        UndefinedCandles undefined = simulation.undefined();
        List<UndefinedCandle> firstUndefined = new ArrayList<>(undefined.kept());
        for (int k = 0; k < undefined.kept(); k++) {
            Undefined why = undefined.reason(k);
            firstUndefined.add(new UndefinedCandle(Instant.ofEpochMilli(times[undefined.candle(k)]), why.rule(),
                    why.expression(), why.line(), why.column(), why.reason()));
        }
        return new BacktestReport(MetricsView.of(metrics), trades, log.size() - shown, curve, simulation.equity().length,
                money(simulation.finalEquity()), simulation.skippedBuys(), undefined.count(), firstUndefined);
    }

    static BigDecimal money(double value) {
        return decimal(value, MONEY_SCALE);
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    static BigDecimal ratio(double value) {
        return decimal(value, RATIO_SCALE);
    }

    private static BigDecimal decimal(double value, int scale) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN);
    }
}
