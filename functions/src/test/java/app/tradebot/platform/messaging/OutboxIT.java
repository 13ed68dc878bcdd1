package app.tradebot.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.audit.AuditEvent;
import app.tradebot.runtime.RequestIds;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox with a working broker, as the gateway runs it (no consumer of audit-events here):
 * a committed message reaches its queue at once with the request id, a rolled-back one never
 * exists, and rows left by an outage are sent by the relay.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "tradebot.roles=gateway", "tradebot.outbox.relay-interval=1h" })
@DirtiesContext
class OutboxIT {

    static {
        TestServices.install();
    }

    static final String QUEUE = "audit-events";

    private static CachingConnectionFactory rabbit;
    private static RabbitTemplate rabbitTemplate;
    private static RabbitAdmin admin;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    Jdbi jdbi;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ConfirmedPublisher publisher;

    @Autowired
    JsonMapper json;

    @Autowired
    ObjectProvider<Clock> clock;

    @BeforeAll
    static void connect() {
        rabbit = TestServices.rabbit();
        rabbitTemplate = new RabbitTemplate(rabbit);
        admin = new RabbitAdmin(rabbit);
    }

    @AfterAll
    static void disconnect() {
        rabbit.destroy();
    }

    @BeforeEach
    void empty() {
        if (admin.getQueueInfo(QUEUE) == null) {
            // The producer binding declares the queue with its first message.
            outbox.publish("recordAuditEvent", event());
        }
        admin.purgeQueue(QUEUE, false);
        jdbi.useHandle(h -> h.execute("delete from outbox"));
    }

    @Test
    void aMessageCommittedInTheCallersTransactionIsSentAtOnceWithTheRequestId() {
        AuditEvent event = event();
        MDC.put(RequestIds.MDC_KEY, "req-outbox-1");
        try {
            jdbi.useTransaction(handle -> {
                outbox.publish(handle, "recordAuditEvent", event);
                assertThat(rows(handle)).as("written in the transaction").isEqualTo(1);
                assertThat(admin.getQueueInfo(QUEUE).getMessageCount()).as("nothing sent before the commit").isZero();
            });
        }
        finally {
            MDC.remove(RequestIds.MDC_KEY);
        }

        Message message = rabbitTemplate.receive(QUEUE, 5000);
        assertThat(message).isNotNull();
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains(event.id().toString());
        assertThat(message.getMessageProperties().<String>getHeader(RequestIds.MESSAGE_HEADER)).isEqualTo("req-outbox-1");
        assertThat(rowsOnceSent()).as("deleted once confirmed").isZero();
    }

