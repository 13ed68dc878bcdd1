package app.tradebot.backtest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TestServices;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.strategy.RealCandles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/** What the backtest ITs share: users, the real candles in the candles table, calls and waiting. */
final class BacktestSupport {

    static final String SYMBOL = "BTCUSD";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private BacktestSupport() {
    }

    static UUID user(JdbcTemplate jdbc) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'x')", id, "bt-" + id + "@example.com");
        return id;
    }

    /** The 20,695 real 4h BTC candles as symbol BTCUSD, once per database. */
    static void storeRealCandles(JdbcTemplate jdbc) {
        Integer stored = jdbc.queryForObject("select count(*) from candles where symbol = ? and interval = '4h'",
                Integer.class, SYMBOL);
        if (stored != null && stored == BtcCandles.SIZE) {
            return;
        }
        try (Connection connection = TestServices.jdbc()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into candles (symbol, interval, open_time, open, high, low, close, volume)
                    values (?, '4h', ?, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::numeric)
                    on conflict do nothing""")) {
                RealCandles candles = RealCandles.btcUsd4h();
                for (int i = 0; i < candles.size(); i++) {
                    insert.setString(1, SYMBOL);
                    insert.setTimestamp(2, new Timestamp(candles.openTimes()[i]));
                    for (int k = 1; k <= 5; k++) {
                        insert.setString(k + 2, candles.text(i, k));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static APIGatewayV2HTTPResponse call(ApiFunction function, ApiEvents event, UUID user) {
        return function.apply(event.authorizedAs(user).event());
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        return JSON.readTree(response.getBody());
    }

    static <T> T await(Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Nothing after " + PATIENCE);
    }
}
