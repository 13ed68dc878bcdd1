package app.tradebot.exchange;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake holds Binance's rules, checked with a bare HTTP client so the fake is not tested by the code it tests. */
class FakeBinanceTest {

    // Binance's documented HMAC example key pair.
    static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco5D6X";
    static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    private final FakeBinance binance = FakeBinance.start()
            .addKey(KEY, SECRET, new KeyPermissions(true, true, false));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        binance.close();
    }

    @Test
    void signsLikeTheDocumentedExample() {
        assertThat(FakeBinance.sign(SECRET,
                "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"))
                .isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    }

    @Test
    void acceptsTheDocumentedExampleAsABodyAtItsTimestamp() throws Exception {
        binance.fixClock(Instant.ofEpochMilli(1499827319559L + 100));
        binance.setBalance(KEY, "BTC", new BigDecimal("1"));
        String body = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
                + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
        HttpResponse<String> response = send("POST", "/api/v3/order", "", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"NEW\"", "\"origQty\":\"1.00000000\"");
        assertThat(binance.locked(KEY, "BTC")).isEqualByComparingTo("0.1");
    }

    @Test
    void signsTheQueryStringFollowedByTheBody() throws Exception {
        binance.fixClock(Instant.ofEpochMilli(1499827319559L));
        binance.setBalance(KEY, "BTC", new BigDecimal("1"));
        String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC";
        String body = "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        // Binance's documented mixed example: the signature of the two concatenated without a separator.
        String signature = FakeBinance.sign(SECRET, query + body);
        assertThat(signature).isEqualTo("0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");

        assertThat(send("POST", "/api/v3/order", query + "&signature=" + signature, body).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesABadSignatureAnUnknownKeyAndAStaleTimestamp() throws Exception {
        String query = "timestamp=" + binance.now().toEpochMilli();
        assertThat(send("GET", "/api/v3/account", query + "&signature=" + FakeBinance.sign("wrong", query), "").body())
                .contains("-1022");
        HttpResponse<String> unknownKey = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(binance.baseUrl() + "/api/v3/account?" + query + "&signature=" + FakeBinance.sign(SECRET, query)))
                .header("X-MBX-APIKEY", "someoneElse").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknownKey.statusCode()).isEqualTo(401);
        assertThat(unknownKey.body()).contains("-2015");

        String stale = "timestamp=" + (binance.now().toEpochMilli() - 6000);
        HttpResponse<String> late = send("GET", "/api/v3/account", stale + "&signature=" + FakeBinance.sign(SECRET, stale), "");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("-1021", "outside of the recvWindow");
    }

    @Test
    void refusesFilterFailuresInsufficientBalanceAndDuplicates() throws Exception {
        binance.setBalance(KEY, "USDT", new BigDecimal("100"));
        assertThat(order("quantity=0.000015&price=30000").body()).contains("-1013", "LOT_SIZE");
        assertThat(order("quantity=0.00001&price=30000").body()).contains("-1013", "NOTIONAL");
        assertThat(order("quantity=0.01&price=30000").body()).contains("-2010", "insufficient balance");
        assertThat(order("quantity=0.001&price=30000").statusCode()).isEqualTo(200);
        assertThat(order("quantity=0.001&price=30000").body()).contains("-2010", "Duplicate order sent.");
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(5);
        assertThat(binance.orderCount(KEY)).isEqualTo(1);
    }

    @Test
    void fillsRestingLimitOrdersWhenThePriceTradesThrough() throws Exception {
        binance.setBalance(KEY, "USDT", new BigDecimal("100"));
        order("quantity=0.001&price=30000");
        binance.setPrice("BTCUSDT", new BigDecimal("30001"));
        assertThat(binance.orderStatus(KEY, "c1")).contains("NEW");
        binance.setPrice("BTCUSDT", new BigDecimal("29999"));
        assertThat(binance.orderStatus(KEY, "c1")).contains("FILLED");
        assertThat(binance.balance(KEY, "USDT")).isEqualByComparingTo("70");
        assertThat(binance.balance(KEY, "BTC")).isEqualByComparingTo("0.000999");
    }

    @Test
    void answersPlannedFailuresAndReportsWeight() throws Exception {
        binance.failNext("GET", "/api/v3/time", 1, FakeBinance.Failure.tooManyRequests(7));
        HttpResponse<String> limited = send("GET", "/api/v3/time", "", "");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        HttpResponse<String> time = send("GET", "/api/v3/time", "", "");
        assertThat(time.statusCode()).isEqualTo(200);
        assertThat(time.headers().firstValue("X-MBX-USED-WEIGHT-1M")).isPresent();

        binance.setUsedWeight(FakeBinance.WEIGHT_LIMIT_1M);
        assertThat(send("GET", "/api/v3/time", "", "").statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> order(String params) throws Exception {
        String body = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&" + params + "&newClientOrderId=c1&timestamp="
                + binance.now().toEpochMilli();
        return send("POST", "/api/v3/order", "", body + "&signature=" + FakeBinance.sign(SECRET, body));
    }

    private HttpResponse<String> send(String method, String path, String query, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(binance.baseUrl() + path + (query.isEmpty() ? "" : "?" + query)))
                .header("X-MBX-APIKEY", KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