    @Test
    void manyMessagesCommittedTogetherAreAllSentAtOnceAndDeleted() {
        java.util.List<AuditEvent> events = java.util.stream.Stream.generate(OutboxIT::event).limit(300).toList();
        jdbi.useTransaction(handle -> {
            outbox.publishAll(handle, "recordAuditEvent", events);
            assertThat(rows(handle)).as("written in the transaction").isEqualTo(300);
            assertThat(admin.getQueueInfo(QUEUE).getMessageCount()).as("nothing sent before the commit").isZero();
        });

        java.util.Set<String> received = new java.util.HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Message message = rabbitTemplate.receive(QUEUE, 5000);
            assertThat(message).as("message %d", i).isNotNull();
            received.add(new String(message.getBody(), StandardCharsets.UTF_8));
        }
        assertThat(received).hasSize(300).allSatisfy(body -> assertThat(events).anySatisfy(
                event -> assertThat(body).contains(event.id().toString())));
        assertThat(rabbitTemplate.receive(QUEUE, 300)).as("each once").isNull();
        assertThat(rowsOnceSent()).as("deleted once confirmed").isZero();
    }

    @Test
    void inALambdaTheCallerReturnsOnlyOnceItsMessageIsConfirmedAndDeleted() {
        // A Lambda plays no role: frozen once it returned, it could not send what it left to a sender.
        OutboxRelay lambdaRelay = new OutboxRelay(jdbi, publisher, json, clock,
                new MockEnvironment().withProperty("spring.cloud.function.definition", "login"));
        try {
            Outbox lambdaOutbox = new Outbox(jdbi, publisher, lambdaRelay, json, clock);
            AuditEvent event = event();
            lambdaOutbox.publish("recordAuditEvent", event);

            assertThat(jdbi.withHandle(OutboxIT::rows)).as("confirmed and deleted before the caller returned").isZero();
            Message message = rabbitTemplate.receive(QUEUE, 5000);
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains(event.id().toString());
        }
        finally {
            lambdaRelay.close();
        }
    }

    @Test
    void aRolledBackTransactionLeavesNoRowAndSendsNothing() {
        assertThatThrownBy(() -> jdbi.useTransaction(handle -> {
            outbox.publish(handle, "recordAuditEvent", event());
            throw new IllegalStateException("the caller fails after writing");
        })).hasMessage("the caller fails after writing");

        assertThat(jdbi.withHandle(OutboxIT::rows)).isZero();
        assertThat(rabbitTemplate.receive(QUEUE, 500)).isNull();
    }

    @Test
    void aSpringTransactionIsJoinedAndSentAfterItsCommitOnly() {
        AuditEvent kept = event();
        AuditEvent rolledBack = event();
        transactions.executeWithoutResult(status -> outbox.publish("recordAuditEvent", kept));
        transactions.executeWithoutResult(status -> {
            outbox.publish("recordAuditEvent", rolledBack);
            status.setRollbackOnly();
        });

        Message message = rabbitTemplate.receive(QUEUE, 5000);
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains(kept.id().toString());
        assertThat(rabbitTemplate.receive(QUEUE, 500)).isNull();
        assertThat(rowsOnceSent()).isZero();
    }

    @Test
    void rowsLeftByAnOutageAreSentByTheRelayInOrderWithTheirHeaders() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        jdbi.useHandle(handle -> {
            OutboxStatements.insert(handle, "recordAuditEvent", "{\"id\":\"" + first + "\",\"type\":\"login\",\"at\":\"2026-01-01T00:00:00Z\"}",
                    "{\"x-request-id\":\"req-during-outage\"}", Instant.now().minusSeconds(60));
            OutboxStatements.insert(handle, "recordAuditEvent", "{\"id\":\"" + second + "\",\"type\":\"logout\",\"at\":\"2026-01-01T00:00:01Z\"}",
                    "{}", Instant.now().minusSeconds(59));
        });

        assertThat(relay.relay()).isEqualTo(2);

        Message one = rabbitTemplate.receive(QUEUE, 5000);
        Message two = rabbitTemplate.receive(QUEUE, 5000);
        assertThat(new String(one.getBody(), StandardCharsets.UTF_8)).contains(first.toString());
        assertThat(one.getMessageProperties().<String>getHeader(RequestIds.MESSAGE_HEADER)).isEqualTo("req-during-outage");
        assertThat(new String(two.getBody(), StandardCharsets.UTF_8)).contains(second.toString());
        assertThat(jdbi.withHandle(OutboxIT::rows)).isZero();
        assertThat(relay.relay()).as("nothing is sent twice").isZero();
    }

    @Test
    void aFunctionWithoutAQueueIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> outbox.publish("login", event()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("login");
        assertThat(jdbi.withHandle(OutboxIT::rows)).isZero();
    }

    static AuditEvent event() {
        return new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), "login", "192.0.2.1", "test", Instant.now());
    }

    /**
     * The outbox's rows once the sender's pass ended: the caller returned at its commit (the gateway's role),
     * so the confirmed row's delete may still be under way when its message is received.
     */
    private long rowsOnceSent() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long rows;
        while ((rows = jdbi.withHandle(OutboxIT::rows)) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return rows;
    }

    static long rows(org.jdbi.v3.core.Handle handle) {
        return handle.createQuery("select count(*) from outbox").mapTo(Long.class).one();
    }
}
