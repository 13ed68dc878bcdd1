package app.tradebot.bots;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.Trade;

/** The exchange a bot trades through: its account's, or for a replay a paper exchange driven by the candles. */
interface BotExchanges {

    /** The bot's account's exchange (Binance or paper). */
    Exchange live(Bot bot);

    /** A replay's exchange and how its candles drive it. */
    Replay replay(Bot bot);

    /**
     * {@code candleClosed}: candle {@code closed} closed and {@code next} opens (null at the end), answering the
     * fills its resting orders made; {@code openAt}: the clock at a candle's open, nothing checked (a replay resumed).
     */
    record Replay(Exchange exchange, BiFunction<Kline, Kline, List<Trade>> candleClosed, Consumer<Kline> openAt) {
    }
}
