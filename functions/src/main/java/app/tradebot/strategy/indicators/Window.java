package app.tradebot.strategy.indicators;

/** The last {@code capacity} values in a preallocated ring buffer. */
final class Window {

    private final double[] values;
    private int next;
    private int size;

    Window(int capacity) {
        checkPeriod(capacity);
        this.values = new double[capacity];
    }

    static void checkPeriod(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1: " + period);
        }
    }

    void add(double x) {
        values[next] = x;
        next = next + 1 == values.length ? 0 : next + 1;
        if (size < values.length) {
            size++;
        }
    }

    /** The value the next {@link #add} overwrites once the window is full. */
    double oldest() {
        return values[next];
    }

    /** The i-th value, 0 being the oldest held. */
    double get(int i) {
        int index = next - size + i;
        return values[index < 0 ? index + values.length : index];
    }

    /** True right after an add that completed a lap of the ring: a cheap moment to re-sum exactly. */
    boolean atLapStart() {
        return next == 0;
    }

    double sum() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += get(i);
        }
        return sum;
    }

    boolean isFull() {
        return size == values.length;
    }

    int size() {
        return size;
    }

    int capacity() {
        return values.length;
    }
}
