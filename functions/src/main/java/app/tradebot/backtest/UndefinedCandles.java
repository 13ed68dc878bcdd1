package app.tradebot.backtest;

import app.tradebot.strategy.Undefined;

/**
 * The candles of a run where the strategy could not decide because its deciding rule was undefined
 * there (a division by zero, say): nothing was traded on them. Counted all; the first {@link #KEPT}
 * are kept with the reason, so a report can say where and why without growing with the run.
 */
final class UndefinedCandles {

    static final int KEPT = 5;

    private final int[] candles = new int[KEPT];
    private final Undefined[] reasons = new Undefined[KEPT];
    private int count;

    void add(int candle, Undefined why) {
        if (count < KEPT) {
            candles[count] = candle;
            reasons[count] = why;
        }
        count++;
    }

    /** How many candles in all. */
    int count() {
        return count;
    }

    /** How many are kept: {@code min(count, KEPT)}. */
    int kept() {
        return Math.min(count, KEPT);
    }

    /** The series index of the k-th kept candle. */
    int candle(int k) {
        return candles[k];
    }

    Undefined reason(int k) {
        return reasons[k];
    }
}
