package app.tradebot.accounts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.crypto.Fernet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reencryptSecrets as Compose runs it: the scheduler's tick arrives on schedule.reencryptSecrets and
 * the worker moves the stored secrets to the first of FERNET_KEYS.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "tradebot.roles=worker",
        "tradebot.crypto.fernet-keys=" + ReencryptSecretsIT.NEW_KEY + "," + ReencryptSecretsIT.OLD_KEY })
@DirtiesContext
class ReencryptSecretsWorkerIT {

    static {
        TestServices.install();
    }

    static final String QUEUE = "schedule.reencryptSecrets";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static CachingConnectionFactory rabbit;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void connect() {
        rabbit = TestServices.rabbit();
    }

    @AfterAll
    static void disconnect() {
        rabbit.destroy();
    }

    @Test
    void theWorkerConsumesTheJobsQueueAndATickReencrypts() throws InterruptedException {
        QueueInformation info = new RabbitAdmin(rabbit).getQueueInfo(QUEUE);
        assertThat(info).isNotNull();
        assertThat(info.getConsumerCount()).isEqualTo(1);
        assertThat(new RabbitAdmin(rabbit).getQueueInfo(QUEUE + ".dlq")).isNotNull();
        jdbc.execute("truncate table users cascade");
        UUID user = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, 'worker-rotation@example.com', 'not a hash')", user);
        Fernet old = Fernet.of(List.of(ReencryptSecretsIT.OLD_KEY));
        jdbc.update("""
                insert into exchange_accounts (id, user_id, name, kind, api_key_enc, api_secret_enc, api_key_hint)
                values (?, ?, 'Old', 'binance', ?, ?, 'kkkk')""", UUID.randomUUID(), user, old.encrypt("k".repeat(64)),
                old.encrypt("s".repeat(64)));

        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        new RabbitTemplate(rabbit).send(QUEUE, QUEUE, new Message(
                "{\"job\":\"reencryptSecrets\",\"scheduledTime\":\"2026-11-28T10:00:00Z\"}".getBytes(StandardCharsets.UTF_8), properties));

        Fernet newOnly = Fernet.of(List.of(ReencryptSecretsIT.NEW_KEY));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String secret = null;
        while (System.nanoTime() < deadline) {
            secret = jdbc.queryForObject("select api_secret_enc from exchange_accounts", String.class);
            if (newOnly.isCurrent(secret)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(newOnly.decrypt(secret)).isEqualTo("s".repeat(64));
        assertThat(newOnly.decrypt(jdbc.queryForObject("select api_key_enc from exchange_accounts", String.class))).isEqualTo("k".repeat(64));
    }
}
