package app.tradebot.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fake Binance spot REST API on a random loopback port: real HTTP, Binance's documented paths,
 * parameters, JSON shapes, error codes and messages, so a client tested against it is tested the way
 * Binance will treat it.
 *
 * <p>What it checks like Binance: the {@code X-MBX-APIKEY} header (-2014 malformed, -2015 unknown or
 * not allowed), the HMAC-SHA256 {@code signature} over the exact query string followed by the exact
 * form body, signature removed (-1022), {@code timestamp}/{@code recvWindow} against its own clock
 * (-1021), the symbol's PRICE_FILTER, LOT_SIZE and NOTIONAL filters (-1013), free balances (-2010),
 * a {@code newClientOrderId} already used by an open order (-2010 "Duplicate order sent."), unknown
 * orders (-2013 on query, -2011 on cancel), the request weight of the current minute (header
 * {@code X-MBX-USED-WEIGHT-1M}; 429 with {@code Retry-After} past 6000).
 *
 * <p>Typical use in a test:
 * <pre>{@code
 * try (FakeBinance binance = FakeBinance.start()) {
 *     binance.addKey("key", "secret", new KeyPermissions(true, true, false));
 *     binance.setBalance("key", "USDT", new BigDecimal("1000"));
 *     binance.setPrice("BTCUSDT", new BigDecimal("30000"));
 *     // point the code under test at binance.baseUrl()
 *     assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
 * }
 * }</pre>
 * Symbols BTCUSDT, ETHUSDT and LTCBTC are listed from the start ({@link #addSymbol} adds more).
 * MARKET orders fill at once at the price set with {@link #setPrice}; LIMIT orders rest until a later
 * {@link #setPrice} trades through them. Commission is 0.1 % of what the account receives.
 * {@link #failNext} makes the next matching calls answer 429, 418, 5xx or too late.
 */
public final class FakeBinance implements AutoCloseable {

    public static final int WEIGHT_LIMIT_1M = 6000;
    private static final BigDecimal COMMISSION = new BigDecimal("0.001");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One HTTP request as it arrived. */
    public record RecordedRequest(String method, String path, String query, String body, Map<String, String> params,
            String apiKey, Instant at) {
    }

    /**
     * One planned misbehaviour: answer {@code status} with {@code body}, or answer {@code delay} late, or
     * ({@code drop}) break the connection in the middle of the answer; {@code processFirst}: the request
     * takes effect before.
     */
    public record Failure(int status, Map<String, String> headers, String body, Duration delay, boolean processFirst,
            boolean drop) {

        public Failure(int status, Map<String, String> headers, String body, Duration delay, boolean processFirst) {
            this(status, headers, body, delay, processFirst, false);
        }

        /** The connection breaks before the request did anything (the client cannot know that). */
        public static Failure dropped() {
            return new Failure(0, Map.of(), null, Duration.ZERO, false, true);
        }

        /** The request takes effect, then the connection breaks before the answer is complete. */
        public static Failure droppedAfterProcessing() {
            return new Failure(0, Map.of(), null, Duration.ZERO, true, true);
        }

        /** HTTP 429 as Binance sends it when the request weight is exceeded. */
        public static Failure tooManyRequests(long retryAfterSeconds) {
            return new Failure(429, Map.of("Retry-After", Long.toString(retryAfterSeconds)),
                    "{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) request weight is "
                            + WEIGHT_LIMIT_1M + " per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.\"}",
                    Duration.ZERO, false);
        }

        /** HTTP 418: the IP is banned for {@code retryAfterSeconds}; {@code bannedUntil} is in the message. */
        public static Failure banned(long retryAfterSeconds, Instant bannedUntil) {
            return new Failure(418, Map.of("Retry-After", Long.toString(retryAfterSeconds)),
                    "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until " + bannedUntil.toEpochMilli()
                            + ". Please use WebSocket Streams for live updates to avoid bans.\"}",
                    Duration.ZERO, false);
        }

        /** A 5xx without doing anything: Binance's "execution status unknown" (here: nothing happened). */
        public static Failure serverError(int status) {
            return new Failure(status, Map.of(), "{\"code\":-1000,\"msg\":\"An unknown error occurred while processing the request.\"}",
                    Duration.ZERO, false);
        }

        /** A 5xx after the request took effect (the order exists, the client is told nothing useful). */
        public static Failure serverErrorAfterProcessing(int status) {
            return new Failure(status, Map.of(), "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status unknown; execution status unknown.\"}",
                    Duration.ZERO, true);
        }

        /** Does the request, then answers only after {@code delay}: a client with a shorter timeout gives up. */
        public static Failure slowAnswerAfterProcessing(Duration delay) {
            return new Failure(0, Map.of(), null, delay, true);
        }

        /** Answers only after {@code delay}, and does nothing before. */
        public static Failure slowAnswer(Duration delay) {
            return new Failure(0, Map.of(), null, delay, false);
        }
    }

    private record Planned(Predicate<RecordedRequest> matches, Failure failure) {
    }

    /**
     * {@code ordersByClientId} holds the latest order of each client order id (Binance takes an id again
     * once its order is closed); {@code orders} every order ever placed, oldest first.
     */
    private record Account(String secret, KeyPermissions permissions, Map<String, BigDecimal[]> balances,
            Map<String, FakeOrder> ordersByClientId, List<FakeOrder> orders, List<Map<String, Object>> trades) {
    }

    private static final class FakeOrder {
        final String symbol;
        final long orderId;
        final String clientOrderId;
        final String side;
        final String type;
        final BigDecimal price;
        final BigDecimal origQty;
        BigDecimal executedQty = BigDecimal.ZERO;
        BigDecimal cumQuote = BigDecimal.ZERO;
        String status = "NEW";
        /** Queries by id still answered -2013 (Binance's lag under load). */
        int hiddenLookups;
        final long time;
        long updateTime;

        FakeOrder(String symbol, long orderId, String clientOrderId, String side, String type, BigDecimal price,
                BigDecimal origQty, long time) {
            this.symbol = symbol;
            this.orderId = orderId;
            this.clientOrderId = clientOrderId;
            this.side = side;
            this.type = type;
            this.price = price;
            this.origQty = origQty;
            this.time = time;
            this.updateTime = time;
        }

        boolean open() {
            return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, SymbolRules> symbols = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();
    private final Map<String, TreeMap<Long, Kline>> klines = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Planned> planned = new CopyOnWriteArrayList<>();
    private final AtomicLong orderIds = new AtomicLong(1000);
    private final AtomicLong tradeIds = new AtomicLong(5000);
    private volatile int hiddenLookups;
    private final Map<String, Integer> hiddenById = new ConcurrentHashMap<>();
    private volatile int weightLimit = WEIGHT_LIMIT_1M;
    private volatile Duration clockShift = Duration.ZERO;
    private volatile Instant fixedNow;
    private volatile java.time.Clock clock;
    private long weightMinute;
    private int usedWeight;

    private FakeBinance() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-binance");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        addSymbol("BTCUSDT", "BTC", "USDT", "0.01", "0.00001", "0.00001", "5");
        addSymbol("ETHUSDT", "ETH", "USDT", "0.01", "0.0001", "0.0001", "5");
        addSymbol("LTCBTC", "LTC", "BTC", "0.000001", "0.001", "0.001", "0.0001");
    }

    /** Starts a fake on a free loopback port. */
    public static FakeBinance start() {
        try {
            FakeBinance fake = new FakeBinance();
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("fake Binance did not start", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: what the client is configured with instead of Binance's base URL. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /**
     * In a test's {@code @DynamicPropertySource}: the application's Binance clients, live and testnet alike,
     * talk to this fake ({@link #baseUrl()}).
     */
    public void registerBaseUrls(DynamicPropertyRegistry registry) {
        registry.add("tradebot.exchange.binance.base-url", this::baseUrl);
        registry.add("tradebot.exchange.binance.testnet-base-url", this::baseUrl);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- set-up ----

    /** Registers an API key with its secret and what it may do; each key has its own account. */
    public FakeBinance addKey(String apiKey, String secret, KeyPermissions permissions) {
        accounts.put(apiKey, new Account(secret, permissions, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>()));
        return this;
    }

    /** Lists a symbol with its filters (decimal strings); minNotional is a NOTIONAL filter. */
    public FakeBinance addSymbol(String symbol, String baseAsset, String quoteAsset, String tickSize, String stepSize,
            String minQty, String minNotional) {
        symbols.put(symbol, new SymbolRules(symbol, baseAsset, quoteAsset, "TRADING", new BigDecimal(tickSize),
                new BigDecimal(stepSize), new BigDecimal(minQty), new BigDecimal("9000000"), new BigDecimal(minNotional)));
        return this;
    }

    /** Sets the free balance of an asset (locked keeps its value). */
    public FakeBinance setBalance(String apiKey, String asset, BigDecimal free) {
        synchronized (this) {
            account(apiKey).balances().computeIfAbsent(asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[0] = free;
        }
        return this;
    }

    /** The free balance of an asset. */
    public synchronized BigDecimal balance(String apiKey, String asset) {
        BigDecimal[] balance = account(apiKey).balances().get(asset);
        return balance == null ? BigDecimal.ZERO : balance[0];
    }

    /** The locked balance of an asset (held by open orders). */
    public synchronized BigDecimal locked(String apiKey, String asset) {
        BigDecimal[] balance = account(apiKey).balances().get(asset);
        return balance == null ? BigDecimal.ZERO : balance[1];
    }

    /** Sets the latest price; resting LIMIT orders it trades through fill at their limit price. */
    public FakeBinance setPrice(String symbol, BigDecimal price) {
        synchronized (this) {
            prices.put(symbol, price);
            for (Map.Entry<String, Account> entry : accounts.entrySet()) {
                for (FakeOrder order : entry.getValue().orders()) {
                    if (order.symbol.equals(symbol) && order.open() && "LIMIT".equals(order.type)
                            && ("BUY".equals(order.side) ? price.compareTo(order.price) <= 0 : price.compareTo(order.price) >= 0)) {
                        fill(entry.getValue(), order, order.price, true);
                    }
                }
            }
        }
        return this;
    }

    /** Adds candles served by /api/v3/klines. */
    public FakeBinance addKlines(String symbol, Interval interval, List<Kline> candles) {
        TreeMap<Long, Kline> series = klines.computeIfAbsent(symbol + "/" + interval.code(), k -> new TreeMap<>());
        synchronized (series) {
            candles.forEach(kline -> series.put(kline.openTime().toEpochMilli(), kline));
        }
        return this;
    }

    /**
     * Loads candles from a CSV of {@code open_time,open,high,low,close,volume} (epoch ms; the shape of
     * the shared market data files) and returns them.
     */
    public List<Kline> loadKlines(String symbol, Interval interval, Path csv) {
        try {
            List<Kline> candles = new ArrayList<>();
            for (String line : Files.readAllLines(csv)) {
                if (line.isBlank() || line.startsWith("open_time")) {
                    continue;
                }
                String[] f = line.split(",");
                Instant open = Instant.ofEpochMilli(Long.parseLong(f[0]));
                candles.add(new Kline(open, new BigDecimal(f[1]), new BigDecimal(f[2]), new BigDecimal(f[3]),
                        new BigDecimal(f[4]), new BigDecimal(f[5]), interval.next(open).minusMillis(1)));
            }
            addKlines(symbol, interval, candles);
            return candles;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + csv, e);
        }
    }

    /** Moves the fake's clock relative to the real one (a client with a drifting clock). */
    public FakeBinance shiftClock(Duration shift) {
        clockShift = shift;
        return this;
    }

    /** Freezes the fake's clock (null: back to the real clock plus the shift). */
    public FakeBinance fixClock(Instant now) {
        fixedNow = now;
        return this;
    }

    /** The fake's clock follows {@code clock} (a test's clock, which its client signs with too); null: the real one. */
    public FakeBinance useClock(java.time.Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The fake's current time. */
    public Instant now() {
        Instant fixed = fixedNow;
        java.time.Clock own = clock;
        return fixed != null ? fixed : (own != null ? own.instant() : Instant.now()).plus(clockShift);
    }

    /** Raises (or lowers) the request weight allowed per minute: load tests send more than one IP may. */
    public FakeBinance weightLimit(int perMinute) {
        weightLimit = perMinute;
        return this;
    }

    /** Sets the weight already used in the current minute (reported in X-MBX-USED-WEIGHT-1M). */
    public synchronized FakeBinance setUsedWeight(int weight) {
        weightMinute = now().toEpochMilli() / 60_000;
        usedWeight = weight;
        return this;
    }

    /** The next {@code times} requests with this method and path misbehave as {@code failure} says. */
    public FakeBinance failNext(String method, String path, int times, Failure failure) {
        for (int i = 0; i < times; i++) {
            planned.add(new Planned(r -> r.method().equals(method) && r.path().equals(path), failure));
        }
        return this;
    }

    /** The next {@code times} requests made with this API key misbehave as {@code failure} says. */
    public FakeBinance failNextFor(String apiKey, int times, Failure failure) {
        for (int i = 0; i < times; i++) {
            planned.add(new Planned(r -> apiKey.equals(r.apiKey()), failure));
        }
        return this;
    }

    /** The new-order request carrying this {@code newClientOrderId} misbehaves as {@code failure} says (once). */
    public FakeBinance failOrder(String clientOrderId, Failure failure) {
        planned.add(new Planned(r -> r.method().equals("POST") && r.path().equals("/api/v3/order")
                && clientOrderId.equals(r.params().get("newClientOrderId")), failure));
        return this;
    }

    /** The order placed with this client order id answers -2013 to its first {@code lookups} queries by id. */
    public FakeBinance hideOrder(String clientOrderId, int lookups) {
        hiddenById.put(clientOrderId, lookups);
        return this;
    }

    /** The next {@code times} requests, whatever they are, misbehave as {@code failure} says. */
    public FakeBinance failNext(int times, Failure failure) {
        for (int i = 0; i < times; i++) {
            planned.add(new Planned(r -> true, failure));
        }
        return this;
    }

    /** Every request received, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests with this method and path. */
    public List<RecordedRequest> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public FakeBinance clearRequests() {
        requests.clear();
        return this;
    }

    /** The status of an order ("NEW", "FILLED", …), if the account has it. */
    public synchronized Optional<String> orderStatus(String apiKey, String clientOrderId) {
        return Optional.ofNullable(account(apiKey).ordersByClientId().get(clientOrderId)).map(order -> order.status);
    }

    /** How many orders the account has ever placed. */
    public synchronized int orderCount(String apiKey) {
        return account(apiKey).orders().size();
    }

    /** One order as the fake holds it: what a test checks after the client is done. */
    public record PlacedOrder(String symbol, long orderId, String clientOrderId, String side, String type, BigDecimal quantity,
            BigDecimal executedQuantity, String status) {
    }

    /** Every order the account ever placed, oldest first (a client order id used again appears twice). */
    public synchronized List<PlacedOrder> orders(String apiKey) {
        return account(apiKey).orders().stream().map(o -> new PlacedOrder(o.symbol, o.orderId, o.clientOrderId, o.side, o.type,
                o.origQty, o.executedQty, o.status)).toList();
    }

    /**
     * From now on each new order answers -2013 "Order does not exist." to its first {@code lookups}
     * queries by id (GET /api/v3/order), as Binance does for a while under load; its other views
     * (allOrders, myTrades) show it at once. 0 turns it off.
     */
    public FakeBinance hideNewOrders(int lookups) {
        hiddenLookups = lookups;
        return this;
    }

    /** A LIMIT order of the account at {@code price} fills now, as if the market traded through it. */
    public synchronized FakeBinance fillLimit(String apiKey, String clientOrderId) {
        Account account = account(apiKey);
        FakeOrder order = account.ordersByClientId().get(clientOrderId);
        if (order == null || !order.open()) {
            throw new IllegalArgumentException("no open order " + clientOrderId);
        }
        fill(account, order, order.price, true);
        return this;
    }

    /** HMAC-SHA256 of {@code payload} with {@code secret}, lowercase hex: Binance's HMAC signature. */
    public static String sign(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Account account(String apiKey) {
        Account account = accounts.get(apiKey);
        if (account == null) {
            throw new IllegalArgumentException("no key " + apiKey + " in the fake: addKey first");
        }
        return account;
    }

    // ---- HTTP ----

    private static final class Answer extends RuntimeException {
        final int status;
        final Object body;

        Answer(int status, Object body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    private static Answer error(int status, int code, String msg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("msg", msg);
        return new Answer(status, body);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> params = new LinkedHashMap<>();
            parse(body, params);
            // A parameter in both, the query string's wins (Binance's rule).
            parse(query, params);
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), uri.getPath(), query, body,
                    Collections.unmodifiableMap(params), exchange.getRequestHeaders().getFirst("X-MBX-APIKEY"), Instant.now());
            requests.add(request);

            Failure failure = null;
            for (Planned plan : planned) {
                if (plan.matches().test(request) && planned.remove(plan)) {
                    failure = plan.failure();
                    break;
                }
            }
            int status;
            Object answer;
            Map<String, String> headers = new LinkedHashMap<>();
            if (failure != null && failure.drop()) {
                if (failure.processFirst()) {
                    try {
                        route(request, headers);
                    } catch (Answer ignored) {
                        // refused: nothing took effect, and the client hears nothing either way
                    }
                }
                // No answer at all: closing an exchange that sent no headers closes its connection.
                return;
            }
            if (failure != null && !failure.processFirst() && failure.status() != 0) {
                status = failure.status();
                answer = null;
                headers.putAll(failure.headers());
            } else {
                if (failure != null && !failure.processFirst()) {
                    sleep(failure.delay());
                }
                try {
                    answer = route(request, headers);
                    status = 200;
                } catch (Answer a) {
                    status = a.status;
                    answer = a.body;
                }
                if (failure != null && failure.processFirst()) {
                    if (failure.status() != 0) {
                        status = failure.status();
                        answer = null;
                    }
                    sleep(failure.delay());
                }
            }
            byte[] bytes = (answer == null && failure != null && failure.body() != null ? failure.body()
                    : JSON.writeValueAsString(answer)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                // The client gave up waiting: exactly what a slow answer is for.
            }
        } catch (IOException e) {
            // The client gave up waiting.
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void parse(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }

    private Object route(RecordedRequest r, Map<String, String> headers) {
        String key = r.method() + " " + r.path();
        int weight = switch (key) {
            case "GET /api/v3/exchangeInfo", "GET /api/v3/account", "GET /api/v3/myTrades", "GET /api/v3/allOrders" -> 20;
            case "GET /api/v3/order" -> 4;
            case "GET /api/v3/openOrders" -> r.params().containsKey("symbol") ? 6 : 80;
            case "GET /api/v3/klines", "GET /api/v3/ticker/price", "GET /api/v3/ticker/24hr" -> 2;
            default -> 1;
        };
        synchronized (this) {
            long minute = now().toEpochMilli() / 60_000;
            if (minute != weightMinute) {
                weightMinute = minute;
                usedWeight = 0;
            }
            usedWeight += weight;
            headers.put("X-MBX-USED-WEIGHT-1M", Integer.toString(usedWeight));
            if (usedWeight > weightLimit) {
                long seconds = 60 - (now().getEpochSecond() % 60);
                headers.put("Retry-After", Long.toString(seconds));
                throw error(429, -1003, "Too many requests; current limit of IP(127.0.0.1) request weight is "
                        + WEIGHT_LIMIT_1M + " per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.");
            }
        }
        return switch (key) {
            case "GET /api/v3/ping" -> Map.of();
            case "GET /api/v3/time" -> Map.of("serverTime", now().toEpochMilli());
            case "GET /api/v3/exchangeInfo" -> exchangeInfo(r);
            case "GET /api/v3/klines" -> klines(r);
            case "GET /api/v3/ticker/price" -> tickerPrice(r);
            case "GET /api/v3/ticker/24hr" -> ticker24h(r);
            case "GET /api/v3/account" -> accountInfo(signed(r, false), "true".equals(r.params().get("omitZeroBalances")));
            case "GET /sapi/v1/account/apiRestrictions" -> apiRestrictions(signed(r, false));
            case "POST /api/v3/order" -> newOrder(r, signed(r, true));
            case "GET /api/v3/order" -> queryOrder(r, signed(r, false));
            case "DELETE /api/v3/order" -> cancelOrder(r, signed(r, true));
            case "GET /api/v3/openOrders" -> openOrders(r, signed(r, false));
            case "GET /api/v3/allOrders" -> allOrders(r, signed(r, false));
            case "GET /api/v3/myTrades" -> myTrades(r, signed(r, false));
            default -> throw error(404, -1, "No such endpoint in the fake: " + key);
        };
    }

    // ---- signed requests ----

    private Account signed(RecordedRequest r, boolean trade) {
        String apiKey = r.apiKey();
        if (apiKey == null || apiKey.isEmpty() || !apiKey.matches("[A-Za-z0-9]{1,64}")) {
            throw error(401, -2014, "API-key format invalid.");
        }
        Account account = accounts.get(apiKey);
        if (account == null) {
            throw error(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        String signature = r.params().get("signature");
        if (signature == null || signature.isEmpty()) {
            throw error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        }
        if (r.params().get("timestamp") == null) {
            throw error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }
        // The payload is the query string followed by the body, exactly as sent, without the signature.
        String payload = withoutSignature(r.query()) + withoutSignature(r.body());
        if (!sign(account.secret(), payload).equalsIgnoreCase(signature)) {
            throw error(400, -1022, "Signature for this request is not valid.");
        }
        long timestamp = Long.parseLong(r.params().get("timestamp"));
        long recvWindow = r.params().containsKey("recvWindow") ? Long.parseLong(r.params().get("recvWindow")) : 5000;
        if (recvWindow > 60_000) {
            throw error(400, -1131, "recvWindow must be less than 60000");
        }
        long serverTime = now().toEpochMilli();
        if (timestamp >= serverTime + 1000) {
            throw error(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        if (serverTime - timestamp > recvWindow) {
            throw error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }
        if (trade && !account.permissions().canTrade()) {
            throw error(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        return account;
    }

    private static String withoutSignature(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : encoded.split("&", -1)) {
            if (!pair.startsWith("signature=")) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    // ---- public endpoints ----

    private SymbolRules symbolOf(RecordedRequest r) {
        String symbol = r.params().get("symbol");
        if (symbol == null) {
            throw error(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        }
        SymbolRules rules = symbols.get(symbol);
        if (rules == null) {
            throw error(400, -1121, "Invalid symbol.");
        }
        return rules;
    }

    private Map<String, Object> exchangeInfo(RecordedRequest r) {
        List<Object> list = new ArrayList<>();
        String only = r.params().get("symbol");
        for (SymbolRules rules : new TreeMap<>(symbols).values()) {
            if (only != null && !only.equals(rules.symbol())) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("symbol", rules.symbol());
            s.put("status", rules.status());
            s.put("baseAsset", rules.baseAsset());
            s.put("baseAssetPrecision", 8);
            s.put("quoteAsset", rules.quoteAsset());
            s.put("quotePrecision", 8);
            s.put("quoteAssetPrecision", 8);
            s.put("orderTypes", List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"));
            s.put("icebergAllowed", true);
            s.put("ocoAllowed", true);
            s.put("quoteOrderQtyMarketAllowed", true);
            s.put("isSpotTradingAllowed", true);
            s.put("isMarginTradingAllowed", false);
            s.put("filters", List.of(
                    Map.of("filterType", "PRICE_FILTER", "minPrice", plain(rules.tickSize()), "maxPrice", "1000000.00000000",
                            "tickSize", plain(rules.tickSize())),
                    Map.of("filterType", "LOT_SIZE", "minQty", plain(rules.minQty()), "maxQty", plain(rules.maxQty()),
                            "stepSize", plain(rules.stepSize())),
                    Map.of("filterType", "NOTIONAL", "minNotional", plain(rules.minNotional()), "applyMinToMarket", true,
                            "maxNotional", "9000000.00000000", "applyMaxToMarket", false, "avgPriceMins", 5)));
            s.put("permissions", List.of());
            s.put("permissionSets", List.of(List.of("SPOT")));
            s.put("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
            s.put("allowedSelfTradePreventionModes", List.of("EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"));
            list.add(s);
        }
        if (only != null && list.isEmpty()) {
            throw error(400, -1121, "Invalid symbol.");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("timezone", "UTC");
        info.put("serverTime", now().toEpochMilli());
        info.put("rateLimits", List.of(
                Map.of("rateLimitType", "REQUEST_WEIGHT", "interval", "MINUTE", "intervalNum", 1, "limit", WEIGHT_LIMIT_1M),
                Map.of("rateLimitType", "ORDERS", "interval", "SECOND", "intervalNum", 10, "limit", 100),
                Map.of("rateLimitType", "RAW_REQUESTS", "interval", "MINUTE", "intervalNum", 5, "limit", 61000)));
        info.put("exchangeFilters", List.of());
        info.put("symbols", list);
        return info;
    }

    private List<Object> klines(RecordedRequest r) {
        SymbolRules rules = symbolOf(r);
        Interval interval = Interval.fromCode(r.params().getOrDefault("interval", ""))
                .orElseThrow(() -> error(400, -1120, "Invalid interval."));
        int limit = Integer.parseInt(r.params().getOrDefault("limit", "500"));
        if (limit < 1 || limit > 1000) {
            throw error(400, -1100, "Illegal characters found in parameter 'limit'; legal range is '1000'.");
        }
        Long start = r.params().containsKey("startTime") ? Long.parseLong(r.params().get("startTime")) : null;
        Long end = r.params().containsKey("endTime") ? Long.parseLong(r.params().get("endTime")) : null;
        TreeMap<Long, Kline> series = klines.getOrDefault(rules.symbol() + "/" + interval.code(), new TreeMap<>());
        List<Kline> selected;
        synchronized (series) {
            var view = series.subMap(start == null ? Long.MIN_VALUE : start, true, end == null ? Long.MAX_VALUE : end, true);
            List<Kline> all = new ArrayList<>(view.values());
            // With no startTime Binance answers the most recent candles.
            selected = start == null && all.size() > limit ? all.subList(all.size() - limit, all.size())
                    : all.subList(0, Math.min(limit, all.size()));
        }
        List<Object> rows = new ArrayList<>();
        for (Kline k : selected) {
            rows.add(List.of(k.openTime().toEpochMilli(), plain(k.open()), plain(k.high()), plain(k.low()), plain(k.close()),
                    plain(k.volume()), k.closeTime().toEpochMilli(), plain(k.volume().multiply(k.close())), 100,
                    "0", "0", "0"));
        }
        return rows;
    }

    private BigDecimal priceOf(String symbol) {
        BigDecimal price = prices.get(symbol);
        if (price == null) {
            throw error(400, -1121, "Invalid symbol.");
        }
        return price;
    }

    private Map<String, Object> tickerPrice(RecordedRequest r) {
        SymbolRules rules = symbolOf(r);
        return Map.of("symbol", rules.symbol(), "price", plain(priceOf(rules.symbol())));
    }

    private Map<String, Object> ticker24h(RecordedRequest r) {
        SymbolRules rules = symbolOf(r);
        BigDecimal last = priceOf(rules.symbol());
        long closeTime = now().toEpochMilli();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("symbol", rules.symbol());
        t.put("priceChange", "0.00000000");
        t.put("priceChangePercent", "0.000");
        t.put("weightedAvgPrice", plain(last));
        t.put("prevClosePrice", plain(last));
        t.put("lastPrice", plain(last));
        t.put("lastQty", "1.00000000");
        t.put("bidPrice", plain(last));
        t.put("bidQty", "1.00000000");
        t.put("askPrice", plain(last));
        t.put("askQty", "1.00000000");
        t.put("openPrice", plain(last));
        t.put("highPrice", plain(last));
        t.put("lowPrice", plain(last));
        t.put("volume", "100.00000000");
        t.put("quoteVolume", plain(last.multiply(BigDecimal.valueOf(100))));
        t.put("openTime", closeTime - 86_400_000L);
        t.put("closeTime", closeTime);
        t.put("firstId", 1);
        t.put("lastId", 100);
        t.put("count", 100);
        return t;
    }

    // ---- account endpoints ----

    private synchronized Map<String, Object> accountInfo(Account account, boolean omitZeroBalances) {
        List<Object> balances = new ArrayList<>();
        new TreeMap<>(account.balances()).forEach((asset, b) -> {
            if (!omitZeroBalances || b[0].signum() != 0 || b[1].signum() != 0) {
                balances.add(Map.of("asset", asset, "free", plain(b[0]), "locked", plain(b[1])));
            }
        });
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("makerCommission", 10);
        a.put("takerCommission", 10);
        a.put("buyerCommission", 0);
        a.put("sellerCommission", 0);
        a.put("commissionRates", Map.of("maker", "0.00100000", "taker", "0.00100000", "buyer", "0.00000000", "seller", "0.00000000"));
        a.put("canTrade", account.permissions().canTrade());
        a.put("canWithdraw", account.permissions().canWithdraw());
        a.put("canDeposit", true);
        a.put("brokered", false);
        a.put("requireSelfTradePrevention", false);
        a.put("preventSor", false);
        a.put("updateTime", now().toEpochMilli());
        a.put("accountType", "SPOT");
        a.put("balances", balances);
        a.put("permissions", List.of("SPOT"));
        a.put("uid", 354937868);
        return a;
    }

    private Map<String, Object> apiRestrictions(Account account) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("ipRestrict", false);
        a.put("createTime", now().minus(Duration.ofDays(30)).toEpochMilli());
        a.put("enableInternalTransfer", false);
        a.put("enableFutures", false);
        a.put("enablePortfolioMarginTrading", false);
        a.put("enableVanillaOptions", false);
        a.put("permitsUniversalTransfer", false);
        a.put("enableReading", account.permissions().canRead());
        a.put("enableSpotAndMarginTrading", account.permissions().canTrade());
        a.put("enableWithdrawals", account.permissions().canWithdraw());
        a.put("enableMargin", false);
        return a;
    }

    private static BigDecimal decimal(RecordedRequest r, String name) {
        String value = r.params().get(name);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw error(400, -1100, "Illegal characters found in parameter '" + name + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
        }
    }

    private static void checkMultiple(BigDecimal value, BigDecimal min, BigDecimal step, String filter) {
        if (step.signum() > 0 && value.subtract(min).remainder(step).signum() != 0) {
            throw error(400, -1013, "Filter failure: " + filter);
        }
    }

    private synchronized Map<String, Object> newOrder(RecordedRequest r, Account account) {
        SymbolRules rules = symbolOf(r);
        String side = r.params().get("side");
        String type = r.params().get("type");
        if (!"BUY".equals(side) && !"SELL".equals(side)) {
            throw error(400, -1102, "Mandatory parameter 'side' was not sent, was empty/null, or malformed.");
        }
        if (!"MARKET".equals(type) && !"LIMIT".equals(type)) {
            throw error(400, -1116, "Invalid orderType.");
        }
        String clientOrderId = r.params().getOrDefault("newClientOrderId", "x-" + orderIds.get());
        if (!clientOrderId.matches("^[.A-Z:/a-z0-9_-]{1,36}$")) {
            throw error(400, -1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
        }
        FakeOrder existing = account.ordersByClientId().get(clientOrderId);
        if (existing != null && existing.open()) {
            throw error(400, -2010, "Duplicate order sent.");
        }
        BigDecimal quantity = decimal(r, "quantity");
        BigDecimal quoteQty = decimal(r, "quoteOrderQty");
        BigDecimal price = decimal(r, "price");
        BigDecimal last = prices.get(rules.symbol());
        if ("LIMIT".equals(type)) {
            if (!"GTC".equals(r.params().get("timeInForce")) && !"IOC".equals(r.params().get("timeInForce"))
                    && !"FOK".equals(r.params().get("timeInForce"))) {
                throw error(400, -1102, "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.");
            }
            if (quantity == null || price == null) {
                throw error(400, -1102, "Mandatory parameter '" + (quantity == null ? "quantity" : "price")
                        + "' was not sent, was empty/null, or malformed.");
            }
            checkMultiple(price, BigDecimal.ZERO, rules.tickSize(), "PRICE_FILTER");
        } else {
            if (last == null) {
                throw error(400, -1013, "Filter failure: NOTIONAL");
            }
            if (quantity == null && quoteQty == null) {
                throw error(400, -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
            }
            if (quantity == null) {
                quantity = quoteQty.divide(last, rules.stepSize().scale(), RoundingMode.DOWN);
            }
        }
        if (quantity.compareTo(rules.minQty()) < 0 || quantity.compareTo(rules.maxQty()) > 0) {
            throw error(400, -1013, "Filter failure: LOT_SIZE");
        }
        checkMultiple(quantity, rules.minQty(), rules.stepSize(), "LOT_SIZE");
        BigDecimal notionalPrice = "LIMIT".equals(type) ? price : last;
        if (quantity.multiply(notionalPrice).compareTo(rules.minNotional()) < 0) {
            throw error(400, -1013, "Filter failure: NOTIONAL");
        }
        // Funds: a BUY needs the quote asset, a SELL the base asset.
        String spendAsset = "BUY".equals(side) ? rules.quoteAsset() : rules.baseAsset();
        BigDecimal spend = "BUY".equals(side) ? quantity.multiply(notionalPrice) : quantity;
        BigDecimal[] funds = account.balances().computeIfAbsent(spendAsset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        if (funds[0].compareTo(spend) < 0) {
            throw error(400, -2010, "Account has insufficient balance for requested action.");
        }
        long now = now().toEpochMilli();
        FakeOrder order = new FakeOrder(rules.symbol(), orderIds.incrementAndGet(), clientOrderId, side, type,
                "LIMIT".equals(type) ? price : BigDecimal.ZERO, quantity, now);
        order.hiddenLookups = hiddenById.containsKey(clientOrderId) ? hiddenById.remove(clientOrderId) : hiddenLookups;
        account.ordersByClientId().put(clientOrderId, order);
        account.orders().add(order);
        List<Map<String, Object>> fills = new ArrayList<>();
        if ("MARKET".equals(type)) {
            fills.add(fill(account, order, last, false));
        } else {
            funds[0] = funds[0].subtract(spend);
            funds[1] = funds[1].add(spend);
            if (last != null && ("BUY".equals(side) ? last.compareTo(price) <= 0 : last.compareTo(price) >= 0)) {
                fills.add(fill(account, order, price, false));
            }
        }
        // newOrderRespType: ACK, RESULT or FULL (Binance's default for MARKET and LIMIT is FULL).
        String responseType = r.params().getOrDefault("newOrderRespType", "FULL");
        if ("ACK".equals(responseType)) {
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("symbol", order.symbol);
            ack.put("orderId", order.orderId);
            ack.put("orderListId", -1);
            ack.put("clientOrderId", order.clientOrderId);
            ack.put("transactTime", now);
            return ack;
        }
        Map<String, Object> response = orderJson(order);
        response.put("transactTime", now);
        response.put("workingTime", now);
        if ("FULL".equals(responseType)) {
            response.put("fills", fills);
        }
        return response;
    }

    /** Fills an order completely at {@code price}; the commission is 0.1 % of what is received. */
    private Map<String, Object> fill(Account account, FakeOrder order, BigDecimal price, boolean maker) {
        SymbolRules rules = symbols.get(order.symbol);
        BigDecimal qty = order.origQty;
        BigDecimal quote = qty.multiply(price);
        boolean buy = "BUY".equals(order.side);
        BigDecimal[] base = account.balances().computeIfAbsent(rules.baseAsset(), a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        BigDecimal[] quoteBalance = account.balances().computeIfAbsent(rules.quoteAsset(), a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        BigDecimal commission;
        String commissionAsset;
        boolean limit = "LIMIT".equals(order.type);
        if (buy) {
            BigDecimal reserved = limit ? qty.multiply(order.price) : quote;
            if (limit) {
                quoteBalance[1] = quoteBalance[1].subtract(reserved);
                quoteBalance[0] = quoteBalance[0].add(reserved.subtract(quote));
            } else {
                quoteBalance[0] = quoteBalance[0].subtract(quote);
            }
            commission = qty.multiply(COMMISSION);
            commissionAsset = rules.baseAsset();
            base[0] = base[0].add(qty.subtract(commission));
        } else {
            if (limit) {
                base[1] = base[1].subtract(qty);
            } else {
                base[0] = base[0].subtract(qty);
            }
            commission = quote.multiply(COMMISSION);
            commissionAsset = rules.quoteAsset();
            quoteBalance[0] = quoteBalance[0].add(quote.subtract(commission));
        }
        order.executedQty = qty;
        order.cumQuote = quote;
        order.status = "FILLED";
        order.updateTime = now().toEpochMilli();
        long tradeId = tradeIds.incrementAndGet();
        Map<String, Object> trade = new LinkedHashMap<>();
        trade.put("symbol", order.symbol);
        trade.put("id", tradeId);
        trade.put("orderId", order.orderId);
        trade.put("orderListId", -1);
        trade.put("price", plain(price));
        trade.put("qty", plain(qty));
        trade.put("quoteQty", plain(quote));
        trade.put("commission", plain(commission));
        trade.put("commissionAsset", commissionAsset);
        trade.put("time", order.updateTime);
        trade.put("isBuyer", buy);
        trade.put("isMaker", maker);
        trade.put("isBestMatch", true);
        account.trades().add(trade);
        Map<String, Object> fill = new LinkedHashMap<>();
        fill.put("price", plain(price));
        fill.put("qty", plain(qty));
        fill.put("commission", plain(commission));
        fill.put("commissionAsset", commissionAsset);
        fill.put("tradeId", tradeId);
        return fill;
    }

    private static Map<String, Object> orderJson(FakeOrder order) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("symbol", order.symbol);
        o.put("orderId", order.orderId);
        o.put("orderListId", -1);
        o.put("clientOrderId", order.clientOrderId);
        o.put("price", plain(order.price));
        o.put("origQty", plain(order.origQty));
        o.put("executedQty", plain(order.executedQty));
        // Binance's own spelling.
        o.put("cummulativeQuoteQty", plain(order.cumQuote));
        o.put("status", order.status);
        o.put("timeInForce", "LIMIT".equals(order.type) ? "GTC" : "GTC");
        o.put("type", order.type);
        o.put("side", order.side);
        o.put("selfTradePreventionMode", "EXPIRE_MAKER");
        return o;
    }

    private static Map<String, Object> orderDetail(FakeOrder order) {
        Map<String, Object> o = orderJson(order);
        o.put("stopPrice", "0.00000000");
        o.put("icebergQty", "0.00000000");
        o.put("time", order.time);
        o.put("updateTime", order.updateTime);
        o.put("isWorking", true);
        o.put("workingTime", order.time);
        o.put("origQuoteOrderQty", "0.00000000");
        return o;
    }

    private FakeOrder findOrder(RecordedRequest r, Account account, int code, String msg) {
        SymbolRules rules = symbolOf(r);
        String clientOrderId = r.params().get("origClientOrderId");
        String orderId = r.params().get("orderId");
        if (clientOrderId == null && orderId == null) {
            throw error(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        List<FakeOrder> all = account.orders();
        for (int i = all.size() - 1; i >= 0; i--) {
            FakeOrder order = all.get(i);
            if (order.symbol.equals(rules.symbol()) && (clientOrderId != null ? order.clientOrderId.equals(clientOrderId)
                    : Long.toString(order.orderId).equals(orderId))) {
                return order;
            }
        }
        throw error(400, code, msg);
    }

    private synchronized Map<String, Object> queryOrder(RecordedRequest r, Account account) {
        FakeOrder order = findOrder(r, account, -2013, "Order does not exist.");
        if (order.hiddenLookups > 0) {
            order.hiddenLookups--;
            throw error(400, -2013, "Order does not exist.");
        }
        return orderDetail(order);
    }

    /** GET /api/v3/allOrders: orderId (from that id), startTime/endTime, limit (default 500, at most 1000), oldest first. */
    private synchronized List<Object> allOrders(RecordedRequest r, Account account) {
        SymbolRules rules = symbolOf(r);
        int limit = limit(r, 500);
        Long fromId = r.params().containsKey("orderId") ? Long.parseLong(r.params().get("orderId")) : null;
        Long start = r.params().containsKey("startTime") ? Long.parseLong(r.params().get("startTime")) : null;
        Long end = r.params().containsKey("endTime") ? Long.parseLong(r.params().get("endTime")) : null;
        List<FakeOrder> matching = account.orders().stream()
                .filter(o -> o.symbol.equals(rules.symbol()) && (fromId == null || o.orderId >= fromId)
                        && (start == null || o.time >= start) && (end == null || o.time <= end))
                .toList();
        // With neither orderId nor a time, Binance answers the most recent orders.
        List<FakeOrder> selected = fromId == null && start == null && matching.size() > limit
                ? matching.subList(matching.size() - limit, matching.size())
                : matching.subList(0, Math.min(limit, matching.size()));
        List<Object> orders = new ArrayList<>();
        selected.forEach(o -> orders.add(orderDetail(o)));
        return orders;
    }

    private static int limit(RecordedRequest r, int fallback) {
        int limit = Integer.parseInt(r.params().getOrDefault("limit", Integer.toString(fallback)));
        if (limit < 1 || limit > 1000) {
            throw error(400, -1100, "Illegal characters found in parameter 'limit'; legal range is '1000'.");
        }
        return limit;
    }

    private synchronized Map<String, Object> cancelOrder(RecordedRequest r, Account account) {
        FakeOrder order = findOrder(r, account, -2011, "Unknown order sent.");
        if (!order.open()) {
            throw error(400, -2011, "Unknown order sent.");
        }
        SymbolRules rules = symbols.get(order.symbol);
        boolean buy = "BUY".equals(order.side);
        BigDecimal reserved = buy ? order.origQty.multiply(order.price) : order.origQty;
        BigDecimal[] funds = account.balances().get(buy ? rules.quoteAsset() : rules.baseAsset());
        funds[1] = funds[1].subtract(reserved);
        funds[0] = funds[0].add(reserved);
        order.status = "CANCELED";
        order.updateTime = now().toEpochMilli();
        Map<String, Object> o = orderJson(order);
        o.put("origClientOrderId", order.clientOrderId);
        o.put("clientOrderId", "cancel" + order.orderId);
        o.put("transactTime", order.updateTime);
        return o;
    }

    private synchronized List<Object> openOrders(RecordedRequest r, Account account) {
        String symbol = r.params().get("symbol");
        if (symbol != null) {
            symbolOf(r);
        }
        List<Object> open = new ArrayList<>();
        account.orders().stream()
                .filter(order -> order.open() && (symbol == null || order.symbol.equals(symbol)))
                .sorted((a, b) -> Long.compare(a.orderId, b.orderId))
                .forEach(order -> open.add(orderDetail(order)));
        return open;
    }

    /** GET /api/v3/myTrades: orderId (that order's trades), fromId (trade id from), startTime, limit; oldest first. */
    private synchronized List<Object> myTrades(RecordedRequest r, Account account) {
        SymbolRules rules = symbolOf(r);
        long from = r.params().containsKey("startTime") ? Long.parseLong(r.params().get("startTime")) : Long.MIN_VALUE;
        Long orderId = r.params().containsKey("orderId") ? Long.parseLong(r.params().get("orderId")) : null;
        Long fromId = r.params().containsKey("fromId") ? Long.parseLong(r.params().get("fromId")) : null;
        if (fromId != null && r.params().containsKey("startTime")) {
            throw error(400, -1128, "Combination of optional parameters invalid.");
        }
        int limit = limit(r, 500);
        List<Map<String, Object>> matching = account.trades().stream()
                .filter(t -> t.get("symbol").equals(rules.symbol()) && ((Long) t.get("time")) >= from
                        && (orderId == null || ((Long) t.get("orderId")).longValue() == orderId)
                        && (fromId == null || ((Long) t.get("id")) >= fromId))
                .toList();
        List<Map<String, Object>> selected = from == Long.MIN_VALUE && orderId == null && fromId == null && matching.size() > limit
                ? matching.subList(matching.size() - limit, matching.size())
                : matching.subList(0, Math.min(limit, matching.size()));
        return new ArrayList<>(selected);
    }

    private static String plain(BigDecimal value) {
        return value.setScale(Math.max(8, value.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
