package app.tradebot;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The one place that says which PostgreSQL, Redis and RabbitMQ the tests use: DATABASE_URL,
 * REDIS_URL and RABBITMQ_URL when set (an engineer's isolated database, db index and vhost),
 * else the shared defaults CI runs with.
 */
public final class TestServices {

    public static final String DATABASE_URL = variable("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/tradebot_test");
    public static final String REDIS_URL = variable("REDIS_URL", "redis://127.0.0.1:6379/0");
    public static final String RABBITMQ_URL = variable("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F");

    private TestServices() {
    }

    /**
     * Makes the three URLs visible to every Spring context this JVM starts, including those that
     * FunctionInvoker starts itself: as system properties, which the environment conventions read
     * exactly like the variables.
     */
    public static void install() {
        System.setProperty("DATABASE_URL", DATABASE_URL);
        System.setProperty("REDIS_URL", REDIS_URL);
        System.setProperty("RABBITMQ_URL", RABBITMQ_URL);
        // The first check of a cold JVM opens the connections; on a busy CI machine that can take
        // longer than the 2 s a deployed health check allows.
        System.setProperty("tradebot.health.timeout", "15s");
    }

    /** A plain JDBC connection to the test database (for tests that run no Spring context of their own). */
    public static Connection jdbc() throws SQLException {
        return dataSource().getConnection();
    }

    public static DriverManagerDataSource dataSource() {
        if (DATABASE_URL.startsWith("jdbc:")) {
            return new DriverManagerDataSource(DATABASE_URL);
        }
        URI uri = URI.create(DATABASE_URL);
        String user = "postgres";
        String password = null;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : null;
        }
        String url = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath();
        return new DriverManagerDataSource(url, user, password);
    }

    /** A connection factory on the test vhost, for reading queues directly. */
    public static CachingConnectionFactory rabbit() {
        return new CachingConnectionFactory(URI.create(RABBITMQ_URL));
    }

    private static String variable(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
