package app.tradebot.gateway.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.tradebot.gateway.TestServices;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import app.tradebot.runtime.QueueTopology;
import app.tradebot.runtime.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The all-in-one jar as a user runs it: with no URLs it starts and stops its own PostgreSQL, Redis
 * and AMQP broker and keeps their data across runs; with URLs it starts none. Asserts on the
 * infrastructure only -- the routes, functions and bindings come from other parts of the build.
 */
class EmbeddedInfrastructureIT {

    private static final Pattern POSTGRES = Pattern.compile("Embedded PostgreSQL running on 127\\.0\\.0\\.1:(\\d+) .*data in (\\S+),");
    private static final Pattern REDIS = Pattern.compile("Embedded Redis running on 127\\.0\\.0\\.1:(\\d+), data in (\\S+)");
    private static final Pattern AMQP = Pattern.compile("Embedded AMQP broker running on 127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\S+\\s+ERROR\\s");
    private static final String QUEUE = "launcher-check";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void withoutUrlsItRunsItsOwnServersKeepsTheirDataAndStopsThem() throws Exception {
        Path dataDir = temp.resolve("data");
        int managementPort = Ports.preferredOrFree(0);
        Map<String, String> environment = Map.of(
                "TRADEBOT_DATA_DIR", dataDir.toString(),
                "PORT", Integer.toString(Ports.preferredOrFree(0)),
                "MANAGEMENT_SERVER_PORT", Integer.toString(managementPort),
                "MANAGEMENT_ENDPOINT_HEALTH_SHOW_COMPONENTS", "always",
                // Any free port, so the test never meets a developer's launcher on 5433/6380/5673.
                "TRADEBOT_EMBEDDED_POSTGRES_PORT", "0",
                "TRADEBOT_EMBEDDED_REDIS_PORT", "0",
                "TRADEBOT_EMBEDDED_AMQP_PORT", "0");

        long postgresPid;
        long redisPid;
        try (LauncherProcess first = LauncherProcess.start(environment, temp.resolve("first.log")).awaitStarted()) {
            String log = first.log();
            Matcher postgres = find(POSTGRES, log);
            Matcher redis = find(REDIS, log);
            Matcher amqp = find(AMQP, log);
            assertThat(postgres.group(2)).isEqualTo(dataDir.resolve("postgres").toString());
            assertThat(redis.group(2)).isEqualTo(dataDir.resolve("redis").toString());
            assertThat(log).contains("Created database tradebot");
            int postgresPort = Integer.parseInt(postgres.group(1));
            int redisPort = Integer.parseInt(redis.group(1));
            int amqpPort = Integer.parseInt(amqp.group(1));

            // The launcher's own pool, Redis client and Rabbit connection reach them.
            JsonNode health = health(managementPort);
            assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/redis/status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/rabbit/status").asString()).isEqualTo("UP");

            try (Connection connection = postgres(postgresPort); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (note text)");
                statement.execute("INSERT INTO kept VALUES ('written in the first run')");
            }
            try (RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
                    StatefulRedisConnection<String, String> redisConnection = client.connect()) {
                assertThat(redisConnection.sync().ping()).isEqualTo("PONG");
                assertThat(redisConnection.sync().set("tradebot:kept", "written in the first run")).isEqualTo("OK");
            }
            bindingTopologyWorks(amqpPort);

            postgresPid = pid(dataDir.resolve("postgres/postmaster.pid"));
            redisPid = pid(dataDir.resolve("redis/redis.pid"));
            assertThat(running(postgresPid)).isTrue();
            assertThat(running(redisPid)).isTrue();

            // A second launcher on the same data directory gives up and leaves the first one's servers alone.
            try (LauncherProcess intruder = LauncherProcess.start(environment, temp.resolve("intruder.log"))) {
                assertThat(intruder.awaitExit()).isNotZero();
                assertThat(intruder.log()).contains("Another TradeBot launcher is using " + dataDir);
            }
            assertThat(running(postgresPid)).isTrue();
            assertThat(running(redisPid)).isTrue();
            assertThat(health(managementPort).at("/status").asString()).isEqualTo("UP");

            assertThat(first.stop()).as("exit code after SIGTERM: hooks ran, nothing was force-killed").isEqualTo(143);
            String stopped = first.log();
            assertThat(stopped).doesNotContainPattern(ERROR_LINE).doesNotContain("did not stop");
            int amqpStopped = stopped.indexOf("Embedded AMQP broker stopped");
            int redisStopped = stopped.indexOf("Embedded Redis stopped");
            int postgresStopped = stopped.indexOf("Embedded PostgreSQL stopped");
            assertThat(amqpStopped).isPositive().isLessThan(redisStopped);
            assertThat(redisStopped).isLessThan(postgresStopped);
        }
        assertThat(running(postgresPid)).as("postmaster left running").isFalse();
        assertThat(running(redisPid)).as("redis-server left running").isFalse();
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
        assertThat(dataDir.resolve("redis/redis.pid")).doesNotExist();
        assertThat(dataDir.resolve("redis/dump.rdb")).exists();

        try (LauncherProcess second = LauncherProcess.start(environment, temp.resolve("second.log")).awaitStarted()) {
            String log = second.log();
            assertThat(log).doesNotContain("Created database tradebot");
            try (Connection connection = postgres(Integer.parseInt(find(POSTGRES, log).group(1)));
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT note FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("written in the first run");
            }
            try (RedisClient client = RedisClient.create("redis://127.0.0.1:" + find(REDIS, log).group(1));
                    StatefulRedisConnection<String, String> redisConnection = client.connect()) {
                assertThat(redisConnection.sync().get("tradebot:kept")).isEqualTo("written in the first run");
            }
            assertThat(second.stop()).isEqualTo(143);
        }
    }

