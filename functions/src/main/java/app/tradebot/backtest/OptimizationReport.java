package app.tradebot.backtest;

import java.util.List;
import java.util.Map;

/**
 * A finished optimisation: how many parameter sets ran (and how many the strategy refused), the
 * candles in and out of sample, and the best runs by {@code rankBy}, best first. {@code outOfSample}
 * is set for the first {@code walkForward.topN} runs when a walk-forward split was asked for. A run's
 * {@code undefinedCandles} counts the candles of its (in-sample) run where a user strategy's deciding
 * rule was undefined, so nothing was traded on them, as a backtest's report counts them;
 * {@code outOfSampleUndefinedCandles} counts those of its out-of-sample run (null when it had none).
 */
record OptimizationReport(int runs, int invalidSets, String rankBy, int inSampleCandles, int outOfSampleCandles,
        List<Run> best) {

    /** The API shows at most this many of the ranked runs. */
    static final int MAX_SHOWN = 50;

    record Run(int rank, Map<String, Object> params, BacktestReport.MetricsView metrics, int undefinedCandles,
            BacktestReport.MetricsView outOfSample, Integer outOfSampleUndefinedCandles) {
    }
}
