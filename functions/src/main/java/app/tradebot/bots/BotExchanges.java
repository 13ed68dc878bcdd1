package app.tradebot.bots;

import java.util.function.BiConsumer;

import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.Kline;

/** The exchange a bot trades through: its account's, or for a replay a paper exchange driven by the candles. */
interface BotExchanges {

    /** The bot's account's exchange (Binance or paper). */
    Exchange live(Bot bot);

    /** A replay's exchange and what to tell it when candle {@code closed} closed and {@code next} opens (null at the end). */
    Replay replay(Bot bot);

    record Replay(Exchange exchange, BiConsumer<Kline, Kline> candleClosed) {
    }
}
