package app.tradebot.scheduler;

import java.time.Instant;

import org.springframework.context.ApplicationContext;

/**
 * {@link Scheduler#runDue()} for the gateway's system tests, which run the scheduler role with its
 * tick loop off (tradebot.scheduler.tick-loop=false) and a clock they move by hand.
 */
public final class SchedulerDriver {

    private SchedulerDriver() {
    }

    /** Fires what is due at the scheduler clock's instant; returns once the broker confirmed each tick. */
    public static Instant runDue(ApplicationContext context) {
        return context.getBean(Scheduler.class).runDue();
    }
}
