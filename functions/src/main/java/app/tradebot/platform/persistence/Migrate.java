package app.tradebot.platform.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import app.tradebot.platform.lambda.ConditionalOnFunction;
import app.tradebot.platform.lambda.CustomResourceResponses;
import app.tradebot.runtime.QueueTopology;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
@ConditionalOnFunction("migrate")
@Component("migrate")
class Migrate implements Function<Map<String, Object>, Map<String, Object>> {

    private static final Logger log = LoggerFactory.getLogger(Migrate.class);

    private final DataSource dataSource;
    private final QueueTopology topology;
    private final ConnectionFactory broker;
    private final CustomResourceResponses cloudFormation;

    Migrate(DataSource dataSource, QueueTopology topology, ConnectionFactory broker, CustomResourceResponses cloudFormation) {
        this.dataSource = dataSource;
        this.topology = topology;
        this.broker = broker;
        this.cloudFormation = cloudFormation;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> event) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        String status;
        String reason;
        try {
            if (CustomResourceResponses.isDelete(event)) {
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
            status = CustomResourceResponses.SUCCESS;
            log.info("migrate: {}", reason);
        }
        catch (RuntimeException e) {
            status = CustomResourceResponses.FAILED;
            reason = "migration failed: " + e.getMessage();
            log.error("migrate: {}", reason, e);
        }
        return cloudFormation.finish(event, outcome, status, reason, "database-migration");
    }
}
