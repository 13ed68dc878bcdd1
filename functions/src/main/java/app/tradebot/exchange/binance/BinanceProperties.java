package app.tradebot.exchange.binance;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tradebot.exchange.binance.*}: where Binance is and how patiently it is called. The base URLs
 * are the production REST API and the spot test network; tests point both at a fake.
 *
 * @param weightLimit       request weight per minute of one IP (Binance's REQUEST_WEIGHT limit)
 * @param slowDownAt        share of {@code weightLimit} from which calls are spread over the rest of the minute
 * @param maxWait           the longest a call waits for the rate limit; longer, it fails at once
 * @param retries           further attempts of an idempotent (GET) call after a transient failure
 * @param retryBackoff      base delay before a retry, doubled per attempt, with ±50 % jitter
 * @param symbolsCacheTtl   how long exchangeInfo's symbols and filters are reused
 * @param breakerFailureRate      failure percentage that opens an account's circuit breaker
 * @param breakerMinimumCalls     calls an account's breaker needs before it judges
 * @param breakerOpenFor          how long an open breaker refuses calls before trying again
 */
@ConfigurationProperties("tradebot.exchange.binance")
record BinanceProperties(
        @DefaultValue("https://api.binance.com") URI baseUrl,
        @DefaultValue("https://testnet.binance.vision") URI testnetBaseUrl,
        @DefaultValue("5s") Duration recvWindow,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("6000") int weightLimit,
        @DefaultValue("0.8") double slowDownAt,
        @DefaultValue("10s") Duration maxWait,
        @DefaultValue("2") int retries,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("10m") Duration symbolsCacheTtl,
        @DefaultValue("50") float breakerFailureRate,
        @DefaultValue("5") int breakerMinimumCalls,
        @DefaultValue("30s") Duration breakerOpenFor) {

    BinanceProperties {
        if (recvWindow.toMillis() <= 0 || recvWindow.toMillis() > 60_000) {
            throw new IllegalArgumentException("tradebot.exchange.binance.recv-window must be within (0, 60s], not " + recvWindow);
        }
        if (slowDownAt <= 0 || slowDownAt > 1) {
            throw new IllegalArgumentException("tradebot.exchange.binance.slow-down-at must be within (0, 1], not " + slowDownAt);
        }
        if (weightLimit <= 0 || retries < 0) {
            throw new IllegalArgumentException("tradebot.exchange.binance.weight-limit must be positive and retries not negative");
        }
    }

    /** The defaults, for code that runs without Spring (tests). */
    static BinanceProperties defaults(URI baseUrl) {
        return new BinanceProperties(baseUrl, baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                6000, 0.8, Duration.ofSeconds(10), 2, Duration.ofMillis(200), Duration.ofMinutes(10), 50, 5,
                Duration.ofSeconds(30));
    }
}
