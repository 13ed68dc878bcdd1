package app.tradebot.bots;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.market.CandleFeed;

/**
 * A row of {@code bots}: params and risk are their JSON text; {@code lastCandle} is the open time of
 * the newest candle the strategy was shown (the runner's cursor).
 */
record Bot(UUID id, UUID userId, UUID accountId, String name, String symbol, String interval, String strategy,
        String params, BotSizing.Type sizingType, BigDecimal sizingValue, String risk, Instant replayFrom,
        Instant replayTo, BotStatus status, Instant lastCandle, String lastError, Instant startedAt, Instant stoppedAt,
        Instant createdAt, Instant updatedAt) {

    Interval candleInterval() {
        return Interval.fromCode(interval).orElseThrow(() -> new IllegalStateException("bot " + id + " has interval " + interval));
    }

    boolean isReplay() {
        return replayFrom != null;
    }

    /**
     * The candles this bot runs on, its owner's: a replay sees what a backtest of the range sees (so the two
     * trade alike); a live bot on a listed symbol the exchange's candles only.
     */
    CandleFeed.View candles(CandleFeed feed) {
        return isReplay() ? feed.of(userId) : feed.live(userId);
    }

    BotSizing sizing() {
        return new BotSizing(sizingType, sizingValue);
    }

    static Duration maxSignalAge(BotRisk risk) {
        return Duration.ofSeconds(risk.withDefaults().maxSignalAgeSeconds());
    }
}
