package app.tradebot.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import app.tradebot.BrokerRelay;
import app.tradebot.TestServices;
import app.tradebot.runtime.QueueTopology;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker that dies with messages in its consumers' hands, against the real RabbitMQ: its connection is cut (as
 * kill -9 cuts it) while each of its four consumers of a queue declared as audit-events is (same arguments, its own
 * name) holds unacknowledged messages. The broker takes them back one channel at a time and may hand a message to
 * another consumer of the dead connection before that one's channel is closed too, counting a delivery each time:
 * with a delivery limit of {@link QueueTopology#MAX_DELIVERIES} some of them were dead-lettered though no consumer
 * ever failed one (bench/task-pipeline.sh KILL=1, 14 of 4,000). With {@link QueueTopology#deliveryLimit} every
 * message is handed to the next worker, none to the DLQ.
 */
class WorkerCrashIT {

    private static final int CONSUMERS = QueueTopology.WORKER_CONSUMERS.get("audit-events");
    private static final int MESSAGES = 200;

    @Test
    void aWorkerThatDiesHoldingMessagesLeavesEveryOneToTheNextWorkerAndNoneToTheDlq() throws Exception {
        String queue = "worker-crash-it-" + System.nanoTime();
        ConnectionFactory broker = new ConnectionFactory();
        broker.setUri(TestServices.RABBITMQ_URL);
        try (Connection admin = broker.newConnection("worker-crash-it-admin"); Channel setup = admin.createChannel()) {
            Map<String, Object> arguments = new HashMap<>(QueueTopology.queueArguments("audit-events"));
            arguments.put("x-dead-letter-routing-key", queue);
            setup.exchangeDeclare(QueueTopology.DEAD_LETTER_EXCHANGE, "direct", true);
            setup.queueDeclare(queue, true, false, false, arguments);
            setup.queueDeclare(QueueTopology.deadLetterQueue(queue), true, false, false, Map.of());
            setup.queueBind(QueueTopology.deadLetterQueue(queue), QueueTopology.DEAD_LETTER_EXCHANGE, queue);
            try {
                setup.confirmSelect();
                for (int i = 0; i < MESSAGES; i++) {
                    setup.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                            ("message " + i).getBytes(StandardCharsets.UTF_8));
                }
                setup.waitForConfirmsOrDie(10_000);

                try (BrokerRelay relay = BrokerRelay.start()) {
                    ConnectionFactory throughRelay = new ConnectionFactory();
                    throughRelay.setUri(TestServices.RABBITMQ_URL);
                    throughRelay.setHost("127.0.0.1");
                    throughRelay.setPort(relay.port());
                    throughRelay.setAutomaticRecoveryEnabled(false);
                    Connection worker = throughRelay.newConnection("worker-crash-it-worker");
                    AtomicInteger held = new AtomicInteger();
                    for (int c = 0; c < CONSUMERS; c++) {
                        Channel channel = worker.createChannel();
                        // a consumer of the worker's batch binding: up to 100 unacknowledged, here never acknowledged
                        channel.basicQos(100);
                        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                            @Override
                            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                    byte[] body) {
                                held.incrementAndGet();
                            }
                        });
                    }
                    await(() -> held.get() >= MESSAGES, "every message in the consumers' hands");

                    relay.cut();
                }

                // the next worker's turn: every message is in the queue again, or (the fault) in the DLQ
                Set<String> received = new HashSet<>();
                await(() -> {
                    GetResponse next = setup.basicGet(queue, true);
                    if (next != null) {
                        received.add(new String(next.getBody(), StandardCharsets.UTF_8));
                    }
                    return received.size() + setup.messageCount(QueueTopology.deadLetterQueue(queue)) >= MESSAGES;
                }, "every message back in " + queue + " or its DLQ");
                assertThat(setup.messageCount(QueueTopology.deadLetterQueue(queue))).as("messages dead-lettered").isZero();
                assertThat(received).hasSize(MESSAGES);
            }
            finally {
                setup.queueDelete(queue);
                setup.queueDelete(QueueTopology.deadLetterQueue(queue));
            }
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited 30 s for " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
