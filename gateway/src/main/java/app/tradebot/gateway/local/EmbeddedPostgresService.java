package app.tradebot.gateway.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 from zonky's packaged binaries, its data in {@code <data-dir>/postgres} kept across
 * runs, database {@value #DATABASE} created on the first start. PostgreSQL refuses to run as root:
 * as root zonky runs initdb, pg_ctl and the server through {@code unshare -U}, a user namespace in
 * which the process is an unprivileged user while the files stay root's; where user namespaces are
 * not allowed it cannot start, and we say so instead of showing initdb's refusal.
 */
final class EmbeddedPostgresService implements EmbeddedService {

    static final String DATABASE = "tradebot";
    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresService.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    static final String SHARED_BUFFERS = "32MB";
    /**
     * Connections kept open while idle. A worker's pool holds up to 24 (WorkerBindings); each is a
     * PostgreSQL process of its own, so an idle local run keeps two and closes the rest after a minute.
     */
    static final int MINIMUM_IDLE = 2;
    static final long IDLE_TIMEOUT_MS = 60_000;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresService(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static EmbeddedPostgresService start(Path dataRoot, int preferredPort) {
        refuseRootWithoutUserNamespaces();
        Path dataDir = dataRoot.resolve("postgres");
        Path serverLog = dataRoot.resolve("postgres.log");
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataRoot);
            LeftoverProcess.stop(dataDir.resolve("postmaster.pid"), "postgres");
            int port = Ports.preferredOrFree(preferredPort);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Stopped by EmbeddedInfrastructure after the context has closed its pool, not by a racing hook.
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky's default is off (tests); local data is kept, so commits must be durable.
                    .setServerConfig("synchronous_commit", "on")
                    // A local database of a few hundred MB at most: PostgreSQL's 128 MB of shared buffers is
                    // RSS it fills for nothing (BENCHMARKS §11).
                    .setServerConfig("shared_buffers", SHARED_BUFFERS)
                    // No subscriptions here: no logical replication launcher process either.
                    .setServerConfig("max_logical_replication_workers", "0")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .start();
        }
        catch (IOException | RuntimeException e) {
            throw new EmbeddedInfrastructureException("Embedded PostgreSQL did not start (data " + dataDir
                    + "; server log " + serverLog + "): " + e.getMessage()
                    + ". Set DATABASE_URL to use a PostgreSQL server instead.", e);
        }
        EmbeddedPostgresService service = new EmbeddedPostgresService(postgres, dataDir);
        try {
            String version = service.createDatabaseOnce();
            log.info("Embedded PostgreSQL running on 127.0.0.1:{} (PostgreSQL {}, database {}, user {}), data in {}, server log {}",
                    postgres.getPort(), version, DATABASE, USER, dataDir, serverLog);
        }
        catch (SQLException e) {
            service.close();
            throw new EmbeddedInfrastructureException("Embedded PostgreSQL started but cannot create database "
                    + DATABASE + ": " + e.getMessage(), e);
        }
        return service;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE);
        properties.put("spring.datasource.username", USER);
        properties.put("spring.datasource.password", "");
        return properties;
    }

    @Override
    public Map<String, Object> defaults() {
        return Map.of("spring.datasource.hikari.minimum-idle", MINIMUM_IDLE,
                "spring.datasource.hikari.idle-timeout", IDLE_TIMEOUT_MS);
    }

    @Override
    public void close() {
        try {
            // pg_ctl stop -m fast; zonky logs a failure itself and carries on, so check the outcome.
            postgres.close();
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {} is still there", dataDir.resolve("postmaster.pid"));
                return;
            }
            log.info("Embedded PostgreSQL stopped (data kept in {})", dataDir);
        }
        catch (IOException | RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }

    /** Creates the application database when it is missing (first start); returns the server version. */
    private String createDatabaseOnce() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
                log.info("Created database {} in the embedded PostgreSQL", DATABASE);
            }
            try (ResultSet rs = statement.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void refuseRootWithoutUserNamespaces() {
        if ("root".equals(System.getProperty("user.name")) && !LinuxUtils.isUnshareAvailable()) {
            throw new EmbeddedInfrastructureException("Embedded PostgreSQL cannot run as root here: PostgreSQL refuses "
                    + "the root user, and `unshare -U` (a user namespace, which lets it run unprivileged) is not "
                    + "available. Run TradeBot as a non-root user, allow user namespaces, or set DATABASE_URL to a "
                    + "PostgreSQL server.");
        }
    }
}
