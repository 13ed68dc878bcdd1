package app.tradebot.scheduler;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The scheduler's tables, migrated by their own Flyway (classpath:db/scheduler, history table
 * flyway_scheduler_history) in their own schema {@value #SCHEMA}, so they never meet the
 * functions' migrations in the default schema, whichever process starts first. Deliberately not
 * a {@code Flyway} bean: one would switch off Spring Boot's Flyway for the functions.
 */
final class SchedulerSchema {

    static final String SCHEMA = "scheduler";

    private SchedulerSchema() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table("flyway_scheduler_history")
                .locations("classpath:db/scheduler")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
