package app.tradebot.backtest;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import app.tradebot.runtime.Template;

import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes a {@link JobTask} to the queue template.yaml gives a run function and waits for the
 * broker's confirm, as the audit trail does: a job the broker never took must not look queued.
 */
@Component
class JobQueue {

    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final StreamBridge streamBridge;
    private final Template template;

    JobQueue(StreamBridge streamBridge, Template template) {
        this.streamBridge = streamBridge;
        this.template = template;
    }

    String queueOf(String function) {
        return template.function(function)
                .flatMap(f -> f.queues().stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("template.yaml gives " + function + " no MQ queue"))
                .queue();
    }

    void publish(String function, UUID id) {
        String queue = queueOf(function);
        CorrelationData correlation = new CorrelationData(id.toString());
        if (!streamBridge.send(queue, MessageBuilder.withPayload(new JobTask(id))
                .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation)
                .build())) {
            throw new IllegalStateException("Job " + id + " was not sent to " + queue);
        }
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for the confirm of job " + id, e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("No confirm for job " + id + " on " + queue, e);
        }
        if (!confirm.ack() || correlation.getReturned() != null) {
            throw new IllegalStateException("The broker did not take job " + id + " on " + queue + ": " + confirm.reason());
        }
    }
}
