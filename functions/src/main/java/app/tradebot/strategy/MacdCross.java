package app.tradebot.strategy;

import app.tradebot.strategy.indicators.Macd;

/** macd-cross: long while the MACD line of the close is above its signal line (histogram above zero). */
final class MacdCross implements Strategy {

    private final Macd macd;
    private final Exits exits;
    private final int warmUp;
    private double previousHistogram = Double.NaN;

    MacdCross(int fast, int slow, int signal, Exits exits) {
        this.macd = new Macd(fast, slow, signal);
        this.exits = exits;
        this.warmUp = slow + signal;
    }

    @Override
    public void onBar(Bar bar, Signals signals) {
        macd.update(bar.close());
        if (!macd.isReady()) {
            return;
        }
        double histogram = macd.histogram();
        if (previousHistogram <= 0 && histogram > 0 && signals.position().isFlat()) {
            signals.enterLong(exits);
        }
        else if (previousHistogram >= 0 && histogram < 0 && !signals.position().isFlat()) {
            signals.exit();
        }
        previousHistogram = histogram;
    }

    @Override
    public int warmUp() {
        return warmUp;
    }
}
