package app.tradebot.backtest;

import java.time.Duration;

import app.tradebot.exchange.Interval;
import app.tradebot.market.CandleSeries;

/**
 * A run's figures, as ratios (0.25 = 25 %). NaN where a figure is undefined: Sharpe and Sortino
 * of a flat equity, win rate without trades, profit factor without a winning or a losing trade;
 * profit factor with wins and no loss is +infinity (ranked first, shown as null).
 *
 * <ul>
 * <li>total return: final equity / starting balance - 1; CAGR over the span from the first candle's
 * open to the last candle's close, in years of 365.25 days.</li>
 * <li>max drawdown: the largest fall from a running peak of the equity (starting balance included),
 * as a fraction of that peak, per candle close.</li>
 * <li>Sharpe and Sortino: per-candle returns of the equity, risk-free rate 0, annualised by
 * sqrt(candles per year) for the interval (markets trade around the clock; a month counts as 1/12
 * year). Sharpe uses the sample standard deviation; Sortino the downside deviation
 * sqrt(sum(min(r, 0)^2) / N) over all N returns.</li>
 * <li>win rate: trades with a positive PnL / closed trades; profit factor: the sum of winning PnL /
 * the sum of losing PnL's magnitude.</li>
 * <li>exposure: the fraction of candles that closed with a position open.</li>
 * <li>buy and hold: the first candle's open to the last candle's close, without fees.</li>
 * </ul>
 */
record Metrics(double totalReturn, double cagr, double maxDrawdown, double sharpe, double sortino, double winRate,
        double profitFactor, double exposure, int tradeCount, double buyAndHoldReturn) {

    private static final double YEAR_MS = Duration.ofDays(365).plusHours(6).toMillis();

    static Metrics of(CandleSeries series, Simulation simulation) {
        double[] equity = simulation.equity();
        int n = equity.length;
        double start = simulation.startingBalance();
        double end = simulation.finalEquity();
        double totalReturn = end / start - 1;
        int from = simulation.from();
        Interval interval = series.interval();

        double cagr = Double.NaN;
        double buyAndHold = Double.NaN;
        if (n > 0) {
            long[] times = series.openTimes();
            long spanMs = times[from + n - 1] - times[from] + interval.duration().toMillis();
            double years = spanMs / YEAR_MS;
            cagr = end <= 0 ? -1 : Math.pow(end / start, 1 / years) - 1;
            buyAndHold = series.close()[from + n - 1] / series.open()[from] - 1;
        }

        double peak = start;
        double maxDrawdown = 0;
        double previous = start;
        double sum = 0;
        double sumSquares = 0;
        double downsideSquares = 0;
        for (int i = 0; i < n; i++) {
            double value = equity[i];
            if (value > peak) {
                peak = value;
            }
            else if (peak > 0) {
                double drawdown = (peak - value) / peak;
                if (drawdown > maxDrawdown) {
                    maxDrawdown = drawdown;
                }
            }
            double r = previous > 0 ? value / previous - 1 : 0;
            sum += r;
            sumSquares += r * r;
            if (r < 0) {
                downsideSquares += r * r;
            }
            previous = value;
        }
        double sharpe = Double.NaN;
        double sortino = Double.NaN;
        if (n > 1) {
            double mean = sum / n;
            double variance = (sumSquares - n * mean * mean) / (n - 1);
            double annualisation = Math.sqrt(candlesPerYear(interval));
            if (variance > 1e-24) {
                sharpe = mean / Math.sqrt(variance) * annualisation;
            }
            double downside = Math.sqrt(downsideSquares / n);
            if (downside > 1e-12) {
                sortino = mean / downside * annualisation;
            }
        }

        TradeLog trades = simulation.trades();
        int wins = 0;
        double grossProfit = 0;
        double grossLoss = 0;
        for (int k = 0; k < trades.size(); k++) {
            double pnl = trades.pnl(k);
            if (pnl > 0) {
                wins++;
                grossProfit += pnl;
            }
            else {
                grossLoss -= pnl;
            }
        }
        double winRate = trades.size() == 0 ? Double.NaN : (double) wins / trades.size();
        // winning without a single loss is the best profit factor there is, not an undefined one
        double profitFactor = grossLoss > 0 ? grossProfit / grossLoss
                : grossProfit > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        double exposure = n == 0 ? 0 : (double) simulation.exposedCandles() / n;
        return new Metrics(totalReturn, cagr, maxDrawdown, sharpe, sortino, winRate, profitFactor, exposure,
                trades.size(), buyAndHold);
    }

    static double candlesPerYear(Interval interval) {
        if (interval == Interval.MONTH) {
            return 12;
        }
        return YEAR_MS / interval.duration().toMillis();
    }

    /** The figure an optimisation ranks by; higher is better (drawdown is negated). */
    double rankValue(RankMetric metric) {
        double value = switch (metric) {
            case totalReturn -> totalReturn;
            case cagr -> cagr;
            case sharpe -> sharpe;
            case sortino -> sortino;
            case profitFactor -> profitFactor;
            case winRate -> winRate;
            case maxDrawdown -> -maxDrawdown;
        };
        return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
    }

    /** The metrics an optimisation may rank by. */
    enum RankMetric {
        totalReturn, cagr, sharpe, sortino, profitFactor, winRate, maxDrawdown
    }
}
