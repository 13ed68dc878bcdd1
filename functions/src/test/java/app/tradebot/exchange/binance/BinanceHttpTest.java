package app.tradebot.exchange.binance;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Random;

import app.tradebot.exchange.ExchangeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BinanceHttpTest {

    @Test
    void aRefusedConnectionSaysSoInsteadOfNull() {
        // A closed loopback port: the JDK's ConnectException carries no message of its own.
        URI closed = URI.create("http://127.0.0.1:9");
        BinanceHttp http = new BinanceHttp(closed, BinanceProperties.defaults(closed), Clock.systemUTC(), duration -> { },
                new Random(1));

        ExchangeException e = catchThrowableOfType(ExchangeException.class, () -> http.get("/api/v3/time", Map.of(), 1));

        assertThat(e.httpStatus()).isZero();
        assertThat(e.code()).isZero();
        assertThat(e.getMessage()).startsWith("Binance at http://127.0.0.1:9 cannot be reached: ")
                .doesNotEndWith("null")
                .contains("ConnectException");
    }
}
