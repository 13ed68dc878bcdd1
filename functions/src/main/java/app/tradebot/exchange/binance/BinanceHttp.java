package app.tradebot.exchange.binance;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.ExchangeException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to one Binance base URL: the rate-limit gate and the server clock every account on that URL
 * shares (Binance limits per IP), signing, retries of idempotent calls, and Binance's errors as
 * exceptions.
 */
final class BinanceHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI baseUrl;
    private final BinanceProperties properties;
    private final HttpClient http;
    private final WeightGate gate;
    private final ServerClock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Clock localClock;

    BinanceHttp(URI baseUrl, BinanceProperties properties, Clock localClock, Sleeper sleeper, RandomGenerator random) {
        this.baseUrl = baseUrl;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        this.gate = new WeightGate(properties.weightLimit(), properties.slowDownAt(), properties.maxWait(), localClock, sleeper);
        this.sleeper = sleeper;
        this.random = random;
        this.localClock = localClock;
        this.clock = ServerClock.sampled(localClock, () -> retried(() -> {
            Answer answer = exchange("GET", "/api/v3/time", "", "", null, 1);
            return new ServerClock.Sample(answer.sent(), Instant.ofEpochMilli(answer.json().path("serverTime").asLong()),
                    answer.received());
        }));
    }

    /** An answer and the local times its request went out and it came back. */
    private record Answer(JsonNode json, Instant sent, Instant received) {
    }

    URI baseUrl() {
        return baseUrl;
    }

    ServerClock clock() {
        return clock;
    }

    WeightGate gate() {
        return gate;
    }

    /** A public GET, retried with jitter after transient failures. */
    JsonNode get(String path, Map<String, String> params, int weight) {
        String query = encode(params);
        return retried(() -> once("GET", path, query, "", null, weight));
    }

    /**
     * A signed call: {@code timestamp} and {@code recvWindow} added, the HMAC of the exact parameter
     * string appended. GETs are retried after transient failures; POST and DELETE never are. A -1021
     * (timestamp outside the receive window) measures the clock offset again and tries once more: the
     * request was refused before it did anything.
     */
    JsonNode signed(String method, String path, Map<String, String> params, int weight, ApiCredentials credentials) {
        try {
            return signedOnce(method, path, params, weight, credentials);
        } catch (ExchangeException e) {
            if (e.code() != BinanceErrors.TIMESTAMP_OUTSIDE_RECV_WINDOW) {
                throw e;
            }
            clock.sync();
            return signedOnce(method, path, params, weight, credentials);
        }
    }

    private JsonNode signedOnce(String method, String path, Map<String, String> params, int weight, ApiCredentials credentials) {
        if ("GET".equals(method)) {
            return retried(() -> send(method, path, params, weight, credentials));
        }
        return send(method, path, params, weight, credentials);
    }

    private JsonNode send(String method, String path, Map<String, String> params, int weight, ApiCredentials credentials) {
        // The rate-limit wait comes first: a timestamp taken before it could be older than the receive window.
        gate.acquire(weight);
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("recvWindow", Long.toString(properties.recvWindow().toMillis()));
        all.put("timestamp", Long.toString(clock.now().toEpochMilli()));
        String payload = encode(all);
        String signed = payload + "&signature=" + Signer.sign(credentials.apiSecret(), payload);
        // POST sends its parameters as a form body, the others as the query string: both are what Binance signs.
        return "POST".equals(method)
                ? admitted(method, path, "", signed, credentials.apiKey()).json()
                : admitted(method, path, signed, "", credentials.apiKey()).json();
    }

    private <T> T retried(Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (ExchangeException e) {
                if (attempt >= properties.retries() || !BinanceErrors.isTransient(e) || gate.bannedUntil().isPresent()) {
                    throw e;
                }
                sleeper.sleep(backoff(attempt));
            }
        }
    }

    /** retryBackoff × 2^attempt, ±50 % at random so that many clients do not retry in step. */
    Duration backoff(int attempt) {
        long base = properties.retryBackoff().toMillis() << Math.min(attempt, 10);
        return Duration.ofMillis((long) (base * (0.5 + random.nextDouble())));
    }

    private JsonNode once(String method, String path, String query, String body, String apiKey, int weight) {
        return exchange(method, path, query, body, apiKey, weight).json();
    }

    private Answer exchange(String method, String path, String query, String body, String apiKey, int weight) {
        gate.acquire(weight);
        return admitted(method, path, query, body, apiKey);
    }

    /** A call the rate-limit gate has let through. */
    private Answer admitted(String method, String path, String query, String body, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(properties.requestTimeout())
                .header("Accept", "application/json");
        if (apiKey != null) {
            request.header("X-MBX-APIKEY", apiKey);
        }
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        Instant sent = localClock.instant();
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            // Nothing was sent.
            throw new ExchangeException(0, 0, "Binance at " + baseUrl + " cannot be reached: " + reason(e), e);
        } catch (HttpTimeoutException e) {
            throw new UnknownOutcome(0, 0, "Binance did not answer " + method + " " + path + " within "
                    + properties.requestTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new UnknownOutcome(0, 0, "Binance connection failed during " + method + " " + path + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownOutcome(0, 0, "interrupted during " + method + " " + path, e);
        }
        Instant received = localClock.instant();
        int status = response.statusCode();
        gate.observe(status, response.headers().firstValue("X-MBX-USED-WEIGHT-1M"),
                response.headers().firstValue("Retry-After"), response.body());
        JsonNode json = parse(response.body());
        if (status / 100 == 2) {
            if (json == null) {
                throw new UnknownOutcome(status, 0, "Binance answered " + method + " " + path + " with no JSON", null);
            }
            return new Answer(json, sent, received);
        }
        int code = json == null ? 0 : json.path("code").asInt(0);
        String msg = json == null ? null : json.path("msg").asString(null);
        throw BinanceErrors.of(status, code, msg);
    }

    /** The JDK's connection failures often carry no message (a refused connection among them): then their type. */
    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** name=value pairs joined with '&', values percent-encoded: the exact string that is signed and sent. */
    static String encode(Map<String, String> params) {
        StringJoiner joiner = new StringJoiner("&");
        params.forEach((name, value) -> joiner.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joiner.toString();
    }
}
