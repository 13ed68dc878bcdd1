package app.tradebot.platform.lambda;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.runtime.QueueTopology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart's priming hook: in a Lambda context it is registered with the CRaC context, and the
 * priming it does before a snapshot is refused by the function (a 4xx; the authorizer denies it)
 * without a row written, a key set in Redis or a message left in any queue.
 */
class SnapStartPrimingIT {

    @ParameterizedTest
    @ValueSource(strings = { "me", "register", "login", "submitBacktest", "createExchangeAccount", "importCandles",
            "createBot", "deleteBot", "authorize" })
    void primingIsRegisteredAndChangesNothing(String function) throws Exception {
        LambdaInvocations.invoke("migrate", "{}");
        try (ConfigurableApplicationContext lambda = lambda(function)) {
            SnapStartPriming priming = lambda.getBean(SnapStartPriming.class);
            assertThat(priming.registered()).isTrue();
            Map<String, Long> rows = rowCounts();
            long keys = redisKeys(lambda);
            Map<String, Long> messages = queueDepths(lambda);

            // Refused: a 4xx (400/415 for the body, 401 without a user; the authorizer's denial reads 401).
            assertThat(priming.prime()).hasValueSatisfying(status -> assertThat(status).isBetween(400, 499));

            assertThat(rowCounts()).isEqualTo(rows);
            assertThat(redisKeys(lambda)).isEqualTo(keys);
            assertThat(queueDepths(lambda)).isEqualTo(messages);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "runBacktest", "relayOutbox", "migrate" })
    void functionsWithoutARouteAreNotInvoked(String function) {
        LambdaInvocations.invoke("migrate", "{}");
        try (ConfigurableApplicationContext lambda = lambda(function)) {
            assertThat(lambda.getBean(SnapStartPriming.class).prime()).isEmpty();
        }
    }

    private static ConfigurableApplicationContext lambda(String function) {
        TestServices.install();
        return new SpringApplicationBuilder(TradeBotFunctions.class).web(WebApplicationType.NONE)
                .run("--spring.cloud.function.definition=" + function, "--spring.cloud.stream.function.autodetect=false",
                        "--tradebot.auth.secret-key=" + "snapstart-priming-it-".repeat(4));
    }

    private static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = TestServices.jdbc(); Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("select count(*) from \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static long redisKeys(ConfigurableApplicationContext lambda) {
        try (var connection = lambda.getBean(RedisConnectionFactory.class).getConnection()) {
            return connection.serverCommands().dbSize();
        }
    }

    private static Map<String, Long> queueDepths(ConfigurableApplicationContext lambda) {
        CachingConnectionFactory rabbit = TestServices.rabbit();
        try {
            RabbitAdmin admin = new RabbitAdmin(rabbit);
            Map<String, Long> depths = new LinkedHashMap<>();
            for (String queue : lambda.getBean(QueueTopology.class).queues()) {
                var info = admin.getQueueInfo(queue);
                depths.put(queue, info == null ? -1L : info.getMessageCount());
            }
            return depths;
        }
        finally {
            rabbit.destroy();
        }
    }
}
