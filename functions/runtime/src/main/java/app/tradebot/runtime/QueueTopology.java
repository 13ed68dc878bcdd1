package app.tradebot.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * The broker's queues as template.yaml implies them, declared the same way wherever TradeBot
 * runs: by every local process when it connects (the worker, the gateway and the scheduler), and
 * in AWS once per deploy by the {@code migrate} deployment step, so the queues of Amazon MQ exist
 * with their dead-letter exchange and delivery limit before any event source mapping reads them
 * and before the first publish. Spring Cloud Stream declares nothing itself (its bindings are told
 * so, {@link #producerBinding} and {@link #consumerBinding}), so there is one source only.
 *
 * <p>For each queue Q a function consumes (its MQ event's queue, or {@code schedule.<function>},
 * the trigger queue of a scheduled job): a durable topic exchange Q, to which publishers send; a
 * durable quorum queue Q bound to it with {@code #}, whose messages the broker dead-letters to
 * {@value #DEAD_LETTER_EXCHANGE} with routing key Q once delivered {@value #MAX_DELIVERIES} times
 * without being acknowledged (a consumer that crashed or timed out each time), more for a queue a
 * worker consumes with several consumers ({@link #deliveryLimit}); and Q.dlq, bound to
 * {@value #DEAD_LETTER_EXCHANGE} with key Q. Failures a consumer sees itself never reach that
 * limit: the worker and the Lambda adapter retry a failing message {@value #MAX_ATTEMPTS} times
 * and then republish it to Q.dlq, at once for a message they cannot decode.
 */
public final class QueueTopology {

    /** Where failed messages go, by the name of the queue they failed on. Spring Cloud Stream's default name. */
    public static final String DEAD_LETTER_EXCHANGE = "DLX";
    /** Deliveries of one message that may end unacknowledged (consumer gone, Lambda timed out) before the broker dead-letters it. */
    public static final int MAX_DELIVERIES = 3;
    /**
     * The queues a worker process consumes with several consumers, and how many: runBot's, recordAuditEvent's
     * (WorkerBindings) and the notification deliveries' (NotifyProperties' default concurrency). Everywhere else,
     * and in AWS (one poller per event source mapping), a queue has one consumer per process.
     */
    public static final Map<String, Integer> WORKER_CONSUMERS = Map.of("bot-runs", 8, "audit-events", 4,
            "webhook-deliveries", 8, "telegram-deliveries", 8);
    /** Attempts a consumer makes at a message it can decode before it dead-letters it (worker and Lambda alike). */
    public static final int MAX_ATTEMPTS = 3;
    /** Pause before the second attempt; each further pause doubles, up to {@link #BACK_OFF_MAX_MS}. */
    public static final int BACK_OFF_INITIAL_MS = 1000;
    public static final double BACK_OFF_MULTIPLIER = 2.0;
    public static final int BACK_OFF_MAX_MS = 10000;

    /**
     * Who declares the topology: {@code connect} (default: the process, each time it connects) or
     * {@code deployment} (template.yaml's Globals: a Lambda never does; the migrate step did).
     */
    public static final String PROPERTY = "tradebot.messaging.topology";
    public static final String ON_CONNECT = "connect";
    public static final String AT_DEPLOYMENT = "deployment";

    private static final Logger log = LoggerFactory.getLogger(QueueTopology.class);
    private static final int PRECONDITION_FAILED = 406;
    /** How long a queue of an earlier release stays unbound before its messages are counted (see declareQueue). */
    private static final long UNBOUND_PAUSE_MS = 1000;

    private final List<String> queues;

    private QueueTopology(List<String> queues) {
        this.queues = List.copyOf(queues);
    }

    public static QueueTopology of(Template template) {
        Set<String> queues = new LinkedHashSet<>();
        template.queues().forEach(q -> queues.add(q.queue()));
        template.schedules().forEach(s -> queues.add(s.queue()));
        return new QueueTopology(new ArrayList<>(queues));
    }

    /** Every queue a function consumes, in template order. */
    public List<String> queues() {
        return queues;
    }

    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }

    /** The arguments queue {@code queue} is declared with. */
    public static Map<String, Object> queueArguments(String queue) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("x-queue-type", "quorum");
        arguments.put("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE);
        arguments.put("x-dead-letter-routing-key", queue);
        // RabbitMQ counts the returns after the first delivery.
        arguments.put("x-delivery-limit", deliveryLimit(queue) - 1);
        return arguments;
    }

    /**
     * Deliveries of a message of {@code queue} the broker allows before it dead-letters it: {@value #MAX_DELIVERIES},
     * plus one for each further consumer a worker has on the queue. A RabbitMQ before 4.3 counts every time it hands a
     * message out, and when a worker dies (or stops) it takes back each consumer's unacknowledged messages one
     * channel at a time, handing a message it took back to another consumer of the same worker before that one's
     * channel is closed too: one crash of a worker with n consumers can count n deliveries of a message that never
     * failed. With this limit a message outlives any one such crash, and a message that crashes a consumer each time
     * it is delivered is still given up after a bounded number of crashes (bench/task-pipeline.sh KILL=1 and
     * WorkerCrashIT show the crash; AmazonMqFailuresIT the limit in AWS).
     */
    public static int deliveryLimit(String queue) {
        return MAX_DELIVERIES + WORKER_CONSUMERS.getOrDefault(queue, 1) - 1;
    }

    /** Spring Cloud Stream settings of a producer binding to {@code queue}: send to its exchange, declare nothing. */
    public static Map<String, Object> producerBinding(String binding, String queue) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.cloud.stream.bindings[" + binding + "].destination", queue);
        props.put("spring.cloud.stream.bindings[" + binding + "].content-type", "application/json");
        String rabbit = "spring.cloud.stream.rabbit.bindings[" + binding + "].producer.";
        props.put(rabbit + "declare-exchange", false);
        props.put(rabbit + "bind-queue", false);
        props.put(rabbit + "auto-bind-dlq", false);
        return props;
    }

    /**
     * Spring Cloud Stream settings of the worker's consumer binding of {@code queue}: consume the
     * queue itself, retry {@value #MAX_ATTEMPTS} times, then republish to its DLQ; declare nothing.
     */
    public static Map<String, Object> consumerBinding(String binding, String queue) {
        Map<String, Object> props = new LinkedHashMap<>();
        String common = "spring.cloud.stream.bindings[" + binding + "].";
        props.put(common + "destination", queue);
        props.put(common + "group", queue);
        props.put(common + "content-type", "application/json");
        props.put(common + "consumer.max-attempts", MAX_ATTEMPTS);
        props.put(common + "consumer.back-off-initial-interval", BACK_OFF_INITIAL_MS);
        props.put(common + "consumer.back-off-multiplier", BACK_OFF_MULTIPLIER);
        props.put(common + "consumer.back-off-max-interval", BACK_OFF_MAX_MS);
        String rabbit = "spring.cloud.stream.rabbit.bindings[" + binding + "].consumer.";
        props.put(rabbit + "queue-name-group-only", true);
        props.put(rabbit + "durable-subscription", true);
        props.put(rabbit + "declare-exchange", false);
        props.put(rabbit + "bind-queue", false);
        props.put(rabbit + "auto-bind-dlq", false);
        props.put(rabbit + "republish-to-dlq", true);
        props.put(rabbit + "dead-letter-exchange", DEAD_LETTER_EXCHANGE);
        props.put(rabbit + "dead-letter-routing-key", queue);
        return props;
    }

    /** The pause before attempt {@code attempt + 1} after attempt {@code attempt} (1-based) failed. */
    public static long backOffMillis(int attempt) {
        double pause = BACK_OFF_INITIAL_MS * Math.pow(BACK_OFF_MULTIPLIER, attempt - 1);
        return (long) Math.min(pause, BACK_OFF_MAX_MS);
    }

    /**
     * Declares every exchange, queue and binding; idempotent. A queue an earlier release declared
     * with other arguments (a classic queue without delivery limit, a quorum queue with another limit) is
     * replaced when it is empty and unused, and otherwise kept as it is (it works as before) and named in
     * the answer.
     *
     * @return the queues kept in an earlier shape
     */
    public List<String> declare(ConnectionFactory connectionFactory) {
        Connection connection = connectionFactory.createConnection();
        try {
            return declare(connection);
        }
        finally {
            connection.close();
        }
    }

    /** Declares the topology on every connection the factory opens from now on (as RabbitAdmin declares its beans). */
    public void declareOnEveryConnection(ConnectionFactory connectionFactory) {
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void onCreate(Connection connection) {
                try {
                    declare(connection);
                }
                catch (RuntimeException e) {
                    // The connection stays usable; the next one tries again.
                    log.warn("Could not declare the queues on a new broker connection: {}", e.toString());
                }
            }
        };
        connectionFactory.addConnectionListener(listener);
        // Publishers may use a connection of their own (Spring Cloud Stream's producers do).
        ConnectionFactory publishers = connectionFactory.getPublisherConnectionFactory();
        if (publishers != null && publishers != connectionFactory) {
            publishers.addConnectionListener(listener);
        }
    }

    List<String> declare(Connection connection) {
        List<String> kept = new ArrayList<>();
        Channels channels = new Channels(connection);
        try {
            channels.run(ch -> ch.exchangeDeclare(DEAD_LETTER_EXCHANGE, "direct", true));
            for (String queue : queues) {
                channels.run(ch -> ch.exchangeDeclare(queue, "topic", true));
                if (!declareQueue(channels, queue)) {
                    kept.add(queue);
                }
                channels.run(ch -> ch.queueBind(queue, queue, "#"));
                String dlq = deadLetterQueue(queue);
                // No queue type: the broker's default (quorum on Amazon MQ 4, classic on RabbitMQ 3), so a DLQ
                // an earlier release declared, which may hold messages, is always equivalent.
                channels.run(ch -> ch.queueDeclare(dlq, true, false, false, Map.of()));
                channels.run(ch -> ch.queueBind(dlq, DEAD_LETTER_EXCHANGE, queue));
            }
        }
        finally {
            channels.close();
        }
        if (!kept.isEmpty()) {
            log.warn("Queues {} were declared by an earlier release (without a delivery limit, or with a smaller one) and"
                    + " hold messages or have consumers: they keep working as they are; once drained and idle, the next"
                    + " start replaces them", kept);
        }
        log.info("Broker topology declared: {} queues with their DLQs", queues.size());
        return kept;
    }

    /** True when the queue now has this topology's arguments. */
    private static boolean declareQueue(Channels channels, String queue) {
        try {
            channels.run(ch -> ch.queueDeclare(queue, true, false, false, queueArguments(queue)));
            return true;
        }
        catch (DeclarationFailed e) {
            if (e.code != PRECONDITION_FAILED) {
                throw e;
            }
        }
        // Replaced only while empty and without consumers. A quorum queue cannot be deleted on those conditions (RabbitMQ
        // 3 closes the connection on an if-unused or if-empty delete of one), so they are read instead, with the queue
        // unbound from its exchange first: from then on a publish reaches no queue and is returned to its publisher
        // (the outbox sends it again later), and the pause lets a publish routed just before land in the count. The
        // caller binds the queue again, replaced or kept.
        channels.run(ch -> ch.queueUnbind(queue, queue, "#"));
        try {
            Thread.sleep(UNBOUND_PAUSE_MS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        long[] messagesAndConsumers = new long[2];
        channels.run(ch -> {
            var existing = ch.queueDeclarePassive(queue);
            messagesAndConsumers[0] = existing.getMessageCount();
            messagesAndConsumers[1] = existing.getConsumerCount();
        });
        if (messagesAndConsumers[0] > 0 || messagesAndConsumers[1] > 0) {
            return false;
        }
        channels.run(ch -> ch.queueDelete(queue));
        channels.run(ch -> ch.queueDeclare(queue, true, false, false, queueArguments(queue)));
        log.info("Queue {} replaced: it had been declared by an earlier release with other arguments", queue);
        return true;
    }

    @FunctionalInterface
    private interface ChannelCall {
        void run(Channel channel) throws IOException;
    }

    /** One channel at a time; the broker closes a channel on a refused declaration, so the next call opens another. */
    private static final class Channels {

        private final Connection connection;
        private Channel channel;

        Channels(Connection connection) {
            this.connection = connection;
        }

        void run(ChannelCall call) {
            if (channel == null || !channel.isOpen()) {
                channel = connection.createChannel(false);
            }
            try {
                call.run(channel);
            }
            catch (IOException e) {
                int code = e.getCause() instanceof ShutdownSignalException signal
                        && signal.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close close ? close.getReplyCode() : -1;
                throw new DeclarationFailed(code, e);
            }
        }

        void close() {
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                }
                catch (IOException | TimeoutException | RuntimeException e) {
                    log.debug("Closing the declaration channel: {}", e.toString());
                }
            }
        }
    }

    /** The broker refused a declaration; {@code code} is its reply code (406: differs from what exists). */
    static final class DeclarationFailed extends RuntimeException {

        final int code;

        DeclarationFailed(int code, IOException cause) {
            super("The broker refused a declaration (" + code + "): " + cause.getMessage(), cause);
            this.code = code;
        }
    }
}
