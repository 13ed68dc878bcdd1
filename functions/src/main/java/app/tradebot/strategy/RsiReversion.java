package app.tradebot.strategy;

import app.tradebot.strategy.indicators.Rsi;

/** rsi-reversion: buy when the RSI of the close is below oversold, sell when it is above overbought. */
final class RsiReversion implements Strategy {

    private final Rsi rsi;
    private final double oversold;
    private final double overbought;
    private final Exits exits;
    private final int warmUp;

    RsiReversion(int period, double oversold, double overbought, Exits exits) {
        this.rsi = new Rsi(period);
        this.oversold = oversold;
        this.overbought = overbought;
        this.exits = exits;
        this.warmUp = period + 1;
    }

    @Override
    public void onBar(Bar bar, Signals signals) {
        double value = rsi.update(bar.close());
        if (!rsi.isReady()) {
            return;
        }
        boolean flat = signals.position().isFlat();
        if (flat && value < oversold) {
            signals.enterLong(exits);
        }
        else if (!flat && value > overbought) {
            signals.exit();
        }
    }

    @Override
    public int warmUp() {
        return warmUp;
    }
}
