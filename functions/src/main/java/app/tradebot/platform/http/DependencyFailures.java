package app.tradebot.platform.http;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import redis.clients.jedis.exceptions.JedisConnectionException;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Failures that mean a server the answer needs (PostgreSQL, Redis, RabbitMQ) cannot be reached
 * right now, as opposed to a fault of the request or of the code: answered 503 with
 * {@code Retry-After} instead of 500, and logged without a stack trace. Connections recover by
 * themselves (pools and clients reconnect), so the same request succeeds once the server is back.
 */
public final class DependencyFailures {

    /** Seconds a client should wait before trying again. */
    public static final String RETRY_AFTER = "5";

    private DependencyFailures() {
    }

    /**
     * Which server is missing, when {@code failure} says a server cannot be reached: itself, one of
     * its causes, suppressed exceptions, or the exception a failed rollback hid.
     */
    public static Optional<String> unavailable(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable cause = pending.poll();
            if (!seen.add(cause)) {
                continue;
            }
            List<Throwable> next = new ArrayList<>(Arrays.asList(cause.getSuppressed()));
            next.add(cause.getCause());
            if (cause instanceof TransactionSystemException rollback) {
                next.add(rollback.getApplicationException());
            }
            next.stream().filter(Objects::nonNull).forEach(pending::add);
            if (cause instanceof SQLTransientConnectionException || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof DataAccessResourceFailureException && !(cause instanceof RedisConnectionFailureException)
                    || cause instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isClosedByPool(sql))
                    || cause instanceof org.jdbi.v3.core.ConnectionException) {
                return Optional.of("The database");
            }
            if (cause instanceof RedisConnectionFailureException || cause instanceof JedisConnectionException) {
                return Optional.of("The cache");
            }
            if (cause instanceof AmqpConnectException) {
                return Optional.of("The message broker");
            }
            if (cause instanceof ConnectException) {
                return Optional.of("A server TradeBot needs");
            }
        }
        return Optional.empty();
    }

    /** Headers of the 503 answer. */
    public static Map<String, String> headers() {
        return Map.of("Retry-After", RETRY_AFTER);
    }

    /** Hikari's answer for a connection it evicted as broken (the server closed it) while in use. */
    private static boolean isClosedByPool(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01–57P03 (the server shuts down or is starting),
     * 53300 (too many connections).
     */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300"));
    }
}
