package app.tradebot.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.market.CandleHistory;
import app.tradebot.market.CandleSeries;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.strategy.StrategyCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BacktestRulesTest {

    static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2021-01-01T00:00:00Z");

    static BacktestRequest request(String interval, String strategy, Map<String, Object> params, Instant from, Instant to,
            Sizing sizing) {
        return new BacktestRequest(" btcusd ", interval, strategy, params, from, to, new BigDecimal("10000"),
                new BigDecimal("10"), null, new BigDecimal("5"), sizing);
    }

    static final UUID USER = UUID.randomUUID();

    static BacktestRequest good() {
        return request("4h", "sma-cross", Map.of("fast", 10, "slow", 30), FROM, TO,
                new Sizing(Sizing.Type.percent, BigDecimal.valueOf(100)));
    }

    static BacktestRules rules(long candles) {
        return new BacktestRules(StrategyCatalog.builtIn(), new CandleHistory() {
            @Override
            public long count(UUID userId, String symbol, Interval interval, Instant from, Instant to) {
                return userId.equals(USER) && symbol.equals("BTCUSD") && interval == Interval.H4 ? candles : 0;
            }

            @Override
            public CandleSeries load(UUID userId, String symbol, Interval interval, Instant from, Instant to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SymbolRules rules(UUID userId, String symbol) {
                throw new UnsupportedOperationException();
            }
        });
    }

    @Test
    void aGoodRequestComesBackNormalisedWithTheStrategysDefaults() {
        BacktestRequest checked = rules(2190).check(USER, good());

        assertThat(checked.symbol()).isEqualTo("BTCUSD");
        assertThat(checked.params()).containsEntry("fast", 10).containsEntry("slow", 30);
        assertThat(checked.engineSettings()).isEqualTo(new EngineSettings(10000, 10, 10, 5, true, 100));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        BacktestRequest bad = request("4x", "sma-cross", Map.of("fast", 40, "slow", 30, "length", 3), TO, FROM,
                new Sizing(Sizing.Type.percent, BigDecimal.valueOf(150)));

        Invalid invalid = catchThrowableOfType(Invalid.class, () -> rules(100).check(USER, bad));

        assertThat(invalid.errors()).extracting(FieldError::field)
                .contains("interval", "to", "sizing.value", "params.length");
        assertThat(invalid.errors()).filteredOn(e -> e.field().equals("interval")).first()
                .extracting(FieldError::message).asString().contains("1m", "4h", "1M");
    }

    @Test
    void anUnknownStrategyIsNamed() {
        BacktestRequest bad = request("4h", "moon-shot", Map.of(), FROM, TO, new Sizing(Sizing.Type.fixed, BigDecimal.TEN));

        Invalid invalid = catchThrowableOfType(Invalid.class, () -> rules(100).check(USER, bad));

        assertThat(invalid.errors()).extracting(FieldError::field).containsExactly("strategy");
        assertThat(invalid.errors().get(0).message()).contains("moon-shot", "sma-cross");
    }

    @Test
    void aRangeWithoutCandlesOrWithTooManyIsRefused() {
        Invalid none = catchThrowableOfType(Invalid.class, () -> rules(0).check(USER, good()));
        Invalid unknownSymbol = catchThrowableOfType(Invalid.class, () -> rules(100).check(USER, 
                new BacktestRequest("DOGEBTC", "4h", "sma-cross", Map.of(), FROM, TO, BigDecimal.TEN, BigDecimal.ONE, null,
                        BigDecimal.ZERO, new Sizing(Sizing.Type.fixed, BigDecimal.TEN))));
        Invalid tooMany = catchThrowableOfType(Invalid.class, () -> rules(10_000_001).check(USER, good()));

        assertThat(none.getMessage()).isEqualTo("No BTCUSD 4h candles are stored from " + FROM + " to " + TO + ".");
        assertThat(unknownSymbol.getMessage()).startsWith("No DOGEBTC 4h candles are stored");
        assertThat(tooMany.getMessage()).contains("10000001 candles", "at most 10000000");
        assertThat(rules(10_000_000).check(USER, good()).symbol()).isEqualTo("BTCUSD");
    }
}
