package app.tradebot.bots;

import java.time.Instant;
import java.util.List;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tickBots job (every minute): queues one run of every running bot whose interval has closed a candle
 * it has not processed (a replay bot: until it stops itself). A bot already being run is left to its run;
 * a missed tick loses nothing, since a run catches up from the bot's cursor.
 */
final class TickBots {

    private static final Logger log = LoggerFactory.getLogger(TickBots.class);

    private final BotDao bots;
    private final Jobs jobs;

    TickBots(BotDao bots, Jobs jobs) {
        this.bots = bots;
        this.jobs = jobs;
    }

    /** The runs queued. */
    int tick(Instant now) {
        int queued = 0;
        List<BotDao.RunningBot> running = bots.running();
        for (BotDao.RunningBot bot : running) {
            if (!due(bot, now)) {
                continue;
            }
            try {
                jobs.requeue(BotsFunctions.BOT_RUNS, bot.id(), bot.userId());
                queued++;
            }
            catch (RuntimeException e) {
                log.warn("Run of bot {} not queued (next tick tries again): {}", bot.id(), e.getMessage());
            }
        }
        log.info("Queued {} of {} running bots", queued, running.size());
        return queued;
    }

    /** A candle after the cursor has closed: it opened at next(cursor) and closes at next(next(cursor)). */
    static boolean due(BotDao.RunningBot bot, Instant now) {
        if (bot.replay() || bot.lastCandle() == null) {
            return true;
        }
        Interval interval = Interval.fromCode(bot.interval()).orElse(null);
        return interval != null && !interval.next(interval.next(bot.lastCandle())).isAfter(now);
    }
}
