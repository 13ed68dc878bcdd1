package app.tradebot.strategy;

import app.tradebot.strategy.indicators.MovingAverage;

/**
 * sma-cross and ema-cross: long while the fast average of the close is above the slow one. A cross
 * is a change of sign of (fast - slow) between two consecutive closed candles, both averages ready.
 */
final class MovingAverageCross implements Strategy {

    private final MovingAverage fast;
    private final MovingAverage slow;
    private final Exits exits;
    private final int warmUp;
    private double previousSpread = Double.NaN;

    MovingAverageCross(MovingAverage fast, MovingAverage slow, Exits exits, int warmUp) {
        this.fast = fast;
        this.slow = slow;
        this.exits = exits;
        this.warmUp = warmUp;
    }

    @Override
    public void onBar(Bar bar, Signals signals) {
        double spread = fast.update(bar.close()) - slow.update(bar.close());
        if (!fast.isReady() || !slow.isReady()) {
            return;
        }
        if (previousSpread <= 0 && spread > 0 && signals.position().isFlat()) {
            signals.enterLong(exits);
        }
        else if (previousSpread >= 0 && spread < 0 && !signals.position().isFlat()) {
            signals.exit();
        }
        previousSpread = spread;
    }

    @Override
    public int warmUp() {
        return warmUp;
    }
}
