package app.tradebot.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhooks and Telegram end to end against the real PostgreSQL and RabbitMQ, with the worker bound
 * and a receiver on loopback (allowed here by tradebot.notify.allow-private-targets). The back-off is
 * shortened: 300 ms doubling to 600 ms, for 5 s, with a 1 s timeout.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "tradebot.roles=worker",
        "tradebot.notify.allow-private-targets=true",
        "tradebot.notify.timeout=1s",
        "tradebot.notify.retry-initial=300ms",
        "tradebot.notify.retry-max=600ms",
        "tradebot.notify.retry-for=5s",
        "tradebot.quotas.webhooks=4"})
@DirtiesContext
class NotifyWorkerIT {

    static {
        TestServices.install();
    }

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String TOKEN = "123456789:AAE-test_token_abcdefghijklmnopqrstuv";

    private static Receiver receiver;
    private static CachingConnectionFactory rabbit;
    private static RabbitAdmin admin;

    final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    @Qualifier("createWebhook")
    ApiFunction create;

    @Autowired
    @Qualifier("listWebhooks")
    ApiFunction list;

    @Autowired
    @Qualifier("deleteWebhook")
    ApiFunction delete;

    @Autowired
    @Qualifier("testWebhook")
    ApiFunction test;

    @Autowired
    @Qualifier("listWebhookDeliveries")
    ApiFunction deliveries;

    @Autowired
    @Qualifier("createTelegramChannel")
    ApiFunction createTelegram;

    @Autowired
    @Qualifier("listTelegramChannels")
    ApiFunction listTelegram;

    @Autowired
    @Qualifier("testTelegramChannel")
    ApiFunction testTelegram;

    @Autowired
    @Qualifier("deleteTelegramChannel")
    ApiFunction deleteTelegram;

    @Autowired
    @Qualifier("retryDeliveries")
    Consumer<org.springframework.messaging.Message<byte[]>> retryDeliveries;

    @Autowired
    Notifications notifications;

    @Autowired
    Jdbi jdbi;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Fernet fernet;

    UUID alice;
    UUID bob;

    @DynamicPropertySource
    static void telegram(DynamicPropertyRegistry registry) throws IOException {
        receiver = new Receiver();
        registry.add("tradebot.notify.telegram-base-url", () -> receiver.url("/telegram"));
    }

    @BeforeAll
    static void connect() {
        rabbit = TestServices.rabbit();
        admin = new RabbitAdmin(rabbit);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        rabbit.destroy();
    }

    @BeforeEach
    void cleanUp() {
        jdbc.execute("truncate table users cascade");
        admin.purgeQueue("webhook-deliveries.dlq", false);
        alice = user("alice@example.com");
        bob = user("bob@example.com");
    }

