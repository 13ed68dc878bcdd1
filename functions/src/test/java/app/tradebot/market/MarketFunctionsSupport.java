package app.tradebot.market;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market functions in a Spring context against the real Postgres and Redis, called with the
 * events the gateway would build, the exchange being {@link FakeMarketData}. Market tables, users
 * and cached tickers are emptied before each test.
 */
@SpringBootTest(classes = TradeBotFunctions.class, properties = { "tradebot.environment=production",
        "tradebot.auth.secret-key=it-secret-key-for-tradebot-market-tests-0123456789-abcdefghijklmnopq" })
@Import(FakeExchanges.class)
abstract class MarketFunctionsSupport {

    static {
        TestServices.install();
    }

    static final String REAL_4H_CSV;

    static {
        try {
            REAL_4H_CSV = Files.readString(CandleCsvTest.REAL_4H);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final JsonMapper json = JsonMapper.builder().build();

    @Autowired @Qualifier("listSymbols") ApiFunction listSymbols;
    @Autowired @Qualifier("getCandles") ApiFunction getCandles;
    @Autowired @Qualifier("importCandles") ApiFunction importCandles;
    @Autowired @Qualifier("getTicker") ApiFunction getTicker;
    @Autowired @Qualifier("watchCandles") ApiFunction watchCandles;
    @Autowired @Qualifier("listWatches") ApiFunction listWatches;
    @Autowired @Qualifier("unwatchCandles") ApiFunction unwatchCandles;

    @Autowired JdbcTemplate jdbc;
    @Autowired StringRedisTemplate redis;
    @Autowired FakeMarketData market;

    UUID alice;
    UUID bob;

    @BeforeEach
    void cleanUp() {
        jdbc.execute("truncate table candles, candle_gaps_checked, candle_watches, candle_uploads, symbols, users cascade");
        Set<String> keys = redis.keys("market:ticker*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        market.reset();
        alice = user("alice@example.com");
        bob = user("bob@example.com");
    }

    UUID user(String email) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'x')", id, email);
        return id;
    }

    APIGatewayV2HTTPResponse get(ApiFunction function, String path, UUID user) {
        return function.apply(ApiEvents.get(path).authorizedAs(user).event());
    }

    APIGatewayV2HTTPResponse importCsv(String query, String csv, UUID user) {
        return importCandles.apply(ApiEvents.post("/api/market/candles/import" + query, csv)
                .header("Content-Type", "text/csv").authorizedAs(user).event());
    }

    JsonNode ok(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        return response.getBody() == null ? null : json.readTree(response.getBody());
    }

    JsonNode assertProblem(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.getBody()).doesNotContain("Exception", "\tat ", "org.", "app.tradebot");
        return problem;
    }

    static List<String> errors(JsonNode problem) {
        List<String> errors = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> errors.add(e.get("field").asString() + ": " + e.get("message").asString()));
        }
        return errors;
    }

    /** The exchange's candles stored. */
    long candles(String symbol, String interval) {
        return jdbc.queryForObject("select count(*) from candles where symbol = ? and interval = ?", Long.class, symbol, interval);
    }

    /** The candles a user imported. */
    long imported(UUID user, String symbol, String interval) {
        return jdbc.queryForObject("select count(*) from imported_candles where user_id = ? and symbol = ? and interval = ?",
                Long.class, user, symbol, interval);
    }
}
