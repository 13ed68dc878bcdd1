package app.tradebot.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import app.tradebot.TestServices;
import app.tradebot.platform.lambda.CustomResourceResponses;
import app.tradebot.runtime.QueueTopology;
import app.tradebot.runtime.Template;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migrate function as CloudFormation's custom resource invokes it, against the real PostgreSQL
 * (a schema of its own, migrated from empty), the real RabbitMQ (a queue of its own) and a fake
 * presigned response URL.
 */
class MigrateIT {

    private final JsonMapper json = JsonMapper.builder().build();
    private final String queue = "migrate-it-" + System.nanoTime();
    private final QueueTopology topology = QueueTopology.of(Template.parse("""
            Resources:
              RunThingFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: runThing}}
                  Events:
                    Things: {Type: MQ, Properties: {Queues: [%s], BatchSize: 1}}
            """.formatted(queue)));
    private CachingConnectionFactory rabbit;
    private final List<Map<String, String>> responses = new CopyOnWriteArrayList<>();
    private HttpServer cloudFormation;
    private String schema;

    @BeforeEach
    void start() throws IOException, SQLException {
        cloudFormation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloudFormation.createContext("/", exchange -> {
            Map<String, String> seen = new HashMap<>();
            seen.put("method", exchange.getRequestMethod());
            seen.put("contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            responses.add(seen);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
        rabbit = TestServices.rabbit();
        schema = "migrate_it_" + System.nanoTime();
        try (Connection c = TestServices.jdbc(); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
    }

    @AfterEach
    void stop() throws SQLException {
        cloudFormation.stop(0);
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        admin.deleteQueue(queue);
        admin.deleteQueue(QueueTopology.deadLetterQueue(queue));
        admin.deleteExchange(queue);
        rabbit.destroy();
        try (Connection c = TestServices.jdbc(); Statement s = c.createStatement()) {
            s.execute("drop schema " + schema + " cascade");
        }
    }

    private CustomResourceResponses responses() {
        return new CustomResourceResponses(json);
    }

    private DriverManagerDataSource inSchema() {
        DriverManagerDataSource dataSource = TestServices.dataSource();
        dataSource.setSchema(schema);
        return dataSource;
    }

    private Map<String, Object> event(String requestType) {
        Map<String, Object> event = new HashMap<>();
        event.put("RequestType", requestType);
        event.put("ResponseURL", "http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/presigned?X-Amz-Signature=x");
        event.put("StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/tradebot/1");
        event.put("RequestId", "request-1");
        event.put("LogicalResourceId", "DatabaseMigration");
        return event;
    }

    @Test
    void aDeployMigratesOnceAndAnswersCloudFormation() throws SQLException {
        Migrate migrate = new Migrate(inSchema(), topology, rabbit, responses());

        Map<String, Object> first = migrate.apply(event("Create"));
        Map<String, Object> again = migrate.apply(event("Update"));

        assertThat(first.get("status")).isEqualTo("SUCCESS");
        assertThat((Integer) first.get("migrationsExecuted")).isGreaterThan(5);
        assertThat(again.get("migrationsExecuted")).isEqualTo(0);
        assertThat(tableExists("users")).isTrue();
        assertThat(responses).hasSize(2);
        assertThat(responses.get(0).get("method")).isEqualTo("PUT");
        // The presigned URL was signed without a content type: sending one would be refused.
        assertThat(responses.get(0).get("contentType")).isEqualTo("null");
        JsonNode body = json.readTree(responses.get(0).get("body"));
        assertThat(body.path("Status").asString()).isEqualTo("SUCCESS");
        assertThat(body.path("RequestId").asString()).isEqualTo("request-1");
        assertThat(body.path("LogicalResourceId").asString()).isEqualTo("DatabaseMigration");
        assertThat(body.path("PhysicalResourceId").asString()).isEqualTo("database-migration");
        assertThat(body.path("Reason").asString()).contains("migration(s) applied").contains("1 queues declared");
        // The broker's side of the deploy: the queue with its dead-letter route, and its DLQ.
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        assertThat(admin.getQueueInfo(queue)).as(queue).isNotNull();
        assertThat(admin.getQueueInfo(QueueTopology.deadLetterQueue(queue))).as("its DLQ").isNotNull();
        assertThatThrownBy(() -> rabbit.createConnection().createChannel(false)
                .queueDeclare(queue, true, false, false, Map.of("x-queue-type", "classic")))
                .as("the queue has the topology's arguments").hasStackTraceContaining("inequivalent arg");
    }

    @Test
    void deletingTheStackKeepsTheSchemaAndSucceeds() throws SQLException {
        Map<String, Object> outcome = new Migrate(inSchema(), topology, rabbit, responses()).apply(event("Delete"));

        assertThat(outcome.get("status")).isEqualTo("SUCCESS");
        assertThat(tableExists("users")).isFalse();
        assertThat(json.readTree(responses.get(0).get("body")).path("Status").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void aFailedMigrationFailsTheDeployInsteadOfHangingIt() {
        DriverManagerDataSource unreachable = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "x", "y");

        Map<String, Object> outcome = new Migrate(unreachable, topology, rabbit, responses()).apply(event("Update"));

        assertThat(outcome.get("status")).isEqualTo("FAILED");
        JsonNode body = json.readTree(responses.get(0).get("body"));
        assertThat(body.path("Status").asString()).isEqualTo("FAILED");
        assertThat(body.path("Reason").asString()).startsWith("migration failed: ");
        // Invoked by hand, without a response URL, the failure is the invocation's error.
        Map<String, Object> direct = new HashMap<>(event("Update"));
        direct.remove("ResponseURL");
        assertThatThrownBy(() -> new Migrate(unreachable, topology, rabbit, responses()).apply(direct)).hasMessageStartingWith("migration failed: ");
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = TestServices.jdbc(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from information_schema.tables where table_schema = '"
                        + schema + "' and table_name = '" + table + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }
}
