package app.tradebot.bots;

import app.tradebot.exchange.Kline;
import app.tradebot.strategy.Bar;

/** The closed candle a bot's strategy is shown, read from an exact candle; reused from candle to candle. */
final class KlineBar implements Bar {

    private long openTime;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;

    KlineBar show(Kline kline) {
        openTime = kline.openTime().toEpochMilli();
        open = kline.open().doubleValue();
        high = kline.high().doubleValue();
        low = kline.low().doubleValue();
        close = kline.close().doubleValue();
        volume = kline.volume().doubleValue();
        return this;
    }

    @Override
    public long openTime() {
        return openTime;
    }

    @Override
    public double open() {
        return open;
    }

    @Override
    public double high() {
        return high;
    }

    @Override
    public double low() {
        return low;
    }

    @Override
    public double close() {
        return close;
    }

    @Override
    public double volume() {
        return volume;
    }
}
