package app.tradebot.strategy.indicators;

/**
 * The highest (or lowest) of the last {@code period} values: a monotonic deque kept in a preallocated
 * ring, so each value is pushed and popped at most once (amortised O(1), no allocation).
 */
final class SlidingExtreme {

    private final boolean highest;
    private final int period;
    private final double[] values;
    private final long[] positions;
    private int head;
    private int size;
    private long count;

    private SlidingExtreme(int period, boolean highest) {
        Window.checkPeriod(period);
        this.highest = highest;
        this.period = period;
        this.values = new double[period];
        this.positions = new long[period];
    }

    static SlidingExtreme highest(int period) {
        return new SlidingExtreme(period, true);
    }

    static SlidingExtreme lowest(int period) {
        return new SlidingExtreme(period, false);
    }

    double update(double x) {
        // Leave the window first, so the deque never holds more than period values.
        if (size > 0 && positions[head] <= count - period) {
            head = next(head);
            size--;
        }
        while (size > 0 && dominated(values[slot(size - 1)], x)) {
            size--;
        }
        int tail = slot(size);
        values[tail] = x;
        positions[tail] = count;
        size++;
        count++;
        return values[head];
    }

    private boolean dominated(double held, double x) {
        return highest ? held <= x : held >= x;
    }

    double value() {
        return size == 0 ? Double.NaN : values[head];
    }

    boolean isReady() {
        return count >= period;
    }

    private int slot(int offset) {
        int i = head + offset;
        return i >= values.length ? i - values.length : i;
    }

    private int next(int i) {
        return i + 1 == values.length ? 0 : i + 1;
    }
}
