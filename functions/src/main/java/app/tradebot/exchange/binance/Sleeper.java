package app.tradebot.exchange.binance;

import java.time.Duration;

import app.tradebot.exchange.ExchangeException;

/** Waiting, replaceable in tests that drive a clock by hand. */
interface Sleeper {

    void sleep(Duration duration);

    Sleeper REAL = duration -> {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            // The nanoseconds too: a wait under a millisecond must not come back before it is over.
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException(0, 0, "interrupted while waiting to call Binance", e);
        }
    };
}
