package app.tradebot.platform.lambda;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import app.tradebot.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Functions run through AWS's FunctionInvoker, in-process, with the events Lambda would pass. */
class FunctionInvokerIT {

    static {
        TestServices.install();
    }

    /** Bindings Spring Cloud Stream would create if it bound the Lambda's function. */
    static final List<String> FUNCTION_DESTINATIONS = List.of("health-in-0", "health-out-0", "recordAuditEvent-in-0",
            "testAuthorize-in-0", "testAuthorize-out-0");

    private final JsonMapper json = JsonMapper.builder().build();
    private static CachingConnectionFactory rabbit;
    private static RabbitAdmin admin;

    @BeforeAll
    static void forgetEarlierFunctionBindings() {
        rabbit = TestServices.rabbit();
        admin = new RabbitAdmin(rabbit);
        FUNCTION_DESTINATIONS.forEach(admin::deleteExchange);
    }

    @AfterAll
    static void disconnect() {
        rabbit.destroy();
    }

    @Test
    void anHttpApiEventToHealthReturnsExactlyWhatTheFunctionSet() {
        JsonNode response = json.readTree(LambdaInvocations.invoke("health", LambdaInvocations.resource("http-api-health.json")));

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers")).isEqualTo(json.readTree(
                "{\"Content-Type\":\"application/json\",\"Cache-Control\":\"no-store\"}"));
        assertThat(json.readTree(response.path("body").asString())).isEqualTo(json.readTree(
                "{\"status\":\"up\",\"checks\":{\"postgres\":\"up\",\"redis\":\"up\",\"rabbitmq\":\"up\"}}"));
        assertThat(response.path("isBase64Encoded").asBoolean(true)).isFalse();
        // The function's own response, not FunctionInvoker's envelope around it.
        assertThat(response.path("body").asString()).doesNotContain("statusCode");
    }

    @Test
    void theAuthorizersAnswerComesBackAsApiGatewaysSimpleResponse() {
        JsonNode allowed = json.readTree(LambdaInvocations.invoke(LambdaWithTestFunctions.class,
                LambdaInvocations.TEST_TEMPLATE, "testAuthorize", authorizerEvent("good")));
        JsonNode denied = json.readTree(LambdaInvocations.invoke(LambdaWithTestFunctions.class,
                LambdaInvocations.TEST_TEMPLATE, "testAuthorize", authorizerEvent("forged")));

        assertThat(allowed).isEqualTo(json.readTree(
                "{\"isAuthorized\":true,\"context\":{\"userId\":\"" + LambdaWithTestFunctions.USER_ID + "\"}}"));
        assertThat(denied).isEqualTo(json.readTree("{\"isAuthorized\":false,\"context\":{}}"));
    }

    /**
     * What FunctionInvoker 5.0.5 does with a function that is not registered as the authorizer:
     * its output, not of an AWS events type, is wrapped as if it answered a proxy integration.
     * When this starts failing, the upstream behaviour changed and AuthorizerRegistration may go.
     */
    @Test
    void withoutTheRegistrationFunctionInvokerWrapsTheAuthorizersAnswer() {
        JsonNode wrapped = json.readTree(LambdaInvocations.invoke(LambdaWithTestFunctions.class,
                LambdaInvocations.TEST_TEMPLATE, "testNotTheAuthorizer", authorizerEvent("good")));

        assertThat(wrapped.has("isAuthorized")).isFalse();
        assertThat(wrapped.path("statusCode").asInt()).isEqualTo(200);
        assertThat(json.readTree(wrapped.path("body").asString()).path("isAuthorized").asBoolean()).isTrue();
    }

    @Test
    void anAmazonMqEventToRecordAuditEventRecordsEveryMessage() throws SQLException {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String event = LambdaInvocations.amazonMqEvent("audit-events", List.of(
                "{\"id\":\"" + first + "\",\"userId\":null,\"type\":\"login_failed\",\"ip\":\"198.51.100.9\","
                        + "\"userAgent\":\"curl/8\",\"at\":\"2026-05-01T10:00:00Z\"}",
                "{\"id\":\"" + second + "\",\"userId\":\"" + UUID.randomUUID() + "\",\"type\":\"login\","
                        + "\"ip\":\"198.51.100.9\",\"userAgent\":\"curl/8\",\"at\":\"2026-05-01T10:00:01Z\"}"));

        LambdaInvocations.invoke("recordAuditEvent", event);
        // Redelivered by the event source mapping: still one row each.
        LambdaInvocations.invoke("recordAuditEvent", event);

        assertThat(types(first, second)).containsExactly("login_failed", "login");
    }

    /** Failing the invocation would have the event source mapping hand the batch back forever: the DLQ takes it. */
    @Test
    void anAmazonMqEventWithAnUndecodableMessageDeadLettersItAndSucceeds() {
        admin.purgeQueue("audit-events.dlq", false);
        String event = LambdaInvocations.amazonMqEvent("audit-events", List.of("{\"type\":\"login\"}"));

        LambdaInvocations.invoke("recordAuditEvent", event);

        org.springframework.amqp.core.Message dead = new RabbitTemplate(rabbit).receive("audit-events.dlq", 5000);
        assertThat(dead).isNotNull();
        assertThat(new String(dead.getBody(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"login\"}");
        assertThat(dead.getMessageProperties().<String>getHeader("x-exception-message")).contains("id must not be null");
    }

    /** EventBridge Scheduler invokes the Lambda with the schedule's Input, context attributes filled in. */
    @Test
    void aScheduleInputToPurgeAuditEventsPurgesAsOfTheScheduledTime() throws SQLException {
        UUID tooOld = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        try (Connection connection = TestServices.jdbc();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into audit_events (id, type, at) values (?, 'test', ?::timestamptz)")) {
            insert.setObject(1, tooOld);
            insert.setString(2, "2019-03-02T03:15:00Z");
            insert.executeUpdate();
            insert.setObject(1, kept);
            insert.setString(2, "2019-03-04T03:15:00Z");
            insert.executeUpdate();
        }

        LambdaInvocations.invoke("purgeAuditEvents",
                "{\"job\":\"purgeAuditEvents\",\"scheduledTime\":\"2019-06-01T03:15:00Z\"}");

        assertThat(exists(tooOld)).isFalse();
        assertThat(exists(kept)).isTrue();
    }

    @Test
    void aLambdaContextBindsNoFunctionAndConsumesNothing() {
        LambdaInvocations.invoke("health", LambdaInvocations.resource("http-api-health.json"));
        LambdaInvocations.invoke("recordAuditEvent", LambdaInvocations.amazonMqEvent("audit-events", List.of()));
        LambdaInvocations.invoke(LambdaWithTestFunctions.class, LambdaInvocations.TEST_TEMPLATE, "testAuthorize",
                authorizerEvent("good"));

        // A consumer binding would have declared the queue; whether a publisher already did depends on
        // earlier tests, so either no queue or a queue without consumers proves nothing consumes.
        QueueInformation queue = admin.getQueueInfo("audit-events");
        assertThat(queue == null ? 0 : queue.getConsumerCount()).as("consumers on audit-events").isZero();
        RabbitTemplate template = new RabbitTemplate(rabbit);
        for (String destination : FUNCTION_DESTINATIONS) {
            assertThatThrownBy(() -> template.execute(channel -> channel.exchangeDeclarePassive(destination)))
                    .as("exchange " + destination)
                    .isInstanceOf(AmqpException.class);
        }
    }

    private static String authorizerEvent(String token) {
        return LambdaInvocations.resource("http-api-authorizer.json").replace("%TOKEN%", token);
    }

    private static boolean exists(UUID id) throws SQLException {
        try (Connection connection = TestServices.jdbc();
                PreparedStatement statement = connection.prepareStatement("select 1 from audit_events where id = ?")) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static List<String> types(UUID... ids) throws SQLException {
        try (Connection connection = TestServices.jdbc()) {
            List<String> types = new java.util.ArrayList<>();
            for (UUID id : ids) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "select type, (select count(*) from audit_events where id = ?) from audit_events where id = ?")) {
                    statement.setObject(1, id);
                    statement.setObject(2, id);
                    try (ResultSet rows = statement.executeQuery()) {
                        assertThat(rows.next()).as("row " + id).isTrue();
                        assertThat(rows.getInt(2)).as("rows with id " + id).isEqualTo(1);
                        types.add(rows.getString(1));
                    }
                }
            }
            return types;
        }
    }
}
