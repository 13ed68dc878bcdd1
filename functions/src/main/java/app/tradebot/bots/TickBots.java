package app.tradebot.bots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** Publishes in flight at once. */
    static final int PUBLISHERS = 16;

    private static final Logger log = LoggerFactory.getLogger(TickBots.class);

    private final BotDao bots;
    private final Jobs jobs;

    TickBots(BotDao bots, Jobs jobs) {
        this.bots = bots;
        this.jobs = jobs;
    }

    /** The runs queued. Several publishes wait for their broker confirms at once, so a thousand bots queue in a second or two. */
    int tick(Instant now) {
        List<BotDao.RunningBot> running = bots.running();
        List<BotDao.RunningBot> due = running.stream().filter(bot -> due(bot, now)).toList();
        AtomicInteger queued = new AtomicInteger();
        ExecutorService publishers = Executors.newFixedThreadPool(Math.max(1, Math.min(PUBLISHERS, due.size())));
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (BotDao.RunningBot bot : due) {
                sent.add(publishers.submit(() -> {
                    try {
                        jobs.requeue(BotsFunctions.BOT_RUNS, bot.id(), bot.userId());
                        queued.incrementAndGet();
                    }
                    catch (RuntimeException e) {
                        log.warn("Run of bot {} not queued (next tick tries again): {}", bot.id(), e.getMessage());
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        finally {
            publishers.shutdown();
        }
        log.info("Queued {} of {} running bots", queued.get(), running.size());
        return queued.get();
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
