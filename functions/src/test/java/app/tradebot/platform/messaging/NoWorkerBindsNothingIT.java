package app.tradebot.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.function.BindableFunctionProxyFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A gateway and scheduler process, even with a function definition in its environment (as a
 * Lambda has), binds no function and consumes nothing; what it publishes is kept for the worker.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "tradebot.roles=gateway,scheduler", "spring.cloud.function.definition=recordAuditEvent" })
@DirtiesContext
class NoWorkerBindsNothingIT {

    static {
        TestServices.install();
    }

    static final List<String> QUEUES = List.of("audit-events", "schedule.purgeAuditEvents");

    private static CachingConnectionFactory rabbit;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditTrail auditTrail;

    @BeforeAll
    static void forgetEarlierBindings() {
        rabbit = TestServices.rabbit();
        new RabbitAdmin(rabbit).deleteExchange("recordAuditEvent-in-0");
    }

    @AfterAll
    static void disconnect() {
        rabbit.destroy();
    }

    @Test
    void noFunctionIsBound() {
        assertThat(context.getBeansOfType(BindableFunctionProxyFactory.class)).isEmpty();
        assertThatThrownBy(() -> new RabbitTemplate(rabbit).execute(ch -> ch.exchangeDeclarePassive("recordAuditEvent-in-0")))
                .isInstanceOf(AmqpException.class);
    }

    /** The process declares the durable queue when it connects, before its first send: no worker needed to keep it. */
    @Test
    void anEventPublishedBeforeAnyWorkerRanWaitsInItsQueue() {
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        admin.deleteQueue("audit-events");
        // A broker that lost its queues: the process's next connection declares them again.
        CachingConnectionFactory connections = context.getBean(CachingConnectionFactory.class);
        connections.resetConnection();
        ((CachingConnectionFactory) connections.getPublisherConnectionFactory()).resetConnection();
        AuditEvent event = new AuditEvent(UUID.randomUUID(), null, "login_failed", "192.0.2.1", "test", Instant.now());

        auditTrail.record(event);

        // The caller returned at its commit (the gateway's role): the process's sender declares the queue as it
        // sends. Wait for the message in it, not only for the queue: a quorum queue just declared may still be
        // starting, and a consumer then is refused.
        QueueInformation info = admin.getQueueInfo("audit-events");
        for (long deadline = System.nanoTime() + 10_000_000_000L;
                (info == null || info.getMessageCount() == 0) && System.nanoTime() < deadline;
                info = admin.getQueueInfo("audit-events")) {
            Thread.onSpinWait();
        }
        assertThat(info).isNotNull();
        assertThat(info.getMessageCount()).as("the event in its queue").isPositive();
        // A quorum queue's message count lags a confirmed publish a little: get, until a deadline. Get, not a
        // consumer with a timeout: a quorum queue may still count that consumer a moment after its cancel, and the
        // test that nothing consumes here would see it.
        RabbitTemplate template = new RabbitTemplate(rabbit);
        Message kept = template.receive("audit-events");
        for (long deadline = System.nanoTime() + 5_000_000_000L; kept == null && System.nanoTime() < deadline;
                kept = template.receive("audit-events")) {
            Thread.onSpinWait();
        }
        assertThat(kept).isNotNull();
        assertThat(new String(kept.getBody(), StandardCharsets.UTF_8)).contains(event.id().toString());
        assertThat(admin.getQueueInfo("audit-events.dlq")).as("its DLQ, declared with it").isNotNull();
    }

    @Test
    void nothingIsConsumed() {
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        for (String queue : QUEUES) {
            QueueInformation info = admin.getQueueInfo(queue);
            if (info != null) {
                assertThat(info.getConsumerCount()).as(queue).isZero();
            }
        }
    }
}
