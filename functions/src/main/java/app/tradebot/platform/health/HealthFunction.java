package app.tradebot.platform.health;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.http.Problem;
import app.tradebot.platform.http.Problems;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * GET /health: 200 when PostgreSQL, Redis and RabbitMQ all answer within
 * {@code tradebot.health.timeout} (default 2 s), else 503 problem+json naming the ones that did
 * not. The checks run in parallel, so a dead service costs one timeout, not three.
 *
 * <p>Not made with {@link ApiFunctions}: a 503 here is no caller's mistake (an ApiException says
 * it is), and both answers carry {@code Cache-Control: no-store}. The problem is still rendered by
 * {@link Problems}, with the checks as an extension member.
 */
@Component("health")
class HealthFunction implements ApiFunction {

    static final String UP = "up";
    static final String DOWN = "down";
    static final String NO_STORE = "no-store";

    private static final Logger log = LoggerFactory.getLogger(HealthFunction.class);

    /** One dependency's check: returns when it answered, throws when it did not. */
    interface Check {
        void run() throws Exception;
    }

    @JsonPropertyOrder({ "status", "checks" })
    record Health(String status, Map<String, String> checks) {
    }

    private final Map<String, Check> checks;
    private final Duration timeout;
    private final JsonMapper json;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "health-check");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    HealthFunction(DataSource dataSource, RedisConnectionFactory redis,
            org.springframework.amqp.rabbit.connection.ConnectionFactory rabbit, JsonMapper json,
            @Value("${tradebot.health.timeout:2s}") Duration timeout) {
        this(checks(dataSource, redis, rabbit, timeout), timeout, json);
    }

    HealthFunction(Map<String, Check> checks, Duration timeout, JsonMapper json) {
        this.checks = checks;
        this.timeout = timeout;
        this.json = json;
    }

    private static Map<String, Check> checks(DataSource dataSource, RedisConnectionFactory redis,
            org.springframework.amqp.rabbit.connection.ConnectionFactory rabbit, Duration timeout) {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("postgres", () -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                statement.execute("select 1");
            }
        });
        checks.put("redis", () -> {
            try (RedisConnection connection = redis.getConnection()) {
                connection.ping();
            }
        });
        checks.put("rabbitmq", () -> {
            try (org.springframework.amqp.rabbit.connection.Connection connection = rabbit.createConnection();
                    Channel channel = connection.createChannel(false)) {
                if (!channel.isOpen()) {
                    throw new IllegalStateException("channel closed");
                }
            }
        });
        return checks;
    }

    /**
     * Opens the three connections once in the background when the application is ready. A cold
     * JVM's first Lettuce or AMQP connection loads and initialises a lot of classes, which can
     * take longer than the check's timeout and would report a healthy service as down. Not in a
     * Lambda of another function: its cold start would open all three for nothing.
     */
    @EventListener(value = ApplicationReadyEvent.class,
            condition = "T(app.tradebot.platform.lambda.LambdaStartup).startsFor(@environment, 'health')")
    void warmUp() {
        executor.submit(this::check);
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        Optional<Invalid> refused = ApiFunctions.refusalOfInput(event);
        if (refused.isPresent()) {
            return Problems.response(refused.get(), event.getRawPath() == null ? "/health" : event.getRawPath());
        }
        Map<String, String> results = check();
        List<String> failed = new ArrayList<>();
        results.forEach((name, result) -> {
            if (!UP.equals(result)) {
                failed.add(name);
            }
        });
        if (failed.isEmpty()) {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", ApiFunctions.JSON_MEDIA_TYPE, "Cache-Control", NO_STORE))
                    .withBody(json.writeValueAsString(new Health(UP, results)))
                    .withIsBase64Encoded(false)
                    .build();
        }
        Problem problem = Problems.problem(503, "Not answering: " + String.join(", ", failed),
                event == null || event.getRawPath() == null ? "/health" : event.getRawPath(), List.of());
        return Problems.response(problem, Map.of("checks", results), Map.of("Cache-Control", NO_STORE));
    }

    private Map<String, String> check() {
        Map<String, Future<?>> running = new LinkedHashMap<>();
        checks.forEach((name, check) -> running.put(name, executor.submit(() -> {
            check.run();
            return null;
        })));
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> results = new LinkedHashMap<>();
        running.forEach((name, future) -> {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                results.put(name, UP);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                results.put(name, DOWN);
            }
            catch (Exception e) {
                future.cancel(true);
                log.warn("Health check {} failed: {}", name, e.getCause() == null ? e.toString() : e.getCause().toString());
                results.put(name, DOWN);
            }
        });
        return results;
    }

    @Override
    public Class<?> requestType() {
        return Void.class;
    }

    @Override
    public Class<?> responseType() {
        return Health.class;
    }

    @Override
    public int successStatus() {
        return 200;
    }
}
