package app.tradebot.platform.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The local runtimes' relay: every {@code interval}, in each process playing the gateway or the
 * worker role (where functions write to the outbox), one {@link OutboxRelay#relay()} pass. A
 * failing pass (PostgreSQL or RabbitMQ down) is logged once when the outage starts and once when
 * it ends, not at every tick. Gauge {@code tradebot_outbox_pending}: rows waiting after the last pass.
 */
final class OutboxRelayLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayLoop.class);

    private final OutboxRelay relay;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private boolean failing;

    OutboxRelayLoop(OutboxRelay relay, Duration interval, MeterRegistry meters) {
        this.relay = relay;
        this.interval = interval;
        Gauge.builder("tradebot.outbox.pending", relay, OutboxRelay::pending)
                .description("Outbox messages not yet confirmed by the broker after the last relay pass")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            relay.relay();
            if (failing) {
                log.info("Outbox relay recovered; {} messages left", relay.pending());
                failing = false;
            }
        }
        catch (RuntimeException e) {
            if (!failing) {
                log.warn("Outbox relay cannot reach the outbox: {}", e.toString());
                failing = true;
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
