package app.tradebot.strategy;

import app.tradebot.strategy.indicators.BollingerBands;

/**
 * bollinger on the close. Breakout: buy a close above the upper band, sell a close back below the
 * middle. Reversion: buy a close below the lower band, sell a close back above the middle.
 */
final class Bollinger implements Strategy {

    private final BollingerBands bands;
    private final boolean breakout;
    private final Exits exits;
    private final int warmUp;

    Bollinger(int period, double k, boolean breakout, Exits exits) {
        this.bands = new BollingerBands(period, k);
        this.breakout = breakout;
        this.exits = exits;
        this.warmUp = period;
    }

    @Override
    public void onBar(Bar bar, Signals signals) {
        double close = bar.close();
        bands.update(close);
        if (!bands.isReady()) {
            return;
        }
        if (signals.position().isFlat()) {
            if (breakout ? close > bands.upper() : close < bands.lower()) {
                signals.enterLong(exits);
            }
        }
        else if (breakout ? close < bands.middle() : close > bands.middle()) {
            signals.exit();
        }
    }

    @Override
    public int warmUp() {
        return warmUp;
    }
}
