package app.tradebot.backtest;

import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * The engine's {@link BacktestEngine.Control} for a stored job: at most once per {@link #PERIOD_NANOS}
 * it writes the percentage done (and with it the heartbeat) and learns whether the job is still
 * running; a cancelled, deleted or expired job stops the run. Between writes it only reads the clock.
 */
final class ProgressWriter implements BacktestEngine.Control {

    /** Writes come this often at most; the engine asks every 16,384 candles (milliseconds), so about this often. */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final IntPredicate write;
    private final LongSupplier nanoClock;
    private long lastWrite;

    /** {@code write} stores a percentage and answers whether the job is still running. */
    ProgressWriter(IntPredicate write, LongSupplier nanoClock) {
        this.write = write;
        this.nanoClock = nanoClock;
        this.lastWrite = nanoClock.getAsLong();
    }

    @Override
    public boolean keepGoing(int candlesDone, int candlesTotal) {
        long now = nanoClock.getAsLong();
        if (now - lastWrite < PERIOD_NANOS) {
            return true;
        }
        lastWrite = now;
        // 100 is written with the result, in the same update that makes the job succeeded
        int percent = (int) Math.min(99, (long) candlesDone * 100 / Math.max(1, candlesTotal));
        return write.test(percent);
    }
}
