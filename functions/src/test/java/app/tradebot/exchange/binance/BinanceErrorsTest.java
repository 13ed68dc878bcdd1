package app.tradebot.exchange.binance;

import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.OrderRejected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BinanceErrorsTest {

    @Test
    void orderRefusalsAreRejectionsWithBinancesCodeAndMessage() {
        ExchangeException balance = BinanceErrors.of(400, -2010, "Account has insufficient balance for requested action.");
        ExchangeException filter = BinanceErrors.of(400, -1013, "Filter failure: LOT_SIZE");

        assertThat(balance).isInstanceOf(OrderRejected.class).hasMessage("Account has insufficient balance for requested action.");
        assertThat(balance.code()).isEqualTo(-2010);
        assertThat(balance.httpStatus()).isEqualTo(400);
        assertThat(filter).isInstanceOf(OrderRejected.class).hasMessage("Filter failure: LOT_SIZE");
        assertThat(filter.code()).isEqualTo(-1013);
    }

    @Test
    void otherErrorsKeepTheirCodeWithoutBeingRejections() {
        ExchangeException missing = BinanceErrors.of(400, -2013, "Order does not exist.");
        ExchangeException key = BinanceErrors.of(401, -2015, "Invalid API-key, IP, or permissions for action.");
        ExchangeException clock = BinanceErrors.of(400, -1021, "Timestamp for this request is outside of the recvWindow.");

        assertThat(missing).isNotInstanceOf(OrderRejected.class).hasMessage("Order does not exist.");
        assertThat(missing.code()).isEqualTo(-2013);
        assertThat(key.code()).isEqualTo(-2015);
        assertThat(key.httpStatus()).isEqualTo(401);
        assertThat(clock.code()).isEqualTo(-1021);
        assertThat(BinanceErrors.isTransient(missing)).isFalse();
        assertThat(BinanceErrors.isTransient(key)).isFalse();
    }

    @Test
    void serverErrorsAndUnknownExecutionAreUnknownOutcomes() {
        assertThat(BinanceErrors.of(503, 0, null)).isInstanceOf(UnknownOutcome.class).hasMessage("Binance answered HTTP 503");
        assertThat(BinanceErrors.of(408, -1007, "Timeout waiting for response from backend server.")).isInstanceOf(UnknownOutcome.class);
        assertThat(BinanceErrors.isTransient(BinanceErrors.of(502, 0, "bad gateway"))).isTrue();
        assertThat(BinanceErrors.isTransient(BinanceErrors.of(429, -1003, "Too many requests"))).isTrue();
        assertThat(BinanceErrors.isTransient(BinanceErrors.of(418, -1003, "banned"))).isFalse();
    }
}
