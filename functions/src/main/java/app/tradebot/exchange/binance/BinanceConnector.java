package app.tradebot.exchange.binance;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.Venue;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Binance production and spot test network behind the {@link Exchange} port. One HTTP client, rate
 * gate and server clock per base URL (Binance limits per IP, not per key); one circuit breaker per
 * account.
 */
public final class BinanceConnector {

    private final BinanceProperties properties;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Map<URI, BinanceMarketData> markets = new ConcurrentHashMap<>();
    private final CircuitBreakerRegistry breakers;
    private final Map<String, CompletableFuture<Order>> placing = new ConcurrentHashMap<>();
    /** The longest one placement can take: its reads with their retries, the send, the look-up after it, and rate-limit waits. */
    private final Duration placingWait;

    BinanceConnector(BinanceProperties properties, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.properties = properties;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.placingWait = properties.requestTimeout().plus(properties.retryBackoff().multipliedBy(8))
                .multipliedBy(3L * (properties.retries() + 1) + 1).plus(properties.maxWait().multipliedBy(4));
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.breakerFailureRate())
                .minimumNumberOfCalls(properties.breakerMinimumCalls())
                .slidingWindowSize(Math.max(10, properties.breakerMinimumCalls()))
                .waitDurationInOpenState(properties.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                // Only failures of Binance or the way there count; a refused order says nothing about health.
                .recordException(e -> e instanceof ExchangeException x && BinanceErrors.isTransient(x) && x.httpStatus() != 429)
                .build());
    }

    /** Public market data of Binance production or the spot test network. */
    public MarketData marketData(Venue venue) {
        return market(venue);
    }

    /** A Binance account; {@code accountId} keys its circuit breaker. */
    public Exchange exchange(Venue venue, UUID accountId, ApiCredentials credentials) {
        return new BinanceExchange(venue, market(venue), credentials, breaker(accountId), placing, placingWait);
    }

    CircuitBreaker breaker(UUID accountId) {
        return breakers.circuitBreaker("binance-" + accountId);
    }

    private BinanceMarketData market(Venue venue) {
        URI baseUrl = switch (venue) {
            case BINANCE -> properties.baseUrl();
            case BINANCE_TESTNET -> properties.testnetBaseUrl();
            case PAPER -> throw new IllegalArgumentException("paper accounts have no Binance connection of their own");
        };
        return markets.computeIfAbsent(baseUrl, url -> new BinanceMarketData(new BinanceHttp(url, properties, clock, sleeper,
                random), properties.symbolsCacheTtl(), clock));
    }
}
