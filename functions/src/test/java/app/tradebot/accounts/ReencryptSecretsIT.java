package app.tradebot.accounts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.crypto.Fernet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation as an operator does it: a new key put first in FERNET_KEYS, the old FERNET_KEY after it
 * (and still set); the scheduled job moves every stored secret to the new key and a second run is a no-op.
 */
@SpringBootTest(classes = TradeBotFunctions.class, properties = {
        "tradebot.crypto.fernet-keys=" + ReencryptSecretsIT.NEW_KEY + "," + ReencryptSecretsIT.OLD_KEY })
class ReencryptSecretsIT {

    static {
        TestServices.install();
    }

    static final String NEW_KEY = "h1dSTv2xBbW-ls4Mv5e7vcS5iJ3Fhk5Z3_8b9GvCz0s=";
    /** The one test contexts use as FERNET_KEY (config/application.properties): the old key here. */
    static final String OLD_KEY = "6rRz9yKcGfJ2vyqXgkTQwLh4p2Yx3Sx8c8q0e1pD0Ow=";

    final Fernet oldOnly = Fernet.of(List.of(OLD_KEY));
    final Fernet newOnly = Fernet.of(List.of(NEW_KEY));

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ExchangeAccountDao accounts;

    @Autowired
    Fernet fernet;

    @Autowired
    @Qualifier("reencryptSecrets")
    Consumer<Message<byte[]>> reencryptSecrets;

    UUID user;

    @BeforeEach
    void cleanUp() {
        jdbc.execute("truncate table users cascade");
        user = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, 'rotation@example.com', 'not a hash')", user);
    }

    @Test
    void theContextEncryptsUnderTheFirstKeyAndReadsBoth() {
        assertThat(fernet.keyCount()).isEqualTo(2);
        assertThat(newOnly.decrypt(fernet.encrypt("x"))).isEqualTo("x");
        assertThat(fernet.decrypt(oldOnly.encrypt("y"))).isEqualTo("y");
    }

    @Test
    void everySecretMovesToTheNewKeyAndASecondRunChangesNothing() {
        for (int i = 0; i < 5; i++) {
            insert("Old " + i, oldOnly, "key" + i + "x".repeat(20), "secret" + i + "y".repeat(20));
        }
        insert("Already new", newOnly, "newkey" + "x".repeat(20), "newsecret" + "y".repeat(20));
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Paper', 'paper')", UUID.randomUUID(), user);
        Map<UUID, List<String>> before = tokens();

        ReencryptSecrets.Outcome first = new ReencryptSecrets(accounts, fernet, 2).run();

        assertThat(first).isEqualTo(new ReencryptSecrets.Outcome(5, 1, 0));
        Map<UUID, List<String>> after = tokens();
        assertThat(after).hasSize(6);
        after.forEach((id, tokens) -> {
            assertThat(fernet.isCurrent(tokens.get(0))).isTrue();
            assertThat(fernet.isCurrent(tokens.get(1))).isTrue();
            // The same plaintext, readable by the new key alone.
            assertThat(newOnly.decrypt(tokens.get(0))).isEqualTo(fernet.decrypt(before.get(id).get(0)));
            assertThat(newOnly.decrypt(tokens.get(1))).isEqualTo(fernet.decrypt(before.get(id).get(1)));
        });
        assertThat(after).containsEntry(idOf("Already new"), before.get(idOf("Already new")));

        ReencryptSecrets.Outcome second = new ReencryptSecrets(accounts, fernet, 2).run();

        assertThat(second).isEqualTo(new ReencryptSecrets.Outcome(0, 6, 0));
        assertThat(tokens()).isEqualTo(after);
    }

    @Test
    void theScheduledFunctionDoesTheSame() {
        insert("Old", oldOnly, "k".repeat(64), "s".repeat(64));

        reencryptSecrets.accept(tick());

        String[] tokens = jdbc.queryForObject("select api_key_enc, api_secret_enc from exchange_accounts",
                (rs, n) -> new String[] { rs.getString(1), rs.getString(2) });
        assertThat(newOnly.decrypt(tokens[0])).isEqualTo("k".repeat(64));
        assertThat(newOnly.decrypt(tokens[1])).isEqualTo("s".repeat(64));
    }

    @Test
    void secretsUnderAnUnknownKeyAreCountedAndLeftAlone() {
        Fernet lost = Fernet.of(List.of(Fernet.generateKey()));
        insert("Lost", lost, "k".repeat(64), "s".repeat(64));
        insert("Old", oldOnly, "k".repeat(64), "s".repeat(64));
        Map<UUID, List<String>> before = tokens();

        assertThat(new ReencryptSecrets(accounts, fernet).run()).isEqualTo(new ReencryptSecrets.Outcome(1, 0, 1));

        assertThat(tokens().get(idOf("Lost"))).isEqualTo(before.get(idOf("Lost")));
    }

    @Test
    void keysTheUserChangedMeanwhileAreNotOverwritten() {
        UUID id = insert("Old", oldOnly, "k".repeat(64), "s".repeat(64));
        String oldKey = jdbc.queryForObject("select api_key_enc from exchange_accounts where id = ?", String.class, id);
        String oldSecret = jdbc.queryForObject("select api_secret_enc from exchange_accounts where id = ?", String.class, id);
        String userKey = fernet.encrypt("u".repeat(64));
        String userSecret = fernet.encrypt("v".repeat(64));
        jdbc.update("update exchange_accounts set api_key_enc = ?, api_secret_enc = ? where id = ?", userKey, userSecret, id);

        assertThat(accounts.replaceTokens(id, oldKey, oldSecret, fernet.rotate(oldKey), fernet.rotate(oldSecret))).isZero();

        assertThat(tokens().get(id)).containsExactly(userKey, userSecret);
    }

    private UUID insert(String name, Fernet under, String key, String secret) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into exchange_accounts (id, user_id, name, kind, api_key_enc, api_secret_enc, api_key_hint)
                values (?, ?, ?, 'binance', ?, ?, ?)""", id, user, name, under.encrypt(key), under.encrypt(secret),
                key.substring(key.length() - 4));
        return id;
    }

    private UUID idOf(String name) {
        return jdbc.queryForObject("select id from exchange_accounts where name = ?", UUID.class, name);
    }

    private Map<UUID, List<String>> tokens() {
        Map<UUID, List<String>> tokens = new java.util.HashMap<>();
        jdbc.query("select id, api_key_enc, api_secret_enc from exchange_accounts where api_key_enc is not null",
                rs -> {
                    tokens.put(rs.getObject(1, UUID.class), List.of(rs.getString(2), rs.getString(3)));
                });
        return tokens;
    }

    private static Message<byte[]> tick() {
        return MessageBuilder.withPayload("{\"job\":\"reencryptSecrets\",\"scheduledTime\":\"2026-11-28T10:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8)).build();
    }
}
