package app.tradebot.platform.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import app.tradebot.BrokerRelay;
import app.tradebot.TestServices;
import app.tradebot.exchange.FakeBinance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda artifact itself: functions/target/tradebot-functions-aws.jar, alone on the class path
 * of a fresh JVM, answers an HttpApi event through FunctionInvoker as template.yaml configures it.
 */
class ShadedJarIT {

    static final Path JAR = Path.of("target/tradebot-functions-aws.jar");
    static final Path HTTP_JAR = Path.of("target/tradebot-functions-http-aws.jar");
    static final Path TICKERS_JAR = Path.of("target/tradebot-functions-tickers-aws.jar");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theShadedJarLeavesOutWhatALambdaDoesNotLoad() throws IOException {
        assertThat(JAR).exists();
        // the packages' size aim, 40 MB (BENCHMARKS.md §2; bench/package-sizes.sh details it)
        assertThat(Files.size(JAR)).as("bytes of " + JAR).isLessThanOrEqualTo(40_000_000L);
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(name -> name.startsWith("META-INF/native/") && name.contains("quiche"))
                    .noneMatch(name -> name.startsWith("io/netty/handler/codec/quic/"))
                    .noneMatch(name -> name.startsWith("io/prometheus/"))
                    .anyMatch(name -> name.equals("app/tradebot/TradeBotFunctions.class"))
                    .anyMatch(name -> name.equals("template.yaml"))
                    .anyMatch(name -> name.startsWith("com/amazonaws/services/lambda/runtime/serialization/events/"))
                    .anyMatch(name -> name.equals("db/migration/V2__audit_events.sql"))
                    // Spring AOT's bean definitions, switched on by the package's spring.properties
                    .anyMatch(name -> name.equals("app/tradebot/TradeBotFunctions__ApplicationContextInitializer.class"))
                    .anyMatch(name -> name.equals("spring.properties"))
                    // Bouncy Castle: Argon2 and what it reaches, not the JCA provider or the other engines
                    .anyMatch(name -> name.equals("org/bouncycastle/crypto/generators/Argon2BytesGenerator.class"))
                    .noneMatch(name -> name.startsWith("org/bouncycastle/jce/"))
                    .noneMatch(name -> name.startsWith("org/bouncycastle/crypto/engines/"))
                    // the Rabbit client opens sockets: its ConnectionFactory names Netty's channel, but neither
                    // Netty's handlers and codecs nor Apache HttpClient 5 (the binder's management calls) is
                    // loaded; nor commons-lang3 (redis-om's)
                    .anyMatch(name -> name.equals("com/rabbitmq/client/ConnectionFactory.class"))
                    .anyMatch(name -> name.equals("io/netty/channel/Channel.class"))
                    .noneMatch(name -> name.startsWith("io/netty/handler/"))
                    .noneMatch(name -> name.startsWith("io/netty/buffer/"))
                    .noneMatch(name -> name.startsWith("io/netty/channel/socket/"))
                    // the outbox publishes through RabbitTemplate: no Spring Cloud Stream or Integration
                    .anyMatch(name -> name.equals("org/springframework/amqp/rabbit/core/RabbitTemplate.class"))
                    .noneMatch(name -> name.startsWith("org/springframework/cloud/stream/"))
                    .noneMatch(name -> name.startsWith("org/springframework/integration/"))
                    .noneMatch(name -> name.equals("app/tradebot/notify/DeliveryListenerConfiguration__BeanDefinitions.class"))
                    .anyMatch(name -> name.equals("app/tradebot/notify/NotifyFunctions__BeanDefinitions.class"))
                    .anyMatch(name -> name.equals("app/tradebot/platform/messaging/ConfirmedPublisher__BeanDefinitions.class"))
                    // spring-web's reactive server
                    .noneMatch(name -> name.startsWith("org/springframework/http/server/reactive/"))
                    .noneMatch(name -> name.startsWith("org/apache/hc/"))
                    .noneMatch(name -> name.startsWith("org/apache/commons/lang3/"))
                    // of the AWS event types, the HTTP API's and the simple authorizer answer only
                    .anyMatch(name -> name.equals("com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class"))
                    .anyMatch(name -> name.equals("com/amazonaws/services/lambda/runtime/events/SimpleIAMPolicyResponse.class"))
                    .noneMatch(name -> name.equals("com/amazonaws/services/lambda/runtime/events/S3Event.class"))
                    // the serialisation library without its Gson copy, spring-messaging without STOMP, no build files
                    .noneMatch(name -> name.startsWith("com/amazonaws/lambda/thirdparty/com/google/gson/"))
                    .noneMatch(name -> name.startsWith("org/springframework/messaging/simp/"))
                    .noneMatch(name -> name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml"))
                    .anyMatch(name -> name.equals("app/tradebot/runtime/SigV4.class"));
            assertThat(new String(jar.getInputStream(jar.getEntry("spring.properties")).readAllBytes(), StandardCharsets.UTF_8))
                    .containsPattern("(?m)^spring\\.aot\\.enabled=true$");
        }
    }

