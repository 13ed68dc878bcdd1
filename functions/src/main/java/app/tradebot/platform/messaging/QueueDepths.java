package app.tradebot.platform.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import app.tradebot.runtime.Template;
import app.tradebot.runtime.Template.FunctionSpec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.SmartLifecycle;

/**
 * The worker's consumer lag: for each queue the worker consumes, gauge {@value #READY} with the
 * messages waiting in it and {@value #DEAD_LETTERS} with those in its DLQ, tagged queue and
 * function. The broker is asked (a passive queue declare per queue) every
 * {@code tradebot.metrics.queue-poll-interval}, not on each scrape; a queue the broker cannot
 * report on reads NaN until the next successful poll.
 */
final class QueueDepths implements SmartLifecycle {

    static final String READY = "tradebot.queue.ready.messages";
    static final String DEAD_LETTERS = "tradebot.queue.dead.letter.messages";

    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);

    /** The last count read for one queue; NaN when unknown. */
    static final class Depth {

        private volatile double messages = Double.NaN;

        double messages() {
            return messages;
        }
    }

    private final RabbitAdmin admin;
    private final Duration interval;
    private final Map<String, Depth> depths = new LinkedHashMap<>();
    private volatile ScheduledExecutorService poller;
    private volatile boolean failing;

    QueueDepths(Template template, ConnectionFactory connectionFactory, MeterRegistry meters, Duration interval) {
        // Not a bean: it must not declare anything, only ask.
        this.admin = new RabbitAdmin(connectionFactory);
        this.interval = interval;
        for (FunctionSpec function : template.functions()) {
            String queue = WorkerBindings.consumedQueue(function);
            if (queue != null) {
                gauge(meters, READY, queue, function.name(), "Messages waiting in the queue of a worker function");
                gauge(meters, DEAD_LETTERS, queue + ".dlq", function.name(),
                        "Messages a worker function gave up on, waiting in its dead-letter queue");
            }
        }
    }

    private void gauge(MeterRegistry meters, String name, String queue, String function, String description) {
        Depth depth = new Depth();
        depths.put(queue, depth);
        Gauge.builder(name, depth, Depth::messages).description(description)
                .tag("queue", queue).tag("function", function).register(meters);
    }

    /** Asks the broker for every queue's ready-message count. */
    void poll() {
        try {
            depths.forEach((queue, depth) -> {
                QueueInformation info = admin.getQueueInfo(queue);
                depth.messages = info == null ? Double.NaN : info.getMessageCount();
            });
            if (failing) {
                log.info("Queue depths readable again");
            }
            failing = false;
        }
        catch (RuntimeException e) {
            depths.values().forEach(depth -> depth.messages = Double.NaN);
            if (!failing) {
                log.warn("Cannot read queue depths from the broker: {}", e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void start() {
        if (depths.isEmpty()) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tradebot-queue-depths");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        poller = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = poller;
        poller = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
