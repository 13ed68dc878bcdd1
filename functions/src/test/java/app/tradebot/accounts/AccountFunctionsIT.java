package app.tradebot.accounts;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.platform.http.NotFound;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static app.tradebot.platform.http.JsonDecimals.decimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class AccountFunctionsIT extends FakeExchangesSupport {

    @Autowired
    AccountExchanges accountExchanges;

    @Test
    void aPaperAccountIsCreatedWithItsLedgerAndNoKeys() {
        APIGatewayV2HTTPResponse response = createAs(alice,
                "{\"name\":\"  Paper one \",\"kind\":\"paper\",\"balances\":{\"USDT\":\"10000.00\",\"BTC\":0.5}}");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode account = body(response);
        assertThat(account.propertyNames()).containsExactly("id", "name", "kind", "apiKeyHint", "dailyLossLimitQuote", "createdAt");
        assertThat(account.get("dailyLossLimitQuote").isNull()).isTrue();
        UUID id = UUID.fromString(account.get("id").asString());
        assertThat(account.get("name").asString()).isEqualTo("Paper one");
        assertThat(account.get("kind").asString()).isEqualTo("paper");
        assertThat(account.get("apiKeyHint").isNull()).isTrue();
        Instant createdAt = Instant.parse(account.get("createdAt").asString());
        assertThat(exchanges.paperLedgers).containsOnlyKeys(id);
        assertThat(exchanges.paperLedgers.get(id)).containsExactlyInAnyOrderEntriesOf(
                Map.of("USDT", new BigDecimal("10000"), "BTC", new BigDecimal("0.5")));
        Map<String, Object> row = jdbc.queryForMap("select * from exchange_accounts where id = ?", id);
        assertThat(row).containsEntry("user_id", alice).containsEntry("name", "Paper one").containsEntry("kind", "paper")
                .containsEntry("api_key_enc", null).containsEntry("api_secret_enc", null).containsEntry("api_key_hint", null);
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(createdAt);
    }

    @Test
    void aPaperAccountWithoutBalancesStartsWithTenThousandUsdt() {
        UUID id = created(alice, "{\"name\":\"Default\",\"kind\":\"paper\"}");

        assertThat(exchanges.paperLedgers.get(id)).containsExactly(Map.entry("USDT", new BigDecimal("10000")));
    }

    @Test
    void aBinanceAccountStoresItsKeysEncryptedAndShowsOnlyTheHint() {
        APIGatewayV2HTTPResponse response = createAs(alice, binanceBody("Main", API_KEY, API_SECRET));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode account = body(response);
        assertThat(account.get("kind").asString()).isEqualTo("binance");
        assertThat(account.get("apiKeyHint").asString()).isEqualTo("Eh8A");
        assertThat(response.getBody()).doesNotContain(API_SECRET, API_KEY);
        Map<String, Object> row = jdbc.queryForMap("select * from exchange_accounts where id = ?::uuid", account.get("id").asString());
        assertThat(row.get("api_key_hint")).isEqualTo("Eh8A");
        assertThat(fernet.decrypt((String) row.get("api_key_enc"))).isEqualTo(API_KEY);
        assertThat(fernet.decrypt((String) row.get("api_secret_enc"))).isEqualTo(API_SECRET);
        assertThat(everyStoredValue()).doesNotContain(API_SECRET, API_KEY);
        assertThat(exchanges.paperLedgers).isEmpty();

        UUID testnet = created(alice, "{\"name\":\"Testnet\",\"kind\":\"binance-testnet\",\"apiKey\":\"" + API_KEY.substring(0, 32)
                + "\",\"apiSecret\":\"" + API_SECRET.substring(0, 32) + "\"}");
        assertThat(body(getAs(alice, testnet)).get("kind").asString()).isEqualTo("binance-testnet");
    }

    @Test
    void listShowsTheCallersAccountsOldestFirstAndNobodyElses() {
        UUID first = paper(alice, "First");
        UUID second = binance(alice, "Second");
        UUID bobs = paper(bob, "First");

        JsonNode listed = body(listAs(alice));

        assertThat(listed.propertyNames()).containsExactly("accounts");
        assertThat(listed.get("accounts").valueStream().map(a -> a.get("id").asString()))
                .containsExactly(first.toString(), second.toString());
        assertThat(body(listAs(bob)).get("accounts").valueStream().map(a -> a.get("id").asString())).containsExactly(bobs.toString());
        assertThat(body(listAs(user("carol@example.com"))).get("accounts").isEmpty()).isTrue();
        assertThat(listAs(alice).getBody()).doesNotContain(API_SECRET, API_KEY);
    }

    @Test
    void getShowsWhatCreateAnswered() {
        APIGatewayV2HTTPResponse created = createAs(alice, binanceBody("Main", API_KEY, API_SECRET));
        UUID id = UUID.fromString(body(created).get("id").asString());

        APIGatewayV2HTTPResponse shown = getAs(alice, id);

        assertThat(shown.getStatusCode()).isEqualTo(200);
        assertThat(body(shown)).isEqualTo(body(created));
    }

    @Test
    void patchRenamesAndRotatesKeys() {
        UUID id = binance(alice, "Main");
        Instant before = updatedAt(id);
        String newKey = "K".repeat(60) + "wxyz";
        String newSecret = "S".repeat(64);

        APIGatewayV2HTTPResponse renamed = patchAs(alice, id, "{\"name\":\" Renamed \"}");
        assertThat(renamed.getStatusCode()).as(renamed.getBody()).isEqualTo(200);
        assertThat(body(renamed).get("name").asString()).isEqualTo("Renamed");
        assertThat(body(renamed).get("apiKeyHint").asString()).isEqualTo("Eh8A");
        assertThat(updatedAt(id)).isAfter(before);

        APIGatewayV2HTTPResponse rotated = patchAs(alice, id, "{\"apiKey\":\"" + newKey + "\",\"apiSecret\":\"" + newSecret + "\"}");
        assertThat(rotated.getStatusCode()).as(rotated.getBody()).isEqualTo(200);
        assertThat(body(rotated).get("apiKeyHint").asString()).isEqualTo("wxyz");
        assertThat(body(rotated).get("name").asString()).isEqualTo("Renamed");
        assertThat(rotated.getBody()).doesNotContain(newSecret, newKey);
        Map<String, Object> row = jdbc.queryForMap("select * from exchange_accounts where id = ?", id);
        assertThat(fernet.decrypt((String) row.get("api_key_enc"))).isEqualTo(newKey);
        assertThat(fernet.decrypt((String) row.get("api_secret_enc"))).isEqualTo(newSecret);
        assertThat(everyStoredValue()).doesNotContain(newSecret, API_SECRET);

        UUID paper = paper(alice, "Paper");
        assertThat(body(patchAs(alice, paper, "{\"name\":\"Paper 2\"}")).get("name").asString()).isEqualTo("Paper 2");
        assertThat(body(patchAs(alice, paper, "{\"name\":\"Paper 2\"}")).get("name").asString())
                .as("renaming to its own name is no clash").isEqualTo("Paper 2");
    }

    @Test
    void patchSetsAndRemovesTheDailyLossLimitOfTheAccountsBots() {
        UUID paper = paper(alice, "Paper");

        JsonNode limited = body(patchAs(alice, paper, "{\"dailyLossLimitQuote\":\"250.50\"}"));

        assertThat(limited.get("dailyLossLimitQuote").asString()).isEqualTo("250.5");
        assertThat(limited.get("name").asString()).isEqualTo("Paper");
        assertThat(jdbc.queryForObject("select daily_loss_limit_quote from exchange_accounts where id = ?", BigDecimal.class,
                paper)).isEqualByComparingTo("250.5");
        assertThat(accountExchanges.dailyLossLimit(alice, paper)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("250.5"));
        assertThat(accountExchanges.dailyLossLimit(bob, paper)).as("another user's account has none for them").isEmpty();
        assertThat(body(getAs(alice, paper)).get("dailyLossLimitQuote").asString()).isEqualTo("250.5");
        assertThat(body(patchAs(alice, paper, "{\"name\":\"Renamed\"}")).get("dailyLossLimitQuote").asString())
                .as("a rename leaves it").isEqualTo("250.5");

        JsonNode removed = body(patchAs(alice, paper, "{\"dailyLossLimitQuote\":\"0\"}"));

        assertThat(removed.get("dailyLossLimitQuote").isNull()).isTrue();
        assertThat(accountExchanges.dailyLossLimit(alice, paper)).isEmpty();
        assertProblem(patchAs(bob, paper, "{\"dailyLossLimitQuote\":\"1\"}"), 404);
        assertThat(accountExchanges.dailyLossLimit(alice, paper)).isEmpty();
    }

    @Test
    void keysCannotChangeWhileBotsHaveOrdersOnTheAccountWhoseOutcomeIsNotSettled() {
        UUID id = binance(alice, "Trading");
        UUID order = UUID.randomUUID();
        jdbc.update("""
                insert into bot_orders (id, bot_id, user_id, account_id, symbol, candle_open_time, intent_index, client_order_id,
                    side, type, quantity, status, max_signal_age_ms, decided_at, updated_at)
                values (?, ?, ?, ?, 'BTCUSDT', now(), 0, ?, 'BUY', 'MARKET', 0.01, 'UNKNOWN', 60000, now(), now())
                """, order, UUID.randomUUID(), alice, id, "tb" + order.toString().replace("-", "").substring(0, 30));
        String before = (String) jdbc.queryForMap("select api_key_enc from exchange_accounts where id = ?", id).get("api_key_enc");

        APIGatewayV2HTTPResponse refused = patchAs(alice, id, "{\"apiKey\":\"" + "N".repeat(64) + "\",\"apiSecret\":\""
                + "T".repeat(64) + "\"}");

        assertThat(assertProblem(refused, 409).get("detail").asString()).contains("orders on it whose outcome is not settled");
        assertThat(jdbc.queryForMap("select api_key_enc from exchange_accounts where id = ?", id).get("api_key_enc"))
                .isEqualTo(before);
        // A rename is no key change.
        assertThat(patchAs(alice, id, "{\"name\":\"Still trading\"}").getStatusCode()).isEqualTo(200);

        jdbc.update("update bot_orders set status = 'FILLED' where id = ?", order);
        assertThat(patchAs(alice, id, "{\"apiKey\":\"" + "N".repeat(64) + "\",\"apiSecret\":\"" + "T".repeat(64) + "\"}")
                .getStatusCode()).isEqualTo(200);
    }

    @Test
    void deleteRemovesTheAccountOnce() {
        UUID id = binance(alice, "Main");
        UUID kept = paper(alice, "Paper");

        APIGatewayV2HTTPResponse deleted = deleteAs(alice, id);

        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(deleted.getBody()).isNull();
        assertThat(jdbc.queryForList("select id from exchange_accounts", UUID.class)).containsExactly(kept);
        assertProblem(getAs(alice, id), 404);
        assertProblem(deleteAs(alice, id), 404);
        // The name is free again.
        binance(alice, "Main");
    }

    @Test
    void anAccountGoesWithItsUser() {
        binance(alice, "Main");
        paper(bob, "Paper");

        jdbc.update("delete from users where id = ?", alice);

        assertThat(jdbc.queryForList("select user_id from exchange_accounts", UUID.class)).containsExactly(bob);
    }

    @Test
    void testReportsWorkingKeysThatCanTradeAndWarnsAboutWithdrawals(CapturedOutput output) {
        exchanges.keys.put(API_KEY + ":" + API_SECRET, new KeyPermissions(true, true, true));
        UUID id = binance(alice, "Main");

        APIGatewayV2HTTPResponse response = testAs(alice, id);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode result = body(response);
        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(result.get("canTrade").asBoolean()).isTrue();
        assertThat(result.get("canWithdraw").asBoolean()).isTrue();
        assertThat(result.get("warnings").valueStream().map(JsonNode::asString)).containsExactly(TestAccount.WITHDRAWALS);
        assertThat(result.get("error").isNull()).isTrue();
        assertThat(result.get("balances").get(0).get("asset").asString()).isEqualTo("USDT");
        assertThat(exchanges.credentialsSeen).containsExactly(new ApiCredentials(API_KEY, API_SECRET));
        assertThat(response.getBody()).doesNotContain(API_SECRET, API_KEY);
        assertThat(output.getAll()).doesNotContain(API_SECRET, API_KEY);
    }

    @Test
    void testWarnsAboutAKeyThatCannotTrade() {
        exchanges.keys.put(API_KEY + ":" + API_SECRET, new KeyPermissions(true, false, false));
        UUID id = binance(alice, "Main");

        JsonNode result = body(testAs(alice, id));

        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(result.get("canTrade").asBoolean()).isFalse();
        assertThat(result.get("canWithdraw").asBoolean()).isFalse();
        assertThat(result.get("warnings").valueStream().map(JsonNode::asString)).containsExactly(TestAccount.NO_TRADING);
    }

    @Test
    void testOfAPaperAccountShowsItsBalances() {
        UUID id = paper(alice, "Paper");

        JsonNode result = body(testAs(alice, id));

        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(result.get("canTrade").asBoolean()).isTrue();
        assertThat(result.get("canWithdraw").asBoolean()).isFalse();
        assertThat(result.get("warnings").isEmpty()).isTrue();
        assertThat(result.get("balances").get(0).get("asset").asString()).isEqualTo("USDT");
        assertThat(decimal(result.get("balances").get(0).get("free"))).isEqualByComparingTo("10000");
    }

    @Test
    void invalidKeysAreAReportedFailureAndThePlaintextIsNowhere(CapturedOutput output) {
        String wrongSecret = "WrongSecret" + "x".repeat(53);
        UUID id = created(alice, binanceBody("Wrong keys", API_KEY, wrongSecret));

        APIGatewayV2HTTPResponse response = testAs(alice, id);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode result = body(response);
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("canTrade").asBoolean()).isFalse();
        assertThat(result.get("error").get("code").asInt()).isEqualTo(-2015);
        assertThat(result.get("error").get("message").asString()).isEqualTo("Invalid API-key, IP, or permissions for action.");
        assertThat(exchanges.credentialsSeen).containsExactly(new ApiCredentials(API_KEY, wrongSecret));
        assertThat(response.getBody()).doesNotContain(wrongSecret, API_KEY);
        assertThat(everyStoredValue()).doesNotContain(wrongSecret, API_KEY);
        assertThat(output.getAll()).contains("failed its test").doesNotContain(wrongSecret, API_KEY);
    }

    @Test
    void anUnreachableExchangeIsReportedWithoutItsConnectionDetails(CapturedOutput output) {
        exchanges.binanceFailure = new ExchangeException(0, 0, "Binance at http://10.0.0.7:8443 cannot be reached: Connection refused");
        UUID id = binance(alice, "Main");

        APIGatewayV2HTTPResponse response = testAs(alice, id);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode result = body(response);
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("error").get("code").asInt()).isZero();
        assertThat(result.get("error").get("message").asString()).isEqualTo(TestAccount.UNREACHABLE);
        assertThat(output.getAll()).contains("Connection refused");
    }

    @Test
    void anExchangeMessageQuotingTheKeysIsScrubbed() {
        ApiCredentials credentials = new ApiCredentials(API_KEY, API_SECRET);

        assertThat(TestAccount.scrub("bad signature for " + API_SECRET + " of " + API_KEY, credentials))
                .isEqualTo("bad signature for *** of ***");
    }

    @Test
    void keysThatNoConfiguredFernetKeyDecryptAreReportedNotThrown() {
        UUID id = binance(alice, "Main");
        String foreign = app.tradebot.platform.crypto.Fernet.of(List.of(app.tradebot.platform.crypto.Fernet.generateKey())).encrypt("x");
        jdbc.update("update exchange_accounts set api_secret_enc = ? where id = ?", foreign, id);

        JsonNode result = body(testAs(alice, id));

        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("error").get("message").asString()).contains("cannot be decrypted", "enter them again");
        assertThat(exchanges.credentialsSeen).isEmpty();
    }

    @Test
    void aPaperLedgerThatCannotOpenLeavesNoAccount() {
        exchanges.openPaperFailure = new IllegalStateException("ledger down");

        APIGatewayV2HTTPResponse response = createAs(alice, "{\"name\":\"Paper\",\"kind\":\"paper\"}");

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(accounts()).isZero();
        exchanges.openPaperFailure = null;
        paper(alice, "Paper");
    }

    @Test
    void accountExchangesGivesTheOwnersExchangeWithTheDecryptedKeys() {
        exchanges.keys.put(API_KEY + ":" + API_SECRET, new KeyPermissions(true, true, false));
        UUID id = binance(alice, "Main");
        UUID paper = paper(alice, "Paper");

        assertThat(accountExchanges.forAccount(alice, id).permissions().canTrade()).isTrue();
        assertThat(exchanges.credentialsSeen).containsExactly(new ApiCredentials(API_KEY, API_SECRET));
        assertThat(accountExchanges.forAccount(alice, paper).account().balances()).extracting(b -> b.asset()).containsExactly("USDT");
        assertThatThrownBy(() -> accountExchanges.forAccount(bob, id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> accountExchanges.forAccount(alice, UUID.randomUUID())).isInstanceOf(NotFound.class);
    }

    @Test
    void theMarketDataBeingDownDoesNotStopAPaperAccount() {
        exchanges.marketDataDown = true;

        UUID id = created(alice, "{\"name\":\"Paper\",\"kind\":\"paper\",\"balances\":{\"ETH\":\"2\"}}");

        assertThat(exchanges.paperLedgers.get(id)).containsExactly(Map.entry("ETH", new BigDecimal("2")));
    }

    private Instant updatedAt(UUID id) {
        return jdbc.queryForObject("select updated_at from exchange_accounts where id = ?", Timestamp.class, id).toInstant();
    }
}
