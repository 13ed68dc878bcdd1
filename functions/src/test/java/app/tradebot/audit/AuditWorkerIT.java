package app.tradebot.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.lambda.LambdaInvocations;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker as Compose runs it (role worker only): audit events published through the audit
 * trail reach audit_events through RabbitMQ; what keeps failing ends in the DLQ.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "tradebot.roles=worker")
@DirtiesContext
class AuditWorkerIT {

    static {
        TestServices.install();
    }

    static final String QUEUE = "audit-events";
    static final String DLQ = "audit-events.dlq";
    static final String PURGE_QUEUE = "schedule.purgeAuditEvents";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static CachingConnectionFactory rabbit;
    private static RabbitTemplate rabbitTemplate;
    private static RabbitAdmin admin;

    @Autowired
    AuditTrail auditTrail;

    @Autowired
    Jdbi jdbi;

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
    void emptyTheDlq() {
        admin.purgeQueue(DLQ, false);
    }

    @Test
    void theTemplatesQueuesExistDurableWithTheirDlqsAndTheWorkerConsumesThem() {
        // recordAuditEvent has 4 consumers (their events go in one commit), the purge one.
        Map<String, Integer> consumers = Map.of(QUEUE, 4, PURGE_QUEUE, 1);
        for (String queue : new String[] { QUEUE, PURGE_QUEUE }) {
            QueueInformation info = admin.getQueueInfo(queue);
            assertThat(info).as(queue).isNotNull();
            assertThat(info.getConsumerCount()).as(queue + " consumers").isEqualTo(consumers.get(queue));
            assertThat(admin.getQueueInfo(queue + ".dlq")).as(queue + ".dlq").isNotNull();
        }
        assertThat(admin.getQueueProperties(QUEUE)).isNotNull();
    }

