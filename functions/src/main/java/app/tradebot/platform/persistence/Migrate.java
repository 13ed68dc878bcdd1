package app.tradebot.platform.persistence;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import app.tradebot.runtime.QueueTopology;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The database migrations, and the broker's queues ({@link QueueTopology}: queues, DLQs, delivery
 * limits), as one step of a deployment. In AWS no Lambda copy migrates when it
 * starts (template.yaml sets SPRING_FLYWAY_ENABLED=false: never on a cold start, never while 36
 * SnapStart versions are being published at once); the custom resource DatabaseMigration invokes
 * this function once per deploy instead, and it answers CloudFormation at the event's ResponseURL,
 * success or failure, so a failed migration fails and rolls back the deploy rather than hanging it.
 * Invoked directly (no ResponseURL) it migrates and answers the outcome, throwing on failure.
 * Elsewhere (Compose, the all-in-one run) Flyway migrates at start as usual, and each process
 * declares the queues when it connects to the broker. A release's new queues are declared here
 * before its functions' event source mappings exist (template.yaml: they depend on DatabaseMigration).
 */
@Component("migrate")
class Migrate implements Function<Map<String, Object>, Map<String, Object>> {

    private static final Logger log = LoggerFactory.getLogger(Migrate.class);

    private final DataSource dataSource;
    private final QueueTopology topology;
    private final ConnectionFactory broker;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Migrate(DataSource dataSource, QueueTopology topology, ConnectionFactory broker, JsonMapper json) {
        this.dataSource = dataSource;
        this.topology = topology;
        this.broker = broker;
        this.json = json;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> event) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        String status;
        String reason;
        try {
            if ("Delete".equals(event.get("RequestType"))) {
                // Deleting the stack keeps the database, and its schema with it (and the broker's queues).
                reason = "stack deleted: the schema is kept";
                outcome.put("migrationsExecuted", 0);
            }
            else {
                MigrateResult result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                        .load().migrate();
                outcome.put("migrationsExecuted", result.migrationsExecuted);
                outcome.put("schemaVersion", result.targetSchemaVersion == null ? "" : result.targetSchemaVersion);
                List<String> kept = topology.declare(broker);
                outcome.put("queuesDeclared", topology.queues().size());
                outcome.put("queuesKeptAsTheyWere", kept);
                reason = result.migrationsExecuted + " migration(s) applied, schema at version "
                        + (result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion)
                        + "; " + topology.queues().size() + " queues declared with their DLQs"
                        + (kept.isEmpty() ? "" : " (" + kept + " kept as an earlier release declared them: not empty)");
            }
            status = "SUCCESS";
            log.info("migrate: {}", reason);
        }
        catch (RuntimeException e) {
            status = "FAILED";
            reason = "migration failed: " + e.getMessage();
            log.error("migrate: {}", reason, e);
        }
        outcome.put("status", status);
        outcome.put("reason", reason);
        Object responseUrl = event.get("ResponseURL");
        if (responseUrl instanceof String url && !url.isBlank()) {
            respond(url, event, status, reason);
        }
        else if ("FAILED".equals(status)) {
            throw new IllegalStateException(reason);
        }
        return outcome;
    }

    /** CloudFormation's custom resource protocol: a PUT of the outcome to the presigned URL, no content type. */
    private void respond(String url, Map<String, Object> event, String status, String reason) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Status", status);
        // CloudFormation shows at most 4 KB of reason.
        response.put("Reason", reason.length() > 3000 ? reason.substring(0, 3000) : reason);
        response.put("PhysicalResourceId", event.getOrDefault("PhysicalResourceId", "database-migration"));
        response.put("StackId", event.get("StackId"));
        response.put("RequestId", event.get("RequestId"));
        response.put("LogicalResourceId", event.get("LogicalResourceId"));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(response))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("CloudFormation's response URL answered " + answer.statusCode());
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot answer CloudFormation: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering CloudFormation", e);
        }
    }
}
