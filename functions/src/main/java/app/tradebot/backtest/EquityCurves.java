package app.tradebot.backtest;

import java.util.Arrays;

/** Thins an equity curve for display without hiding its drawdowns. */
final class EquityCurves {

    private EquityCurves() {
    }

    /**
     * Indices of at most {@code maxPoints} points, in order: all of them when they fit; otherwise the
     * first, the last, and the lowest and highest point of each of {@code (maxPoints - 2) / 2} equal
     * buckets, so every peak and trough that decides a drawdown stays visible.
     */
    static int[] downsample(double[] equity, int maxPoints) {
        int n = equity.length;
        if (n <= maxPoints) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int buckets = Math.max(1, (maxPoints - 2) / 2);
        int[] picked = new int[buckets * 2 + 2];
        int count = 0;
        picked[count++] = 0;
        for (int b = 0; b < buckets; b++) {
            int start = 1 + (int) ((long) b * (n - 2) / buckets);
            int end = 1 + (int) ((long) (b + 1) * (n - 2) / buckets);
            if (start >= end) {
                continue;
            }
            int min = start;
            int max = start;
            for (int i = start + 1; i < end; i++) {
                if (equity[i] < equity[min]) {
                    min = i;
                }
                if (equity[i] > equity[max]) {
                    max = i;
                }
            }
            picked[count++] = Math.min(min, max);
            if (min != max) {
                picked[count++] = Math.max(min, max);
            }
        }
        picked[count++] = n - 1;
        return Arrays.copyOf(picked, count);
    }
}
