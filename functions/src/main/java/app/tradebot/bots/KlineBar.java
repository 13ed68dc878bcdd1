package app.tradebot.bots;

import app.tradebot.exchange.Kline;
import app.tradebot.strategy.MutableBar;

/** The closed candle a bot's strategy is shown, read from an exact candle; reused from candle to candle. */
final class KlineBar extends MutableBar {

    KlineBar show(Kline kline) {
        set(kline.openTime().toEpochMilli(), kline.open().doubleValue(), kline.high().doubleValue(),
                kline.low().doubleValue(), kline.close().doubleValue(), kline.volume().doubleValue());
        return this;
    }
}
