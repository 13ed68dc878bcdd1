package app.tradebot.bots;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which running bots a tick queues: those whose interval has closed a candle after their cursor. */
class TickBotsTest {

    static BotDao.RunningBot bot(String interval, String lastCandle, boolean replay) {
        return new BotDao.RunningBot(UUID.randomUUID(), UUID.randomUUID(), interval,
                lastCandle == null ? null : Instant.parse(lastCandle), replay);
    }

    @Test
    void aBotIsDueOnceTheCandleAfterItsCursorHasClosed() {
        // cursor 12:00 (4h): the next candle opens 16:00 and closes at 20:00
        BotDao.RunningBot fourHours = bot("4h", "2026-01-01T12:00:00Z", false);
        assertThat(TickBots.due(fourHours, Instant.parse("2026-01-01T19:59:59Z"))).isFalse();
        assertThat(TickBots.due(fourHours, Instant.parse("2026-01-01T20:00:00Z"))).isTrue();
        assertThat(TickBots.due(fourHours, Instant.parse("2026-01-03T00:00:00Z"))).as("missed ticks").isTrue();

        BotDao.RunningBot minute = bot("1m", "2026-01-01T12:00:00Z", false);
        assertThat(TickBots.due(minute, Instant.parse("2026-01-01T12:01:59Z"))).isFalse();
        assertThat(TickBots.due(minute, Instant.parse("2026-01-01T12:02:00Z"))).isTrue();

        BotDao.RunningBot month = bot("1M", "2026-01-01T00:00:00Z", false);
        assertThat(TickBots.due(month, Instant.parse("2026-02-28T23:59:59Z"))).isFalse();
        assertThat(TickBots.due(month, Instant.parse("2026-03-01T00:00:00Z"))).isTrue();
    }

    @Test
    void aNewBotAndAReplayAreAlwaysDue() {
        assertThat(TickBots.due(bot("4h", null, false), Instant.parse("2026-01-01T12:00:00Z"))).isTrue();
        assertThat(TickBots.due(bot("4h", "2026-01-01T12:00:00Z", true), Instant.parse("2026-01-01T12:00:01Z"))).isTrue();
    }
}