    @Test
    void anEventPublishedThroughTheAuditTrailIsRecorded() {
        AuditEvent event = new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), "login", "203.0.113.7",
                "Mozilla/5.0 (X11; Linux x86_64)", Instant.parse("2026-05-01T10:15:30.123456Z"));

        auditTrail.record(event);

        Map<String, Object> row = await(() -> row(event.id()));
        assertThat(row).containsEntry("id", event.id())
                .containsEntry("user_id", event.userId())
                .containsEntry("type", "login")
                .containsEntry("ip", "203.0.113.7")
                .containsEntry("user_agent", "Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(((java.sql.Timestamp) row.get("at")).toInstant()).isEqualTo(event.at());
    }

    @Test
    void anEventWithoutAUserIsRecordedWithANullUser() {
        AuditEvent event = new AuditEvent(UUID.randomUUID(), null, "login_failed", "198.51.100.1", null,
                Instant.now().truncatedTo(ChronoUnit.MICROS));

        auditTrail.record(event);

        Map<String, Object> row = await(() -> row(event.id()));
        assertThat(row).containsEntry("user_id", null).containsEntry("type", "login_failed").containsEntry("user_agent", null);
    }

    @Test
    void aRedeliveredEventIsStoredOnce() {
        AuditEvent event = new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), "logout", "203.0.113.8", "curl/8",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        AuditEvent marker = new AuditEvent(UUID.randomUUID(), null, "marker", null, null, Instant.now());

        auditTrail.record(event);
        auditTrail.record(event);
        auditTrail.record(marker);

        // prefetch and a single consumer keep order: once the marker is stored, both copies were handled.
        await(() -> row(marker.id()));
        assertThat(count(event.id())).isEqualTo(1);
        assertThat(admin.getQueueInfo(DLQ).getMessageCount()).isZero();
    }

    /**
     * Proof of emulation (b): one message, delivered once by the worker through RabbitMQ and once
     * by Lambda's FunctionInvoker inside an Amazon MQ event, writes the same row.
     */
    @Test
    void theSameMessageThroughFunctionInvokerWritesTheSameRowAsThroughTheWorker() {
        UUID id = UUID.randomUUID();
        String message = "{\"id\":\"" + id + "\",\"userId\":\"" + UUID.randomUUID() + "\",\"type\":\"login\","
                + "\"ip\":\"2001:db8::7\",\"userAgent\":\"Mozilla/5.0 (Macintosh)\","
                + "\"at\":\"2026-05-02T08:00:00.123456Z\"}";

        int workerConsumers = admin.getQueueInfo(QUEUE).getConsumerCount();
        publishRaw(QUEUE, message);
        Map<String, Object> viaWorker = await(() -> row(id));
        jdbi.useHandle(h -> h.createUpdate("delete from audit_events where id = :id").bind("id", id).execute());
        assertThat(row(id)).isEmpty();

        LambdaInvocations.invoke("recordAuditEvent", LambdaInvocations.amazonMqEvent(QUEUE, List.of(message)));

        assertThat(row(id)).contains(viaWorker);
        // The Lambda's application context, running beside the worker, added no consumer of its own.
        assertThat(admin.getQueueInfo(QUEUE).getConsumerCount()).isEqualTo(workerConsumers).isPositive();
    }

    @Test
    void aPayloadThatIsNotJsonGoesToTheDlqWithTheException() {
        publishRaw(QUEUE, "this is not json");

        Message dead = awaitDeadLetter(DLQ);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
        assertThat(header(dead, "x-exception-message")).isNotBlank();
        assertThat(header(dead, "x-exception-stacktrace"))
                .contains("app.tradebot.platform.messaging.UndecodableMessage: Payload is not JSON");
    }

    @Test
    void anEventMissingFieldsGoesToTheDlqNamingThem() {
        publishRaw(QUEUE, "{\"type\":\"login\"}");

        Message dead = awaitDeadLetter(DLQ);
        assertThat(header(dead, "x-exception-stacktrace")).contains("UndecodableMessage: Invalid AuditEvent")
                .contains("id must not be null").contains("at must not be null");
    }

    @Test
    void anEventTheDatabaseRefusesIsRetriedThenDeadLettered() {
        UUID id = UUID.randomUUID();
        String tooLongType = "x".repeat(65);
        publishRaw(QUEUE, "{\"id\":\"" + id + "\",\"type\":\"" + tooLongType + "\",\"at\":\"2026-05-01T00:00:00Z\"}");

        Message dead = awaitDeadLetter(DLQ);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).contains(id.toString());
        assertThat(header(dead, "x-exception-stacktrace")).contains("value too long");
        assertThat(header(dead, "x-original-routingKey")).isEqualTo(QUEUE);
        assertThat(row(id)).isEmpty();
        assertThat(admin.getQueueInfo(QUEUE).getMessageCount()).isZero();
    }

    @Test
    void aPurgeTickDeletesWhatIsOlderThanTheRetentionBeforeTheTick() {
        Instant tick = Instant.parse("2020-06-01T03:15:00Z");
        UUID tooOld = insert(tick.minus(Duration.ofDays(90)).minusSeconds(1));
        UUID justKept = insert(tick.minus(Duration.ofDays(90)).plusSeconds(1));
        UUID recent = insert(Instant.now());

        publishRaw(PURGE_QUEUE, "{\"job\":\"purgeAuditEvents\",\"scheduledTime\":\"" + tick + "\"}");

        await(() -> row(tooOld).isEmpty() ? Optional.of(true) : Optional.empty());
        assertThat(row(justKept)).isPresent();
        assertThat(row(recent)).isPresent();
    }

    @Test
    void aPurgeTickWithoutItsTimeIsDeadLettered() {
        admin.purgeQueue(PURGE_QUEUE + ".dlq", false);
        UUID old = insert(Instant.parse("2001-01-01T00:00:00Z"));

        publishRaw(PURGE_QUEUE, "{\"job\":\"purgeAuditEvents\"}");

        Message dead = awaitDeadLetter(PURGE_QUEUE + ".dlq");
        assertThat(header(dead, "x-exception-stacktrace")).contains("scheduledTime must not be null");
        assertThat(row(old)).isPresent();
    }

    private UUID insert(Instant at) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("insert into audit_events (id, type, at) values (:id, 'test', :at)")
                .bind("id", id).bind("at", at).execute());
        return id;
    }

    private Optional<Map<String, Object>> row(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select * from audit_events where id = :id").bind("id", id)
                .mapToMap().findOne());
    }

    private int count(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from audit_events where id = :id").bind("id", id)
                .mapTo(Integer.class).one());
    }

    private static void publishRaw(String queue, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        rabbitTemplate.send(queue, queue, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    private static Message awaitDeadLetter(String dlq) {
        Message message = rabbitTemplate.receive(dlq, PATIENCE.toMillis());
        assertThat(message).as("a message on " + dlq).isNotNull();
        return message;
    }

    /**
     * The exception headers the DLQ message carries. With Spring Framework 7's retry, Spring Cloud
     * Stream 5.0.4 puts the retry's own "exhausted" message in x-exception-message; the handler's
     * exception and its message are in x-exception-stacktrace.
     */
    private static String header(Message message, String name) {
        Object value = message.getMessageProperties().getHeaders().get(name);
        return value == null ? null : value.toString();
    }

    static <T> T await(Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Nothing after " + PATIENCE);
    }
}