    /** The HTTP package: the main package without the broker's libraries, with Spring AOT definitions of its own. */
    @Test
    void theHttpPackageLeavesOutTheBrokerAndCarriesItsOwnDefinitions() throws IOException {
        assertThat(HTTP_JAR).exists();
        // issue 13's aim for the package most functions deploy (bench/package-sizes.sh details it)
        assertThat(Files.size(HTTP_JAR)).as("bytes of " + HTTP_JAR).isLessThanOrEqualTo(40_000_000L);
        try (ZipFile jar = new ZipFile(HTTP_JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(name -> name.startsWith("org/springframework/cloud/stream/"))
                    .noneMatch(name -> name.startsWith("org/springframework/integration/"))
                    .noneMatch(name -> name.startsWith("org/springframework/amqp/rabbit/"))
                    .noneMatch(name -> name.startsWith("com/rabbitmq/"))
                    .noneMatch(name -> name.startsWith("io/netty/"))
                    .noneMatch(name -> name.startsWith("org/apache/commons/lang3/"))
                    .noneMatch(name -> name.equals("com/amazonaws/services/lambda/runtime/events/S3Event.class"))
                    .anyMatch(name -> name.equals("app/tradebot/runtime/SigV4.class"))
                    .anyMatch(name -> name.equals("app/tradebot/runtime/LambdaCredentials.class"))
                    // DependencyFailures names spring-amqp's AmqpConnectException
                    .anyMatch(name -> name.equals("org/springframework/amqp/AmqpConnectException.class"))
                    .anyMatch(name -> name.equals("app/tradebot/TradeBotFunctions.class"))
                    .anyMatch(name -> name.equals("template.yaml"))
                    .anyMatch(name -> name.equals("app/tradebot/TradeBotFunctions__ApplicationContextInitializer.class"))
                    .anyMatch(name -> name.equals("spring.properties"))
                    // the definitions are this package's: nothing of the broker's auto-configurations
                    .noneMatch(name -> name.contains("RabbitAutoConfiguration__"))
                    .noneMatch(name -> name.contains("IntegrationAutoConfiguration__"))
                    // nor of the application's classes that name the broker (AbsentLibrariesScan left them out of the scan)
                    .noneMatch(name -> name.equals("app/tradebot/platform/messaging/ConfirmedPublisher__BeanDefinitions.class"))
                    .noneMatch(name -> name.equals("app/tradebot/platform/messaging/MessagingConfiguration__BeanDefinitions.class"))
                    .noneMatch(name -> name.equals("app/tradebot/notify/DeliveryListenerConfiguration__BeanDefinitions.class"));
            assertThat(new String(jar.getInputStream(jar.getEntry("spring.properties")).readAllBytes(), StandardCharsets.UTF_8))
                    .containsPattern("(?m)^spring\\.aot\\.enabled=true$");
        }
    }

    /** The deployment steps' package: Flyway, without Redis, Spring Cloud Stream or Spring Integration. */
    @Test
    void theDeployPackageCarriesFlywayWithoutRedisOrStream() throws IOException {
        Path deploy = Path.of("target/tradebot-functions-deploy-aws.jar");
        assertThat(Files.size(deploy)).as("bytes of " + deploy).isLessThanOrEqualTo(40_000_000L);
        try (ZipFile jar = new ZipFile(deploy.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .anyMatch(name -> name.equals("org/flywaydb/core/Flyway.class"))
                    .anyMatch(name -> name.equals("app/tradebot/platform/persistence/Migrate.class"))
                    .anyMatch(name -> name.equals("com/rabbitmq/client/ConnectionFactory.class"))
                    .noneMatch(name -> name.startsWith("redis/clients/"))
                    .noneMatch(name -> name.equals("org/springframework/data/redis/core/StringRedisTemplate.class"))
                    .noneMatch(name -> name.equals("org/springframework/cloud/stream/function/StreamBridge.class"))
                    .noneMatch(name -> name.equals("org/springframework/integration/core/MessagingTemplate.class"))
                    // the main package's Spring AOT definitions: this package starts without them
                    .noneMatch(name -> name.endsWith("__BeanDefinitions.class"));
        }
    }

    /**
     * No package template.yaml deploys carries the AWS SDK, Netty's handlers and codecs or Apache HttpClient 5: the
     * runtime's SigV4 signs TradeBot's calls to AWS (Secrets Manager, S3's URLs, pruneVersions' Lambda API calls),
     * and the Rabbit client opens plain sockets.
     */
    @Test
    void noPackageCarriesTheAwsSdk() throws IOException {
        List<Path> packages = LambdaPackagesIT.functionsByPackage(Files.readAllLines(Path.of("../template.yaml"))).keySet()
                .stream().map(uri -> Path.of("..").resolve(uri)).toList();
        assertThat(packages).hasSize(4);
        for (Path lambdaPackage : packages) {
            try (ZipFile jar = new ZipFile(lambdaPackage.toFile())) {
                assertThat(jar.stream().map(e -> e.getName())).as(lambdaPackage.toString())
                        .noneMatch(name -> name.startsWith("software/amazon/awssdk/"))
                        .noneMatch(name -> name.startsWith("io/netty/handler/"))
                        .noneMatch(name -> name.startsWith("org/apache/hc/"))
                        .anyMatch(name -> name.equals("app/tradebot/runtime/SigV4.class"));
            }
        }
    }

    @Test
    void theShadedJarAnswersAnHttpApiEventInAFreshJvm() throws Exception {
        Invocation health = invoke(JAR, "health", LambdaInvocations.resource("http-api-health.json"),
                Map.of(), "-Dtradebot.health.timeout=15s");

        assertThat(health.answer().path("statusCode").asInt()).as(health.output()).isEqualTo(200);
        assertThat(health.answer().path("headers").path("Content-Type").asString()).isEqualTo("application/json");
        assertThat(json.readTree(health.answer().path("body").asString()).path("status").asString()).isEqualTo("up");
        // a connection and a channel of the Rabbit client, without Netty's buffers, handlers or codecs
        assertThat(json.readTree(health.answer().path("body").asString()).path("checks").path("rabbitmq").asString())
                .isEqualTo("up");
        assertThat(health.output()).contains("Located function: 'health'");
        assertThat(health.output()).contains("Starting AOT-processed TradeBotFunctions");
    }

    /**
     * Amazon MQ speaks AMQP over TLS only ({@code amqps://…:5671}): the main package, whose Netty is cut down to the
     * classes the Rabbit client's socket path loads, opens its connection and channel over TLS. A TLS relay in this
     * JVM (a certificate for localhost made here with keytool, trusted by the package's JVM only) stands in for the
     * broker's TLS listener in front of the machine's RabbitMQ; it counts the handshakes it completed.
     */
    @Test
    void theShadedJarReachesRabbitMqOverTls(@TempDir Path certificates) throws Exception {
        Path keyStore = certificates.resolve("broker.p12");
        Path certificate = certificates.resolve("broker.pem");
        Path trustStore = certificates.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        URI broker = URI.create(TestServices.RABBITMQ_URL);

        try (BrokerRelay relay = BrokerRelay.start(tlsServerSocket(keyStore, "changeit"))) {
            String amqps = "amqps://" + broker.getRawUserInfo() + "@localhost:" + relay.port() + broker.getRawPath();
            Invocation health = invoke(JAR, "health", LambdaInvocations.resource("http-api-health.json"),
                    Map.of("RABBITMQ_URL", amqps), "-Dtradebot.health.timeout=15s",
                    "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                    "-Djavax.net.ssl.trustStoreType=PKCS12");

            assertThat(health.answer().path("statusCode").asInt()).as(health.output()).isEqualTo(200);
            assertThat(json.readTree(health.answer().path("body").asString()).path("checks").path("rabbitmq").asString())
                    .as(health.output()).isEqualTo("up");
            assertThat(relay.handshakes()).as("TLS handshakes the relay completed").isPositive();
        }
    }

    /** A loopback TLS server socket on a free port with the key in {@code keyStore}. */
    private static SSLServerSocket tlsServerSocket(Path keyStore, String password) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, password.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        return (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
    }

    /**
     * The HTTP package alone answers {@code me} through FunctionInvoker from its own AOT definitions: here for a
     * user id that is not in the database (the query runs, the answer is the problem a stale token gets).
     */
    @Test
    void theHttpPackageAnswersMeInAFreshJvm() throws Exception {
        Invocation me = invoke(HTTP_JAR, "me",
                LambdaInvocations.resource("http-api-me.json").replace("@USER_ID@", UUID.randomUUID().toString()),
                Map.of("SECRET_KEY", "shaded-jar-it-secret-".repeat(4),
                        "FERNET_KEY", "6rRz9yKcGfJ2vyqXgkTQwLh4p2Yx3Sx8c8q0e1pD0Ow="));

        assertThat(me.answer().path("statusCode").asInt()).as(me.output()).isEqualTo(401);
        assertThat(me.answer().path("headers").path("Content-Type").asString()).isEqualTo("application/problem+json");
        assertThat(json.readTree(me.answer().path("body").asString()).path("detail").asString()).isEqualTo("Sign in to do this.");
        assertThat(me.output()).contains("Located function: 'me'");
        assertThat(me.output()).contains("Starting AOT-processed TradeBotFunctions");
    }

    /**
     * The tickers package: getTicker and refreshTickers with redis-om's hash repository, without the broker, Flyway,
     * signing in's libraries or Guava, and under the packages' aim.
     */
    @Test
    void theTickersPackageCarriesRedisOmWithoutTheBrokerOrGuava() throws IOException {
        assertThat(TICKERS_JAR).exists();
        // issue 13's aim for every package (bench/package-sizes.sh details it)
        assertThat(Files.size(TICKERS_JAR)).as("bytes of " + TICKERS_JAR).isLessThanOrEqualTo(40_000_000L);
        try (ZipFile jar = new ZipFile(TICKERS_JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .anyMatch(name -> name.equals("com/redis/om/spring/repository/support/SimpleRedisEnhancedRepository.class"))
                    .anyMatch(name -> name.equals("app/tradebot/market/CachedTickers.class"))
                    .noneMatch(name -> name.startsWith("com/google/common/"))
                    .noneMatch(name -> name.startsWith("org/springframework/amqp/rabbit/"))
                    .noneMatch(name -> name.startsWith("com/rabbitmq/"))
                    .noneMatch(name -> name.startsWith("org/springframework/cloud/stream/"))
                    .noneMatch(name -> name.startsWith("org/flywaydb/"))
                    .noneMatch(name -> name.startsWith("com/nimbusds/"))
                    .noneMatch(name -> name.startsWith("org/bouncycastle/"))
                    // the main package's Spring AOT definitions: this package starts without them
                    .noneMatch(name -> name.endsWith("__BeanDefinitions.class"));
        }
    }

    /**
     * The tickers package alone, a fresh JVM per invocation: the first getTicker finds no cached price, asks the
     * exchange (the fake Binance) and caches the answer through redis-om's repository, with its expiry; the second,
     * while the exchange has moved on, answers the cached price (redis-om's findById); then refreshTickers, invoked
     * with its schedule's event, caches the exchange's new price of the watched symbol.
     */
    @Test
    void theTickersPackageCachesAndAnswersATickerInAFreshJvm() throws Exception {
        // a symbol of this test's own, removed at the end
        String symbol = "TKRSHADEDUSDT";
        try (FakeBinance binance = FakeBinance.start(); Jedis redis = new Jedis(URI.create(TestServices.REDIS_URL));
                Connection db = TestServices.jdbc();
                PreparedStatement listed = db.prepareStatement("""
                        insert into symbols (symbol, base_asset, quote_asset, status, source) values (?, 'TKRSHADED', 'USDT', 'TRADING', 'exchange')
                        on conflict (symbol) do update set source = 'exchange'""")) {
            binance.addSymbol(symbol, "TKRSHADED", "USDT", "0.01", "0.0001", "0.0001", "5");
            listed.setString(1, symbol);
            listed.executeUpdate();
            redis.del("market:ticker:" + symbol);
            binance.setPrice(symbol, new BigDecimal("2345.67"));
            String event = LambdaInvocations.resource("http-api-ticker.json").replace("@SYMBOL@", symbol)
                    .replace("@USER_ID@", UUID.randomUUID().toString());
            Map<String, String> environment = Map.of("TRADEBOT_EXCHANGE_BINANCE_BASE_URL", binance.baseUrl(),
                    "SECRET_KEY", "shaded-jar-it-secret-".repeat(4), "FERNET_KEY", "6rRz9yKcGfJ2vyqXgkTQwLh4p2Yx3Sx8c8q0e1pD0Ow=");

            Invocation fromExchange = invoke(TICKERS_JAR, "getTicker", event, environment);

            assertThat(fromExchange.answer().path("statusCode").asInt()).as(fromExchange.output()).isEqualTo(200);
            JsonNode fresh = json.readTree(fromExchange.answer().path("body").asString());
            assertThat(fresh.path("source").asString()).isEqualTo("exchange");
            assertThat(new BigDecimal(fresh.path("price").asString())).isEqualByComparingTo("2345.67");
            assertThat(redis.hget("market:ticker:" + symbol, "price")).isEqualTo("2345.67");
            assertThat(redis.ttl("market:ticker:" + symbol)).isBetween(1L, 180L);

            binance.setPrice(symbol, new BigDecimal("2400"));
            Invocation fromCache = invoke(TICKERS_JAR, "getTicker", event, environment);

            assertThat(fromCache.answer().path("statusCode").asInt()).as(fromCache.output()).isEqualTo(200);
            JsonNode cached = json.readTree(fromCache.answer().path("body").asString());
            assertThat(cached.path("source").asString()).isEqualTo("cache");
            assertThat(new BigDecimal(cached.path("price").asString())).isEqualByComparingTo("2345.67");
            // the cache keeps the reading's instant to the millisecond
            assertThat(Instant.parse(cached.path("at").asString()))
                    .isEqualTo(Instant.parse(fresh.path("at").asString()).truncatedTo(ChronoUnit.MILLIS));
            assertThat(fromCache.output()).contains("Located function: 'getTicker'");

            UUID watcher = UUID.randomUUID();
            try (PreparedStatement user = db.prepareStatement(
                    "insert into users (id, email, password_hash) values (?, ?, 'not a hash')");
                    PreparedStatement watch = db.prepareStatement(
                            "insert into candle_watches (id, user_id, symbol, interval) values (?, ?, ?, '1h')")) {
                user.setObject(1, watcher);
                user.setString(2, "tickers-package-" + watcher + "@example.com");
                user.executeUpdate();
                watch.setObject(1, UUID.randomUUID());
                watch.setObject(2, watcher);
                watch.setString(3, symbol);
                watch.executeUpdate();
                Invocation refresh = invoke(TICKERS_JAR, "refreshTickers",
                        "{\"job\":\"refreshTickers\",\"scheduledTime\":\"2026-12-07T02:30:00Z\"}", environment);

                assertThat(refresh.output()).contains("Located function: 'refreshTickers'");
                assertThat(redis.hget("market:ticker:" + symbol, "price")).as(refresh.output()).isEqualTo("2400");
                assertThat(redis.ttl("market:ticker:" + symbol)).isBetween(1L, 180L);
            }
            finally {
                try (PreparedStatement gone = db.prepareStatement("delete from users where id = ?");
                        PreparedStatement unlisted = db.prepareStatement("delete from symbols where symbol = ?")) {
                    gone.setObject(1, watcher);
                    gone.executeUpdate();
                    unlisted.setString(1, symbol);
                    unlisted.executeUpdate();
                }
                redis.del("market:ticker:" + symbol);
            }
        }
    }

    private record Invocation(String output, JsonNode answer) {
    }

    /**
     * Runs {@code jar} alone on the class path of a fresh JVM, as Lambda does, and hands {@code event} to
     * {@code function} through FunctionInvoker; the JVM must exit normally.
     */
    private Invocation invoke(Path jar, String function, String event, Map<String, String> environment,
            String... jvmOptions) throws Exception {
        Path work = Files.createTempDirectory("lambda-package");
        Path eventFile = work.resolve("event.json");
        Path response = work.resolve("response.json");
        Path log = work.resolve("lambda.log");
        Files.writeString(eventFile, event);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", jar.toAbsolutePath().toString(),
                Path.of("src/test/resources/lambda/InvokeShadedJar.java").toAbsolutePath().toString(),
                eventFile.toString(), response.toString()));
        ProcessBuilder lambda = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = lambda.environment();
        env.remove("MAIN_CLASS");
        env.remove("TRADEBOT_ROLES");
        env.put("SPRING_CLOUD_FUNCTION_DEFINITION", function);
        env.put("SPRING_CLOUD_STREAM_FUNCTION_AUTODETECT", "false");
        env.put("DATABASE_URL", TestServices.DATABASE_URL);
        env.put("REDIS_URL", TestServices.REDIS_URL);
        env.put("RABBITMQ_URL", TestServices.RABBITMQ_URL);
        env.putAll(environment);
        Process process = lambda.start();
        // A bound so a hung JVM cannot hang the build; not a measure of anything.
        boolean exited = process.waitFor(10, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);

        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        JsonNode answer = json.readTree(response.toFile());
        deleteQuietly(work.toFile());
        return new Invocation(output, answer);
    }

    private static void deleteQuietly(File dir) {
        File[] files = dir.listFiles();
        if (files != null) {
            for (File file : files) {
                file.delete();
            }
        }
        dir.delete();
    }
}
