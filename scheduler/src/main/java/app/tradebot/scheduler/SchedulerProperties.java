package app.tradebot.scheduler;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tradebot.scheduler.*}.
 *
 * @param maxCatchUp a missed tick older than this never fires (EventBridge Scheduler's default maximum event age)
 * @param confirmTimeout how long a fire waits for the broker's publisher confirm before rolling back
 * @param tickLoop false leaves firing to explicit {@link Scheduler#runDue()} calls (tests)
 * @param instanceId this replica's name in schedule_fires; else TRADEBOT_INSTANCE_ID, else host name and pid
 */
@ConfigurationProperties("tradebot.scheduler")
record SchedulerProperties(@DefaultValue("24h") Duration maxCatchUp, @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("true") boolean tickLoop, String instanceId) {
}
