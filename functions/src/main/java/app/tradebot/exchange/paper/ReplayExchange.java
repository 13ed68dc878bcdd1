package app.tradebot.exchange.paper;

import java.util.List;

import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.Trade;

/**
 * A paper account replaying stored candles of one symbol and interval, with the candle times as its
 * clock: the same ledger, orders and fill model as a live paper account, driven by the caller.
 */
public interface ReplayExchange extends Exchange {

    /**
     * Candle {@code closed} of the bot's symbol and interval has closed and {@code next} is the one after it
     * (null at the end of the range): resting orders and protective exits are checked against {@code closed}
     * by the fill model, then until the next call the clock reads next's open time and a MARKET order fills
     * at next's open (plus slippage). Answers the fills the check made, oldest first (a runner need not ask
     * for them after every candle).
     */
    List<Trade> candleClosed(Kline closed, Kline next);

    /**
     * Sets the clock to {@code next}'s open without checking any order against a candle: a replay resumed
     * after its last processed candle (to cancel its orders, or sell its position at the next open).
     */
    void openAt(Kline next);
}