    UUID user(String email) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'not a hash')", id, email);
        return id;
    }

    JsonNode created(UUID user, String path, String events) {
        APIGatewayV2HTTPResponse response = create.apply(ApiEvents.post("/api/webhooks",
                "{\"url\":\"" + receiver.url(path) + "\",\"events\":" + events + "}").authorizedAs(user).event());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return json.readTree(response.getBody());
    }

    void emit(UUID user, EventType type, Map<String, Object> payload) {
        jdbi.useTransaction(handle -> notifications.emit(handle, user, type, payload));
    }

    APIGatewayV2HTTPResponse call(ApiFunction function, String method, String path, Object id, UUID user) {
        return function.apply(ApiEvents.request(method, path.replace("{id}", String.valueOf(id)), null)
                .pathParameter("id", String.valueOf(id)).authorizedAs(user).event());
    }

    String status(UUID webhookId) {
        return jdbc.queryForObject("select status from notification_deliveries where channel_id = ? order by created_at desc limit 1",
                String.class, webhookId);
    }

    void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    void runRetries() {
        retryDeliveries.accept(MessageBuilder.withPayload(("{\"job\":\"retryDeliveries\",\"scheduledTime\":\""
                + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void theSecretIsShownOnceStoredEncryptedAndSignsADeliveryThatTheScriptVerifies() throws Exception {
        JsonNode webhook = created(alice, "/signed", "[\"backtest.completed\",\"bot.stopped\"]");
        String secret = webhook.get("secret").asString();
        UUID id = UUID.fromString(webhook.get("id").asString());
        assertThat(secret).startsWith("whsec_");
        assertThat(webhook.get("events").toString()).isEqualTo("[\"backtest.completed\",\"bot.stopped\"]");

        String stored = jdbc.queryForObject("select secret_enc from notification_channels where id = ?", String.class, id);
        assertThat(stored).doesNotContain(secret);
        assertThat(fernet.decrypt(stored)).isEqualTo(secret);
        String listed = call(list, "GET", "/api/webhooks", null, alice).getBody();
        assertThat(listed).contains(id.toString()).doesNotContain(secret).doesNotContain("secret");

        UUID backtest = UUID.randomUUID();
        emit(alice, EventType.BACKTEST_COMPLETED, Map.of("backtestId", backtest, "symbol", "BTCUSDT"));
        Receiver.Received got = receiver.next("/signed", PATIENCE);

        JsonNode body = json.readTree(got.body());
        assertThat(body.get("type").asString()).isEqualTo("backtest.completed");
        assertThat(body.get("data").get("backtestId").asString()).isEqualTo(backtest.toString());
        assertThat(body.get("data").get("symbol").asString()).isEqualTo("BTCUSDT");
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        assertThat(got.header("X-TradeBot-Event")).isEqualTo("backtest.completed");
        String signature = got.header("X-TradeBot-Signature");
        assertThat(signature).matches("t=\\d{10},v1=[0-9a-f]{64}");
        long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertThat(t).isBetween(Instant.now().getEpochSecond() - 30, Instant.now().getEpochSecond() + 1);
        assertThat(signature).endsWith("v1=" + Signatures.hmac(secret, t + "." + got.body()));

        assertThat(verifyWithScript(secret, signature, got.body())).isEqualTo("valid");
        assertThat(verifyWithScript(secret, signature, got.body().replace("BTCUSDT", "ETHUSDT"))).isEqualTo("INVALID");
        assertThat(verifyWithScript("whsec_wrong", signature, got.body())).isEqualTo("INVALID");

        await("delivery recorded as succeeded", () -> "succeeded".equals(status(id)));
        JsonNode shown = json.readTree(call(deliveries, "GET", "/api/webhooks/{id}/deliveries", id, alice).getBody())
                .get("deliveries");
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).get("event").asString()).isEqualTo("backtest.completed");
        assertThat(shown.get(0).get("status").asString()).isEqualTo("succeeded");
        assertThat(shown.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(shown.get(0).get("lastStatusCode").asInt()).isEqualTo(200);

        // nothing subscribed to order.filled: nothing is queued
        jdbi.useTransaction(handle -> assertThat(notifications.emit(handle, alice, EventType.ORDER_FILLED, Map.of("x", 1)))
                .isZero());
        await("the audit event of the creation", () -> jdbc.queryForObject(
                "select count(*) from audit_events where user_id = ? and type = 'webhook.created'", Integer.class, alice) == 1);
    }

    /** The README's script, exactly as documented, run by python3 against a real delivery. */
    private static String verifyWithScript(String secret, String header, String body) throws Exception {
        Path script = Path.of("..", "examples", "verify-webhook.py");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).as("the README shows the script as it is").contains(Files.readString(script).strip());
        Process process = new ProcessBuilder("python3", script.toString(), secret, header).redirectErrorStream(true).start();
        process.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(printed).isEqualTo(printed.equals("valid") ? 0 : 1);
        return printed;
    }

    @Test
    void aFailingTargetIsRetriedWithGrowingWaitsUntilItAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        receiver.answer("/flaky", () -> calls.incrementAndGet() <= 2 ? 500 : 204);
        UUID id = UUID.fromString(created(alice, "/flaky", "[\"bot.started\"]").get("id").asString());

        emit(alice, EventType.BOT_STARTED, Map.of("botId", UUID.randomUUID()));
        Receiver.Received first = receiver.next("/flaky", PATIENCE);
        await("first attempt recorded", () -> "retrying".equals(status(id)));
        Map<String, Object> row = jdbc.queryForMap("select attempts, last_status_code, last_error, next_attempt_at "
                + "from notification_deliveries where channel_id = ?", id);
        assertThat(row).containsEntry("attempts", 1).containsEntry("last_status_code", 500).containsEntry("last_error", "answered 500");

        Receiver.Received second = null;
        Receiver.Received third = null;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (third == null && System.nanoTime() < deadline) {
            runRetries();
            Receiver.Received r = receiver.at("/flaky").poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                if (second == null) {
                    second = r;
                }
                else {
                    third = r;
                }
            }
        }
        assertThat(third).as("third attempt").isNotNull();
        await("delivered", () -> "succeeded".equals(status(id)));
        assertThat(Duration.between(first.at(), second.at())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.between(second.at(), third.at())).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(first.body()).isEqualTo(second.body()).isEqualTo(third.body());
        assertThat(first.header("X-TradeBot-Delivery")).isEqualTo(third.header("X-TradeBot-Delivery"));
        assertThat(jdbc.queryForObject("select attempts from notification_deliveries where channel_id = ?", Integer.class, id))
                .isEqualTo(3);
    }

    @Test
    void aTargetThatNeverAnswersWellEndsFailedAndInTheDlqAfterTheDeadline() throws Exception {
        receiver.answer("/down", () -> 503);
        UUID id = UUID.fromString(created(alice, "/down", "[\"risk.limit_reached\"]").get("id").asString());
        emit(alice, EventType.RISK_LIMIT_REACHED, Map.of("botId", UUID.randomUUID(), "limit", "maxDailyLossPct"));

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!"failed".equals(status(id)) && System.nanoTime() < deadline) {
            runRetries();
            Thread.sleep(50);
        }
        Map<String, Object> row = jdbc.queryForMap("select attempts, last_status_code, last_error, finished_at, give_up_at, "
                + "finished_at + interval '600 milliseconds' > give_up_at as next_wait_passes_deadline "
                + "from notification_deliveries where channel_id = ?", id);
        // attempts at about 0, 0.3, 0.9, 1.5 … s: given up when the next 600 ms wait would pass the 5 s deadline
        assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(3);
        assertThat(row).containsEntry("last_status_code", 503).containsEntry("last_error", "answered 503")
                .containsEntry("next_wait_passes_deadline", true);
        List<Receiver.Received> calls = List.copyOf(receiver.at("/down"));
        assertThat(calls).hasSize((Integer) row.get("attempts"));
        // and not given up too late: the attempt before the last was retried because its wait ended before the
        // deadline (when an attempt starts late on a busy machine, the one after it still counts from its end)
        Instant giveUpAt = ((Timestamp) row.get("give_up_at")).toInstant();
        assertThat(calls.get(calls.size() - 2).at().plusMillis(600)).isBeforeOrEqualTo(giveUpAt);

        RabbitTemplate rabbitTemplate = new RabbitTemplate(rabbit);
        Message dead = null;
        long dlqDeadline = System.nanoTime() + PATIENCE.toNanos();
        while (dead == null && System.nanoTime() < dlqDeadline) {
            dead = rabbitTemplate.receive("webhook-deliveries.dlq", 200);
        }
        assertThat(dead).as("the task in the DLQ").isNotNull();
        String deliveryId = jdbc.queryForObject("select id::text from notification_deliveries where channel_id = ?", String.class, id);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).contains(deliveryId);
        assertThat(String.valueOf(dead.getMessageProperties().getHeaders().get("x-exception-stacktrace")))
                .contains("DeliveryAbandoned: Delivery " + deliveryId + " failed after " + row.get("attempts")
                        + " attempts: answered 503");
    }

    @Test
    void aHangingTargetHoldsUpNoOtherDelivery() throws Exception {
        receiver.answer("/hang", () -> Receiver.HANG);
        UUID hanging = UUID.fromString(created(alice, "/hang", "[\"bot.started\"]").get("id").asString());
        UUID fast = UUID.fromString(created(alice, "/fast", "[\"order.filled\"]").get("id").asString());

        emit(alice, EventType.BOT_STARTED, Map.of("botId", UUID.randomUUID()));
        Receiver.Received held = receiver.next("/hang", PATIENCE);
        emit(alice, EventType.ORDER_FILLED, Map.of("orderId", "1", "price", "65000.01"));
        Receiver.Received quick = receiver.next("/fast", Duration.ofMillis(900));

        assertThat(Duration.between(held.at(), quick.at())).isLessThan(Duration.ofSeconds(1));
        assertThat(quick.body()).contains("\"price\":\"65000.01\"");
        await("the fast one succeeded", () -> "succeeded".equals(status(fast)));
        await("the hanging one timed out and waits to be retried", () -> "retrying".equals(status(hanging)));
        assertThat(jdbc.queryForObject("select last_error from notification_deliveries where channel_id = ?", String.class,
                hanging)).isEqualTo("no answer within 1000 ms");
    }

    @Test
    void testWebhookSendsATestEventAndAnotherUsersWebhookIsNotFound() throws Exception {
        UUID id = UUID.fromString(created(alice, "/tested", "[\"order.rejected\"]").get("id").asString());
        for (ApiFunction function : List.of(test, deliveries, delete)) {
            APIGatewayV2HTTPResponse response = call(function, function == delete ? "DELETE" : "POST", "/api/webhooks/{id}/x", id, bob);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(404);
            assertThat(response.getBody()).contains("No such webhook.");
        }
        APIGatewayV2HTTPResponse queued = call(test, "POST", "/api/webhooks/{id}/test", id, alice);
        assertThat(queued.getStatusCode()).isEqualTo(202);
        Receiver.Received got = receiver.next("/tested", PATIENCE);
        assertThat(json.readTree(got.body()).get("type").asString()).isEqualTo("webhook.test");
        assertThat(got.header("X-TradeBot-Delivery")).isEqualTo(json.readTree(queued.getBody()).get("deliveryId").asString());

        assertThat(call(delete, "DELETE", "/api/webhooks/{id}", id, alice).getStatusCode()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from notification_channels", Integer.class)).isZero();
        assertThat(call(delete, "DELETE", "/api/webhooks/{id}", id, alice).getStatusCode()).isEqualTo(404);
        await("the audit event of the deletion", () -> jdbc.queryForObject(
                "select count(*) from audit_events where user_id = ? and type = 'webhook.deleted'", Integer.class, alice) == 1);
    }

    @Test
    void badInputNamesTheFieldAndStoresNothing() {
        Map<String, String> cases = Map.of(
                "{\"url\":\"ftp://127.0.0.1/x\",\"events\":[\"bot.started\"]}", "url",
                "{\"url\":\"http://127.0.0.1/" + "a".repeat(2048) + "\",\"events\":[\"bot.started\"]}", "url",
                "{\"url\":\"http://127.0.0.1/x\",\"events\":[\"bot.started\",\"bot.exploded\"]}", "events[1]",
                "{\"url\":\"http://127.0.0.1/x\",\"events\":[\"webhook.test\"]}", "events[0]",
                "{\"url\":\"http://127.0.0.1/x\",\"events\":[]}", "events",
                "{\"url\":\"http://127.0.0.1/x\"}", "events",
                "{\"events\":[\"bot.started\"]}", "url",
                "{\"url\":\"http://127.0.0.1/x\",\"events\":\"bot.started\"}", "events");
        cases.forEach((body, field) -> {
            APIGatewayV2HTTPResponse response = create.apply(ApiEvents.post("/api/webhooks", body).authorizedAs(alice).event());
            assertThat(response.getStatusCode()).as(body).isEqualTo(400);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            JsonNode problem = json.readTree(response.getBody());
            assertThat(problem.get("errors").toString()).as(body).contains("\"field\":\"" + field + "\"");
        });
        assertThat(jdbc.queryForObject("select count(*) from notification_channels", Integer.class)).isZero();
    }

    @Test
    void theWebhookQuotaIsA429SayingWhich() {
        for (int i = 0; i < 4; i++) {
            created(alice, "/q" + i, "[\"bot.started\"]");
        }
        APIGatewayV2HTTPResponse over = create.apply(ApiEvents.post("/api/webhooks",
                "{\"url\":\"" + receiver.url("/q5") + "\",\"events\":[\"bot.started\"]}").authorizedAs(alice).event());
        assertThat(over.getStatusCode()).isEqualTo(429);
        assertThat(over.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(json.readTree(over.getBody()).get("detail").asString())
                .isEqualTo("Quota reached: at most 4 webhooks per user.");
        assertThat(jdbc.queryForObject("select count(*) from notification_channels where user_id = ?", Integer.class, alice))
                .isEqualTo(4);
        created(bob, "/bob", "[\"bot.started\"]");
    }

    @Test
    void telegramGetsTheSameEventsWrittenForPeopleWithTheTokenKeptSecret() throws Exception {
        APIGatewayV2HTTPResponse response = createTelegram.apply(ApiEvents.post("/api/notifications/telegram",
                "{\"botToken\":\"" + TOKEN + "\",\"chatId\":\"-100123\",\"events\":[\"bot.stopped\"]}").authorizedAs(alice).event());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(response.getBody()).doesNotContain(TOKEN).contains("\"botTokenHint\":\"...stuv\"");
        assertThat(call(listTelegram, "GET", "/api/notifications/telegram", null, alice).getBody())
                .doesNotContain(TOKEN).contains("-100123");
        String stored = jdbc.queryForObject("select secret_enc from notification_channels where user_id = ?", String.class, alice);
        assertThat(fernet.decrypt(stored)).isEqualTo(TOKEN);

        assertThatThrownBy(() -> emit(alice, EventType.BOT_STOPPED, Map.of("botId", "b-0", "reason", "bored")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason user, risk or error");
        assertThat(jdbc.queryForObject("select count(*) from notification_deliveries", Integer.class)).isZero();
        emit(alice, EventType.BOT_STOPPED, Map.of("botId", "b-1", "reason", StopReason.RISK));
        Receiver.Received got = receiver.next("/telegram/bot" + TOKEN + "/sendMessage", PATIENCE);
        JsonNode message = json.readTree(got.body());
        assertThat(message.get("chat_id").asString()).isEqualTo("-100123");
        assertThat(message.get("text").asString()).startsWith("TradeBot: Bot stopped\n").contains("\nbotId: b-1").contains("\nreason: risk");

        APIGatewayV2HTTPResponse bad = createTelegram.apply(ApiEvents.post("/api/notifications/telegram",
                "{\"botToken\":\"nope\",\"chatId\":\"x y\",\"events\":[\"bot.stopped\"]}").authorizedAs(alice).event());
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(bad.getBody()).contains("\"field\":\"botToken\"").contains("\"field\":\"chatId\"").doesNotContain("nope");
        assertThat(jdbc.queryForObject("select count(*) from notification_channels", Integer.class)).isEqualTo(1);
    }

    @Test
    void testTelegramChannelSendsNowAndSaysHowTelegramTookItWithTheTokenKeptSecret() throws Exception {
        String refusedToken = "987654321:AAE-refused_token_abcdefghijklmnopq";
        receiver.answer("/telegram/bot" + refusedToken + "/sendMessage", 400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
        String goodToken = "555555555:AAE-good_token_abcdefghijklmnopqrstu";
        UUID good = telegram(alice, goodToken, "-100777");
        UUID refused = telegram(alice, refusedToken, "-100888");

        APIGatewayV2HTTPResponse ok = call(testTelegram, "POST", "/api/notifications/telegram/{id}/test", good, alice);
        assertThat(ok.getStatusCode()).as(ok.getBody()).isEqualTo(200);
        assertThat(json.readTree(ok.getBody()).toString()).isEqualTo("{\"delivered\":true,\"statusCode\":200,\"error\":null}");
        JsonNode message = json.readTree(receiver.next("/telegram/bot" + goodToken + "/sendMessage", PATIENCE).body());
        assertThat(message.get("chat_id").asString()).isEqualTo("-100777");
        assertThat(message.get("text").asString()).startsWith("TradeBot: Test notification\n").contains("bot.stopped");

        APIGatewayV2HTTPResponse no = call(testTelegram, "POST", "/api/notifications/telegram/{id}/test", refused, alice);
        assertThat(no.getStatusCode()).as(no.getBody()).isEqualTo(200);
        JsonNode answer = json.readTree(no.getBody());
        assertThat(answer.get("delivered").asBoolean()).isFalse();
        assertThat(answer.get("statusCode").asInt()).isEqualTo(400);
        assertThat(answer.get("error").asString()).isEqualTo("answered 400: Bad Request: chat not found");
        assertThat(no.getBody()).doesNotContain(refusedToken);
        // A test is not a delivery: nothing stored, nothing to retry.
        assertThat(jdbc.queryForObject("select count(*) from notification_deliveries", Integer.class)).isZero();

        // Another user's channel, a webhook's id, a deleted channel, an id that is no UUID: 404, nothing sent.
        UUID webhook = UUID.fromString(created(alice, "/not-telegram", "[\"bot.started\"]").get("id").asString());
        for (UUID id : List.of(good, webhook)) {
            APIGatewayV2HTTPResponse response = call(testTelegram, "POST", "/api/notifications/telegram/{id}/test", id,
                    id == good ? bob : alice);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(404);
            assertThat(response.getBody()).contains("No such Telegram channel.");
        }
        assertThat(call(deleteTelegram, "DELETE", "/api/notifications/telegram/{id}", good, alice).getStatusCode()).isEqualTo(204);
        assertThat(call(testTelegram, "POST", "/api/notifications/telegram/{id}/test", good, alice).getStatusCode()).isEqualTo(404);
        APIGatewayV2HTTPResponse notAnId = call(testTelegram, "POST", "/api/notifications/telegram/{id}/test", "nope", alice);
        assertThat(notAnId.getStatusCode()).as(notAnId.getBody()).isEqualTo(404);
        assertThat(notAnId.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(receiver.at("/telegram/bot" + goodToken + "/sendMessage")).isEmpty();
    }

    UUID telegram(UUID user, String token, String chatId) {
        APIGatewayV2HTTPResponse response = createTelegram.apply(ApiEvents.post("/api/notifications/telegram",
                "{\"botToken\":\"" + token + "\",\"chatId\":\"" + chatId + "\",\"events\":[\"bot.stopped\"]}")
                .authorizedAs(user).event());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return UUID.fromString(json.readTree(response.getBody()).get("id").asString());
    }
}
