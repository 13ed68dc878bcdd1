package app.tradebot.platform.http;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyFailuresTest {

    @Test
    void aServerThatCannotBeReachedIsNamedWhereverItIsInTheCauseChain() {
        assertThat(DependencyFailures.unavailable(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).contains("The database");
        assertThat(DependencyFailures.unavailable(new CannotGetJdbcConnectionException("no connection"))).contains("The database");
        assertThat(DependencyFailures.unavailable(new RuntimeException(new SQLException("terminating connection", "57P01"))))
                .contains("The database");
        assertThat(DependencyFailures.unavailable(new RuntimeException(new SQLException("connection refused", "08001"))))
                .contains("The database");
        assertThat(DependencyFailures.unavailable(new RedisConnectionFailureException("redis down"))).contains("The cache");
        assertThat(DependencyFailures.unavailable(new AmqpConnectException(new ConnectException("refused"))))
                .contains("The message broker");
    }

    @Test
    void aRollbackThatFailsBecauseTheDatabaseWentAwayHidesTheFailureItIsFoundIn() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalStateException(
                new SQLException("terminating connection due to administrator command", "57P01")));

        assertThat(DependencyFailures.unavailable(rollback)).contains("The database");
        assertThat(DependencyFailures.unavailable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"))))
                .as("a connection the pool evicted as broken").contains("The database");
        assertThat(DependencyFailures.unavailable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed", "25P02")))).isEmpty();
    }

    @Test
    void faultsOfTheRequestOrOfTheCodeAreNot() {
        assertThat(DependencyFailures.unavailable(new IllegalStateException("a bug"))).isEmpty();
        assertThat(DependencyFailures.unavailable(new RuntimeException(new SQLException("duplicate key", "23505")))).isEmpty();
        assertThat(DependencyFailures.unavailable(new RuntimeException(new SQLException("syntax", "42601")))).isEmpty();
    }
}
