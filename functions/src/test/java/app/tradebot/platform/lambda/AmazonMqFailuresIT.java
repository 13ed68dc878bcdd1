package app.tradebot.platform.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import app.tradebot.TestServices;
import app.tradebot.runtime.QueueTopology;
import app.tradebot.runtime.Template;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Lambda path of a queue-triggered function against the real RabbitMQ, with the topology the
 * migrate step declares: a message that keeps failing, or cannot be decoded, ends in its DLQ and
 * the invocation succeeds (so the event source mapping acknowledges the batch instead of handing
 * it back forever); what the function cannot catch is bounded by the queue's delivery limit. The
 * event source mapping is played by this test: it takes a message from the queue, invokes the
 * function through FunctionInvoker with the aws:rmq event, acknowledges on success and returns the
 * message to the queue on failure.
 */
class AmazonMqFailuresIT {

    static final String FAILURES = "test-failures";
    static final String CRASHES = "test-crashes";

    private static CachingConnectionFactory rabbit;
    private static RabbitAdmin admin;

    @BeforeAll
    static void declareAsTheMigrateStepDoes() throws IOException {
        TestServices.install();
        rabbit = TestServices.rabbit();
        admin = new RabbitAdmin(rabbit);
        for (String queue : List.of(FAILURES, CRASHES)) {
            admin.deleteQueue(queue);
            admin.deleteQueue(QueueTopology.deadLetterQueue(queue));
        }
        QueueTopology.of(Template.load(LambdaInvocations.TEST_TEMPLATE)).declare(rabbit);
    }

    @AfterAll
    static void disconnect() {
        rabbit.destroy();
    }

    @BeforeEach
    void emptyQueues() {
        for (String queue : List.of(FAILURES, CRASHES)) {
            admin.purgeQueue(queue, false);
            admin.purgeQueue(QueueTopology.deadLetterQueue(queue), false);
        }
    }

    @Test
    void aMessageThatKeepsFailingIsTriedThreeTimesThenDeadLetteredAndTheBatchSucceeds() {
        String job = "fails-" + System.nanoTime();
        String body = "{\"job\":\"" + job + "\"}";

        invoke("testAlwaysFails", LambdaInvocations.amazonMqEvent(FAILURES, List.of(body)));

        assertThat(LambdaWithTestFunctions.ATTEMPTS.get(job)).hasValue(QueueTopology.MAX_ATTEMPTS);
        Message dead = new RabbitTemplate(rabbit).receive(QueueTopology.deadLetterQueue(FAILURES), 5000);
        assertThat(dead).as("the message in " + FAILURES + ".dlq").isNotNull();
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(String.valueOf((Object) dead.getMessageProperties().getHeader("x-exception-message"))).isEqualTo("always fails: " + job);
        assertThat(String.valueOf((Object) dead.getMessageProperties().getHeader("x-exception-stacktrace")))
                .contains("IllegalStateException: always fails");
        assertThat(String.valueOf((Object) dead.getMessageProperties().getHeader("x-original-exchange"))).isEqualTo(FAILURES);
        assertThat(admin.getQueueInfo(FAILURES).getMessageCount()).isZero();
    }

    @Test
    void anUndecodableMessageIsDeadLetteredAtOnceWhileTheOthersAreHandled() {
        String job = "beside-" + System.nanoTime();

        invoke("testAlwaysFails", LambdaInvocations.amazonMqEvent(FAILURES,
                List.of("not json at all", "{\"job\":\"" + job + "\"}", "{\"nojob\":true}")));

        RabbitTemplate template = new RabbitTemplate(rabbit);
        Message first = template.receive(QueueTopology.deadLetterQueue(FAILURES), 5000);
        Message second = template.receive(QueueTopology.deadLetterQueue(FAILURES), 5000);
        Message third = template.receive(QueueTopology.deadLetterQueue(FAILURES), 5000);
        assertThat(List.of(first, second, third)).extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .containsExactly("not json at all", "{\"job\":\"" + job + "\"}", "{\"nojob\":true}");
        assertThat(String.valueOf((Object) first.getMessageProperties().getHeader("x-exception-message"))).startsWith("Payload is not JSON");
        assertThat(String.valueOf((Object) third.getMessageProperties().getHeader("x-exception-message")))
                .isEqualTo("Invalid TestJob: job must not be null");
        // The decodable one between them was tried as usual; the undecodable ones never reached a handler.
        assertThat(LambdaWithTestFunctions.ATTEMPTS.get(job)).hasValue(QueueTopology.MAX_ATTEMPTS);
        assertThat(LambdaWithTestFunctions.ATTEMPTS).doesNotContainKey("null");
    }

    /**
     * The event source mapping, played here: every failed invocation returns the message to the
     * queue. The quorum queue counts those returns and dead-letters the message after
     * {@link QueueTopology#deliveryLimit} deliveries ({@link QueueTopology#MAX_DELIVERIES} for a queue a worker
     * consumes with one consumer), so it is never handed out forever.
     */
    @Test
    void whatTheFunctionCannotCatchIsDeadLetteredByTheBrokerAfterTheDeliveryLimit() throws Exception {
        String job = "crashes-" + System.nanoTime();
        new RabbitTemplate(rabbit).send(CRASHES, CRASHES, new Message(("{\"job\":\"" + job + "\"}").getBytes(StandardCharsets.UTF_8)));

        int deliveries = 0;
        try (Connection connection = rabbit.createConnection()) {
            Channel channel = connection.createChannel(false);
            for (int i = 0; i < 10; i++) {
                GetResponse delivery = awaitDelivery(channel);
                if (delivery == null) {
                    break;
                }
                deliveries++;
                String event = LambdaInvocations.amazonMqEvent(CRASHES,
                        List.of(new String(delivery.getBody(), StandardCharsets.UTF_8)));
                assertThatThrownBy(() -> invoke("testAlwaysCrashes", event)).hasStackTraceContaining("the function died");
                channel.basicReject(delivery.getEnvelope().getDeliveryTag(), true);
            }
            channel.close();
        }

        assertThat(deliveries).isEqualTo(QueueTopology.deliveryLimit(CRASHES)).isEqualTo(QueueTopology.MAX_DELIVERIES);
        assertThat(LambdaWithTestFunctions.ATTEMPTS.get(job)).hasValue(QueueTopology.MAX_DELIVERIES);
        Message dead = new RabbitTemplate(rabbit).receive(QueueTopology.deadLetterQueue(CRASHES), 5000);
        assertThat(dead).as("the message in " + CRASHES + ".dlq").isNotNull();
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).contains(job);
        List<Map<String, ?>> death = dead.getMessageProperties().getXDeathHeader();
        assertThat(death).isNotEmpty();
        assertThat(String.valueOf(death.get(0).get("reason"))).isEqualTo("delivery_limit");
    }

    /** A quorum queue takes a moment to make a publish or a return visible. */
    private static GetResponse awaitDelivery(Channel channel) throws IOException, InterruptedException {
        for (int i = 0; i < 20; i++) {
            GetResponse delivery = channel.basicGet(CRASHES, false);
            if (delivery != null) {
                return delivery;
            }
            Thread.sleep(100);
        }
        return null;
    }

    private static void invoke(String function, String event) {
        LambdaInvocations.invoke(LambdaWithTestFunctions.class, LambdaInvocations.TEST_TEMPLATE, function, event);
    }
}
