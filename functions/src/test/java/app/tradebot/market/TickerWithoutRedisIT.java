package app.tradebot.market;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.annotation.DirtiesContext;

import static app.tradebot.platform.http.JsonDecimals.decimal;
import static org.assertj.core.api.Assertions.assertThat;

/** Redis is down (nothing listens on its port): tickers come from the exchange, then from the candles. */
@SpringBootTest(classes = TradeBotFunctions.class, properties = { "tradebot.environment=production",
        "tradebot.auth.secret-key=it-secret-key-for-tradebot-market-tests-0123456789-abcdefghijklmnopq",
        "spring.data.redis.url=redis://127.0.0.1:1/0", "spring.data.redis.timeout=500ms",
        "spring.data.redis.connect-timeout=500ms" })
@Import(FakeExchanges.class)
@DirtiesContext
class TickerWithoutRedisIT {

    static {
        TestServices.install();
    }

    @Autowired @Qualifier("getTicker") ApiFunction getTicker;
    @Autowired @Qualifier("importCandles") ApiFunction importCandles;
    @Autowired @Qualifier("refreshTickers") Consumer<Message<byte[]>> refreshTickers;
    @Autowired JdbcTemplate jdbc;
    @Autowired FakeMarketData market;

    private final JsonMapper json = JsonMapper.builder().build();
    private final UUID user = UUID.randomUUID();

    @BeforeEach
    void cleanUp() {
        jdbc.execute("truncate table candles, candle_gaps_checked, candle_watches, symbols, users cascade");
        // the caller exists: what they import is stored as theirs
        jdbc.update("insert into users (id, email, password_hash) values (?, 'ticker@example.com', 'not a hash')", user);
        market.reset();
    }

    private JsonNode ticker(String symbol) {
        APIGatewayV2HTTPResponse response = getTicker.apply(ApiEvents.get("/api/market/ticker/" + symbol)
                .pathParameter("symbol", symbol).authorizedAs(user).event());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    @Test
    void theExchangeAnswersAndThenTheLatestStoredClose() {
        jdbc.update("insert into symbols (symbol, status, source) values ('ETHUSDT', 'TRADING', 'exchange')");
        market.prices.put("ETHUSDT", new BigDecimal("2000.1"));

        JsonNode fromExchange = ticker("ETHUSDT");
        assertThat(fromExchange.get("source").asString()).isEqualTo("exchange");
        assertThat(decimal(fromExchange.get("price"))).isEqualByComparingTo("2000.1");

        APIGatewayV2HTTPResponse imported = importCandles.apply(ApiEvents.post("/api/market/candles/import?symbol=ETHUSDT&interval=5m",
                "open_time,open,high,low,close,volume\n1678730400000,1673.58,1677.62,1672.44,1672.99,65.3033\n")
                .header("Content-Type", "text/csv").authorizedAs(user).event());
        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(200);
        market.down = true;

        JsonNode fromCandles = ticker("ETHUSDT");
        assertThat(fromCandles.get("source").asString()).isEqualTo("candles");
        assertThat(decimal(fromCandles.get("price"))).isEqualByComparingTo("1672.99");
        assertThat(fromCandles.get("at").asString()).isEqualTo(Instant.ofEpochMilli(1678730700000L).toString());
    }

    @Test
    void refreshTickersWithoutRedisFailsNothing() {
        refreshTickers.accept(MessageBuilder.withPayload("{\"job\":\"refreshTickers\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8)).build());
    }
}
