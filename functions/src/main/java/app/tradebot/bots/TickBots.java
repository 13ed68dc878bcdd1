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

    /**
     * Runs queued per transaction: their rows and outbox messages are written by one statement each and
     * sent together, so a thousand bots queue in a few transactions rather than a thousand.
     */
    static final int BATCH = 250;

    private static final Logger log = LoggerFactory.getLogger(TickBots.class);

    private final BotDao bots;
    private final Jobs jobs;

    TickBots(BotDao bots, Jobs jobs) {
        this.bots = bots;
        this.jobs = jobs;
    }

    /** The runs queued. A batch that cannot be queued is logged and left to the next tick. */
    int tick(Instant now) {
        List<BotDao.RunningBot> running = bots.running();
        List<Jobs.Subject> due = running.stream()
                .filter(bot -> due(bot, now))
                .map(bot -> new Jobs.Subject(bot.id(), bot.userId()))
                .toList();
        int queued = 0;
        for (int from = 0; from < due.size(); from += BATCH) {
            List<Jobs.Subject> batch = due.subList(from, Math.min(due.size(), from + BATCH));
            try {
                jobs.requeue(BotsFunctions.BOT_RUNS, batch);
                queued += batch.size();
            }
            catch (RuntimeException e) {
                log.warn("Runs of {} bots not queued (the next tick tries again): {}", batch.size(), e.getMessage());
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
