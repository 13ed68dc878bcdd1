package app.tradebot.platform.messaging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import app.tradebot.runtime.QueueTopology;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Republishes to {@value QueueTopology#DEAD_LETTER_EXCHANGE} with the queue's name as routing key,
 * as the worker's binder does ({@code republishToDlq}), with the headers it sets: the exception's
 * message and stack trace, the original exchange and routing key.
 */
@Component
class BrokerDeadLetters implements DeadLetters {

    static final String EXCEPTION_MESSAGE = "x-exception-message";
    static final String EXCEPTION_STACKTRACE = "x-exception-stacktrace";
    static final String ORIGINAL_EXCHANGE = "x-original-exchange";
    static final String ORIGINAL_ROUTING_KEY = "x-original-routingKey";
    /** A stack trace is cut here: headers share one frame with the rest of the message. */
    static final int MAX_STACKTRACE = 20_000;

    private final RabbitTemplate rabbit;

    BrokerDeadLetters(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    @Override
    public void send(String queue, byte[] body, RuntimeException cause) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
        properties.setHeader(EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()));
        properties.setHeader(EXCEPTION_STACKTRACE, stackTrace(cause));
        properties.setHeader(ORIGINAL_EXCHANGE, queue);
        properties.setHeader(ORIGINAL_ROUTING_KEY, queue);
        CorrelationData correlation = new CorrelationData("dead letter from " + queue);
        rabbit.send(QueueTopology.DEAD_LETTER_EXCHANGE, queue, new Message(body, properties), correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(ConfirmedPublisher.CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnconfirmedPublish("Interrupted waiting for the confirm of a dead letter from " + queue, e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new UnconfirmedPublish("No confirm for a dead letter from " + queue, e);
        }
        if (!confirm.ack()) {
            throw new UnconfirmedPublish("The broker refused a dead letter from " + queue + ": " + confirm.reason(), null);
        }
        if (correlation.getReturned() != null) {
            throw new UnconfirmedPublish("A dead letter from " + queue + " reached no DLQ: "
                    + correlation.getReturned().getReplyText(), null);
        }
    }

    private static String stackTrace(Throwable cause) {
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text, true));
        String trace = text.toString();
        return trace.length() > MAX_STACKTRACE ? trace.substring(0, MAX_STACKTRACE) : trace;
    }
}
