package app.tradebot.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import app.tradebot.TestServices;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.crac.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.HikariCheckpointRestoreLifecycle;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The pool through a SnapStart checkpoint, against the real PostgreSQL: Lambda's runtime calls the
 * org.crac resources registered in the JVM before the snapshot and after each restore; the one
 * Spring registers for the context is called here the same way.
 */
class CheckpointRestoreIT {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    @Import(CheckpointRestoreConfiguration.class)
    static class PoolOnly {
    }

    @BeforeAll
    static void services() {
        TestServices.install();
    }

    @Test
    void thePoolIsEmptiedAndSuspendedForTheSnapshotAndResumedAfterRestore() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PoolOnly.class)
                .web(WebApplicationType.NONE)
                // One connection, opened at start: no connection is still being added in the
                // background when the pool suspends (Boot waits for closes, not for adds).
                .properties("spring.main.banner-mode=off", "spring.datasource.hikari.minimum-idle=1",
                        "spring.datasource.hikari.maximum-pool-size=1")
                .run()) {
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            assertThat(dataSource.isAllowPoolSuspension()).isTrue();
            assertThat(context.getBeansOfType(HikariCheckpointRestoreLifecycle.class)).hasSize(1);
            int before = backendPid(dataSource);
            HikariPool pool = (HikariPool) dataSource.getHikariPoolMXBean();
            assertThat(pool.getTotalConnections()).isPositive();

            Resource crac = cracResourceOf(context);
            crac.beforeCheckpoint(null);

            assertThat(pool.poolState).isEqualTo(HikariPool.POOL_SUSPENDED);
            assertThat(pool.getTotalConnections()).as("connections left in the snapshot").isZero();

            crac.afterRestore(null);

            assertThat(pool.poolState).isEqualTo(HikariPool.POOL_NORMAL);
            int after = backendPid(dataSource);
            assertThat(after).as("a new server connection after restore").isNotEqualTo(before);
        }
    }

    /** The org.crac resource Spring registered for this context (the one Lambda's runtime calls). */
    private static Resource cracResourceOf(ConfigurableApplicationContext context) {
        Object processor = context.getBean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME);
        Object resource = ReflectionTestUtils.getField(processor, "cracResource");
        assertThat(resource).as("Spring's CRaC resource (org.crac on the classpath)").isInstanceOf(Resource.class);
        return (Resource) resource;
    }

    private static int backendPid(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
