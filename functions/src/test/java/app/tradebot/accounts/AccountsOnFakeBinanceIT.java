package app.tradebot.accounts;

import java.math.BigDecimal;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.KeyPermissions;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static app.tradebot.platform.http.JsonDecimals.decimal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts functions over the real exchange implementation (Binance connector, paper ledger in
 * Postgres), with Binance played by {@link FakeBinance} on loopback.
 */
@ExtendWith(OutputCaptureExtension.class)
// Debug logging on, so a secret in any log line of ours or of the SQL layer would be caught.
@TestPropertySource(properties = { "logging.level.app.tradebot=DEBUG", "logging.level.org.jdbi=DEBUG" })
class AccountsOnFakeBinanceIT extends AccountsFunctionsSupport {

    static final FakeBinance BINANCE = FakeBinance.start();

    @DynamicPropertySource
    static void binance(DynamicPropertyRegistry registry) {
        BINANCE.registerBaseUrls(registry);
    }

    @AfterAll
    static void stopBinance() {
        BINANCE.close();
    }

    @BeforeEach
    void emptyTheLedger() {
        jdbc.execute("truncate table paper_accounts cascade");
        BINANCE.clearRequests();
    }

    @Test
    void aPaperAccountOpensItsLedgerAndItsTestShowsTheStartingBalances() {
        UUID id = created(alice, "{\"name\":\"Paper\",\"kind\":\"paper\",\"balances\":{\"USDT\":\"2500.50\",\"BTC\":\"0.1\"}}");

        assertThat(jdbc.queryForList("select asset from paper_ledger where account_id = ? order by asset", String.class, id))
                .containsExactly("BTC", "USDT");
        JsonNode result = body(testAs(alice, id));
        assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("canWithdraw").asBoolean()).isFalse();
        assertThat(result.get("balances").valueStream().map(b -> b.get("asset").asString() + "=" + decimal(b.get("free")).toPlainString()))
                .containsExactlyInAnyOrder("BTC=0.1", "USDT=2500.5");
    }

    @Test
    void deletingAPaperAccountDeletesItsLedgerAndOnlyItsOwn() {
        UUID gone = created(alice, "{\"name\":\"Paper\",\"kind\":\"paper\",\"balances\":{\"USDT\":\"100\"}}");
        UUID kept = created(alice, "{\"name\":\"Paper 2\",\"kind\":\"paper\",\"balances\":{\"USDT\":\"200\"}}");

        assertThat(deleteAs(bob, gone).getStatusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from paper_ledger where account_id = ?", Integer.class, gone)).isEqualTo(1);
        assertThat(deleteAs(alice, gone).getStatusCode()).isEqualTo(204);

        assertThat(jdbc.queryForList("select account_id from paper_accounts", UUID.class)).containsExactly(kept);
        assertThat(jdbc.queryForList("select distinct account_id from paper_ledger", UUID.class)).containsExactly(kept);
    }

    @Test
    void anAssetBinanceDoesNotListIsRefused() {
        JsonNode problem = assertProblem(createAs(alice, "{\"name\":\"Paper\",\"kind\":\"paper\",\"balances\":{\"DOGE\":\"1\"}}"), 400);

        assertThat(errors(problem)).containsExactly(java.util.Map.entry("balances.DOGE", "is not an asset the exchange lists"));
        assertThat(accounts()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from paper_accounts", Integer.class)).isZero();
    }

    @Test
    void workingKeysThatMayWithdrawAreOkWithAWarning(CapturedOutput output) {
        BINANCE.addKey(API_KEY, API_SECRET, new KeyPermissions(true, true, true));
        BINANCE.setBalance(API_KEY, "USDT", new BigDecimal("321.5"));
        UUID id = binance(alice, "Main");

        APIGatewayV2HTTPResponse response = testAs(alice, id);

        JsonNode result = body(response);
        assertThat(result.get("ok").asBoolean()).as(response.getBody()).isTrue();
        assertThat(result.get("canTrade").asBoolean()).isTrue();
        assertThat(result.get("canWithdraw").asBoolean()).isTrue();
        assertThat(result.get("warnings").valueStream().map(JsonNode::asString)).containsExactly(TestAccount.WITHDRAWALS);
        assertThat(decimal(result.get("balances").get(0).get("free"))).isEqualByComparingTo("321.5");
        assertThat(BINANCE.requests("GET", "/api/v3/account")).isNotEmpty();
        assertThat(response.getBody()).doesNotContain(API_SECRET, API_KEY);
        assertThat(output.getAll()).doesNotContain(API_SECRET, API_KEY);
    }

    @Test
    void aTestnetKeyThatCannotTradeGetsTheWarning() {
        BINANCE.addKey(API_KEY, API_SECRET, new KeyPermissions(true, false, false));
        UUID id = created(alice, "{\"name\":\"Testnet\",\"kind\":\"binance-testnet\",\"apiKey\":\"" + API_KEY + "\",\"apiSecret\":\""
                + API_SECRET + "\"}");

        JsonNode result = body(testAs(alice, id));

        assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("canTrade").asBoolean()).isFalse();
        assertThat(result.get("warnings").valueStream().map(JsonNode::asString)).containsExactly(TestAccount.NO_TRADING);
    }

    @Test
    void keysBinanceRefusesAreAReportedFailureAndTheSecretIsNowhere(CapturedOutput output) {
        String wrongSecret = "Wr0ngSecret" + "q".repeat(53);
        BINANCE.addKey(API_KEY, API_SECRET, new KeyPermissions(true, true, false));
        UUID unknownKey = created(alice, binanceBody("Unknown key", "Unkn0wnKey" + "z".repeat(54), wrongSecret));
        UUID wrongSecretId = created(alice, binanceBody("Wrong secret", API_KEY, wrongSecret));

        APIGatewayV2HTTPResponse unknown = testAs(alice, unknownKey);
        APIGatewayV2HTTPResponse badSignature = testAs(alice, wrongSecretId);

        assertThat(unknown.getStatusCode()).isEqualTo(200);
        JsonNode first = body(unknown);
        assertThat(first.get("ok").asBoolean()).isFalse();
        assertThat(first.get("error").get("code").asInt()).isEqualTo(-2015);
        assertThat(first.get("error").get("message").asString()).isEqualTo("Invalid API-key, IP, or permissions for action.");
        JsonNode second = body(badSignature);
        assertThat(second.get("ok").asBoolean()).isFalse();
        assertThat(second.get("error").get("code").asInt()).isEqualTo(-1022);
        assertThat(unknown.getBody() + badSignature.getBody()).doesNotContain(wrongSecret, API_SECRET, API_KEY);
        assertThat(everyStoredValue()).doesNotContain(wrongSecret, API_KEY);
        assertThat(output.getAll()).doesNotContain(wrongSecret, API_SECRET);
        // Whatever Binance was sent, the secret was never among it: it only signs.
        assertThat(BINANCE.requests().toString()).doesNotContain(wrongSecret);
    }
}