    @Test
    void withUrlsItUsesTheRealServersAndAWorkerOpensNoMainPort() throws Exception {
        Path dataDir = temp.resolve("unused-data");
        int mainPort = Ports.preferredOrFree(0);
        int managementPort = Ports.preferredOrFree(0);
        Map<String, String> environment = new java.util.HashMap<>(TestServices.environment());
        environment.putAll(Map.of(
                "TRADEBOT_DATA_DIR", dataDir.toString(),
                "TRADEBOT_ROLES", "worker,scheduler",
                "PORT", Integer.toString(mainPort),
                "MANAGEMENT_SERVER_PORT", Integer.toString(managementPort),
                "MANAGEMENT_ENDPOINT_HEALTH_SHOW_COMPONENTS", "always"));

        try (LauncherProcess launcher = LauncherProcess.start(environment, temp.resolve("urls.log")).awaitStarted()) {
            String log = launcher.log();
            assertThat(log).contains("PostgreSQL: using the configured server")
                    .contains("Redis: using the configured server")
                    .contains("AMQP broker: using the configured server")
                    .doesNotContain("Embedded PostgreSQL running")
                    .doesNotContain("Embedded Redis running")
                    .doesNotContain("Embedded AMQP broker running");
            assertThat(dataDir).doesNotExist();

            JsonNode health = health(managementPort);
            assertThat(health.at("/status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/rabbit/status").asString()).isEqualTo("UP");
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", mainPort), 2000))
                    .as("no main port without the gateway role")
                    .isInstanceOf(ConnectException.class);

            assertThat(launcher.stop()).isEqualTo(143);
        }
    }

    /**
     * What every process declares for an MQ-triggered function ({@link QueueTopology}: topic
     * exchange Q, durable quorum queue Q with dead-letter arguments and a delivery limit bound to it,
     * exchange DLX and queue Q.dlq) -- declared twice, as every restart does, then used. Qpid
     * ignores the RabbitMQ-only arguments.
     */
    private static void bindingTopologyWorks(int amqpPort) throws Exception {
        CachingConnectionFactory connectionFactory = new CachingConnectionFactory("127.0.0.1", amqpPort);
        connectionFactory.setUsername("guest");
        connectionFactory.setPassword("guest");
        connectionFactory.setVirtualHost("/");
        try {
            QueueTopology topology = QueueTopology.of(Template.parse("""
                    Resources:
                      CheckFunction:
                        Type: AWS::Serverless::Function
                        Properties:
                          Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: check}}
                          Events:
                            Checks: {Type: MQ, Properties: {Queues: [%s]}}
                    """.formatted(QUEUE)));
            assertThat(topology.declare(connectionFactory)).isEmpty();
            assertThat(topology.declare(connectionFactory)).isEmpty();

            try (com.rabbitmq.client.Connection connection = connectionFactory.getRabbitConnectionFactory().newConnection();
                    Channel channel = connection.createChannel()) {
                assertThat(channel.queueDeclarePassive(QUEUE).getMessageCount()).isZero();
                assertThat(channel.queueDeclarePassive(QUEUE + ".dlq").getMessageCount()).isZero();

                channel.basicPublish(QUEUE, "any.key", null, "{\"type\":\"LOGIN\"}".getBytes(StandardCharsets.UTF_8));
                GetResponse delivered = awaitMessage(channel, QUEUE);
                assertThat(new String(delivered.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"LOGIN\"}");

                // The worker's binder (republishToDlq) and the Lambda adapter send a failed message to DLX, keyed by the queue.
                channel.basicPublish("DLX", QUEUE, null, "failed".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(awaitMessage(channel, QUEUE + ".dlq").getBody(), StandardCharsets.UTF_8)).isEqualTo("failed");
                assertThat(channel.basicGet(QUEUE, true)).as("nothing else in " + QUEUE).isNull();
            }
        }
        finally {
            connectionFactory.destroy();
        }
    }

    private static GetResponse awaitMessage(Channel channel, String queue) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            GetResponse response = channel.basicGet(queue, true);
            if (response != null) {
                return response;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No message arrived in " + queue);
    }

    private JsonNode health(int managementPort) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }

    private static Connection postgres(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/tradebot", "postgres", "");
    }

    private static long pid(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    /**
     * Alive and not a zombie: the postmaster was daemonised by pg_ctl, so once it has exited it
     * waits for whichever ancestor adopted it to reap it, and until then the pid still exists.
     */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        String text;
        try {
            text = Files.readString(stat);
        }
        catch (IOException e) {
            return false;
        }
        // pid (comm) state ...: comm may hold spaces, so the state follows the last ')'.
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    private static Matcher find(Pattern pattern, String log) {
        Matcher matcher = pattern.matcher(log);
        assertThat(matcher.find()).as("log line " + pattern + " in:\n" + log).isTrue();
        return matcher;
    }
}
