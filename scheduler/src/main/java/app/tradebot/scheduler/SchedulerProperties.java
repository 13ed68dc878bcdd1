package app.tradebot.scheduler;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tradebot.scheduler.*}.
 *
 * @param maxCatchUp a missed tick older than this never fires (EventBridge Scheduler's default maximum event age)
 * @param confirmTimeout how long a fire waits for the broker's publisher confirm before rolling back
 * @param tickLoop false leaves firing to explicit {@link Scheduler#runDue()} calls (tests)
 * @param instanceId this replica's name in schedule_fires; else TRADEBOT_INSTANCE_ID, else host name and pid
 * @param fireRetention how long a job's fired ticks stay in schedule_fires (its latest tick always stays)
 * @param claimAhead how long before a tick the tick loop claims it (publishing still waits for the
 *        tick); zero claims when the tick is due
 */
@ConfigurationProperties("tradebot.scheduler")
record SchedulerProperties(@DefaultValue("24h") Duration maxCatchUp, @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("true") boolean tickLoop, String instanceId, @DefaultValue("7d") Duration fireRetention,
        @DefaultValue("2s") Duration claimAhead) {

    @ConstructorBinding
    SchedulerProperties {
        claimAhead = claimAhead == null ? DEFAULT_CLAIM_AHEAD : claimAhead;
        if (claimAhead.isNegative() || claimAhead.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("tradebot.scheduler.claim-ahead must be between 0 and 10s: " + claimAhead);
        }
        // The latest fire is the job's cursor after a restart; a retention shorter than the catch-up
        // bound could delete what a restarting replica needs to see.
        if (fireRetention != null && maxCatchUp != null && fireRetention.compareTo(maxCatchUp) < 0) {
            throw new IllegalArgumentException("tradebot.scheduler.fire-retention must be at least max-catch-up ("
                    + maxCatchUp + "): " + fireRetention);
        }
    }

    static final Duration DEFAULT_CLAIM_AHEAD = Duration.ofSeconds(2);

    SchedulerProperties(Duration maxCatchUp, Duration confirmTimeout, boolean tickLoop, String instanceId,
            Duration fireRetention) {
        this(maxCatchUp, confirmTimeout, tickLoop, instanceId, fireRetention, DEFAULT_CLAIM_AHEAD);
    }
}
