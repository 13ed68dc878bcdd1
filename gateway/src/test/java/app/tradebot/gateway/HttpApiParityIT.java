package app.tradebot.gateway;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.tradebot.runtime.Template;
import app.tradebot.runtime.Template.HttpRoute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Proof of emulation (issue 2, 8a): every HttpApi route of template.yaml, asked the same thing
 * through the gateway over real HTTP and through AWS's FunctionInvoker with the payload 2.0 event
 * API Gateway would send, answers with the same status, content type and body. On a route behind
 * the authorizer the Lambda way runs the authorizer through FunctionInvoker first and puts the
 * context it answers into the route's event, as API Gateway does.
 *
 * <p>Where the two answers may legitimately differ (a new account's id, a token, a timestamp), the
 * value is replaced by its shape before comparing, so a UUID must still be a UUID on both sides.
 * Each route must have cases here: a route added to the template without one fails this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiParityIT extends AllInOneContext {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String ACCOUNT_NAME = "Parity Binance";
    private static final String API_KEY = "pAr1tyKey" + "k".repeat(55);
    private static final String API_SECRET = "pAr1tySecret" + "s".repeat(52);
    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";
    private static final String PARITY_CSV = """
            open_time,open,high,low,close,volume
            1463544000000,456.16,456.81,455.3,456.02,561.88098307
            1463558400000,456.14,456.33,454.79,456.1,446.0329534
            1463572800000,456.1,456.19,454.39,455.5,523.50373047
            """;
    private static final String BACKTEST = """
            {"symbol":"PARITYBTUSD","interval":"1h","strategy":"sma-cross","params":{"fast":3,"slow":8},
             "from":"2024-01-01T00:00:00Z","to":"2024-02-01T00:00:00Z","startingBalance":1000,
             "feeBps":10,"slippageBps":0,"sizing":{"type":"percent","value":100}}""";
    private static final String OPTIMIZATION = """
            {"symbol":"PARITYBTUSD","interval":"1h","strategy":"sma-cross","params":{},
             "ranges":{"fast":{"min":2,"max":3,"step":1},"slow":{"min":8,"max":9,"step":1}},
             "search":"grid","maxRuns":10,"rankBy":"totalReturn",
             "from":"2024-01-01T00:00:00Z","to":"2024-02-01T00:00:00Z","startingBalance":1000,
             "feeBps":10,"slippageBps":0,"sizing":{"type":"percent","value":100}}""";
    /** A path parameter no case names: an id nobody has. */
    private static final String SOME_ID = "00000000-0000-4000-8000-000000000000";
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter
            .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Autowired
    JdbcTemplate jdbc;

    private final Template template = Template.load();
    private final String email = fresh("parity");
    private UUID userId;
    private String token;
    private String revokedToken;
    private String binanceAccount;
    private String paperAccount;
    private String finishedBacktest;

    @BeforeAll
    void signUp() throws Exception {
        HttpResponse<String> registered = gatewayCall(route("POST /api/auth/register"), credentials(email, PASSWORD), null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        userId = UUID.fromString(body(registered).get("id").asString());
        token = signIn();
        revokedToken = signIn();
        HttpResponse<String> loggedOut = gatewayCall(route("POST /api/auth/logout"), null, revokedToken);
        assertThat(loggedOut.statusCode()).as(loggedOut.body()).isEqualTo(204);
        binanceAccount = exchangeAccount(binanceAccountBody(ACCOUNT_NAME));
        paperAccount = exchangeAccount("{\"name\": \"Paper\", \"kind\": \"paper\", \"balances\": {\"USDT\": \"2500\"}}");
        HttpResponse<String> imported = gatewayCall(route("POST /api/market/candles/import"),
                new Ask(PARITY_CSV, token).typed(CSV).query("symbol=PARITYUSD&interval=4h"));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        // A symbol the exchange lists, without asking one: these tests run without.
        jdbc.update("insert into symbols (symbol, status, source) values ('PARITYUSDT', 'TRADING', 'exchange') on conflict do nothing");
        watch("PARITYUSDT", "1h");
        finishedBacktest = finishedBacktest();
    }

    /** 300 hourly candles of a made-up symbol, and one backtest over them that has run on the worker. */
    private String finishedBacktest() throws Exception {
        jdbc.update("""
                insert into candles (symbol, interval, open_time, open, high, low, close, volume)
                select 'PARITYBTUSD', '1h', timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour',
                       o, greatest(o, c) + 1, least(o, c) - 1, c, 1
                from (select g, round((100 + 10 * sin(g / 5.0))::numeric, 2) as o,
                             round((100 + 10 * sin((g + 1) / 5.0))::numeric, 2) as c
                      from generate_series(0, 299) g) as candle
                on conflict do nothing""");
        HttpResponse<String> submitted = gatewayCall(route("POST /api/backtests"), BACKTEST, token);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = body(submitted).get("id").asString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"succeeded".equals(jdbc.queryForObject("select status from backtests where id = ?::uuid", String.class, id))) {
            assertThat(System.nanoTime()).as("backtest " + id + " succeeds on the worker").isLessThan(deadline);
            Thread.sleep(100);
        }
        return id;
    }

    /** A backtest row of our user in {@code status}, stored directly: no worker ever sees it. */
    private String backtestRow(String status) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into backtests (id, user_id, request, status) values (?, ?, cast(? as jsonb), ?)", id, userId,
                BACKTEST, status);
        return id.toString();
    }

    /** Waits until no backtest of our user is queued or running, so two lists of them compare equal. */
    private void settled() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jdbc.queryForObject("select count(*) from backtests where user_id = ? and status in ('queued', 'running')",
                Integer.class, userId) > 0) {
            assertThat(System.nanoTime()).as("our backtests finish on the worker").isLessThan(deadline);
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The cases, by route key. A route of the template missing here fails the test. */
    private Map<String, List<ParityCase>> cases() {
        Map<String, List<ParityCase>> cases = new LinkedHashMap<>();
        cases.put("POST /api/auth/register", List.of(
                new SameAnswer("a new account", 201, side -> Ask.body(credentials(fresh(side), PASSWORD)),
                        Set.of("id", "email", "createdAt")),
                new SameAnswer("an email already taken", 409, side -> Ask.body(credentials(email, PASSWORD))),
                new SameAnswer("an email taken once normalised", 409,
                        side -> Ask.body(credentials("  " + email.toUpperCase(Locale.ROOT) + " ", PASSWORD))),
                new SameAnswer("malformed JSON", 400, side -> Ask.body("{\"email\": \"a@example.com\", \"password\": ")),
                new SameAnswer("missing, extra and wrong-typed fields", 400,
                        side -> Ask.body("{\"email\": 42, \"nickname\": \"x\"}")),
                new SameAnswer("a password that is too short", 400, side -> Ask.body(credentials(fresh(side), "short"))),
                new SameAnswer("an invalid email", 400, side -> Ask.body(credentials("not-an-email", PASSWORD))),
                new SameAnswer("no body", 400, side -> Ask.nothing())));
        cases.put("POST /api/auth/login", List.of(
                new SameAnswer("the right password", 200, side -> Ask.body(credentials(email, PASSWORD)),
                        Set.of("accessToken", "expiresAt")),
                new SameAnswer("a wrong password", 401, side -> Ask.body(credentials(email, "not the password at all"))),
                new SameAnswer("an unknown email", 401, side -> Ask.body(credentials(fresh(side), PASSWORD))),
                new SameAnswer("malformed JSON", 400, side -> Ask.body("not json")),
                new SameAnswer("wrong-typed fields", 400, side -> Ask.body("{\"email\": [\"x\"], \"password\": true}"))));
        cases.put("POST /api/auth/logout", List.of(
                // A token of its own for each way: logging out revokes it.
                new SameAnswer("a valid token", 204, side -> Ask.as(signIn())),
                new SameAnswer("a body where none is taken", 400, side -> new Ask("{\"all\": true}", token)),
                new Refused("no token", () -> null),
                new Refused("a revoked token", () -> revokedToken),
                new Refused("a garbage token", () -> "garbage")));
        cases.put("POST /api/auth/logout-everywhere", List.of(
                // A user of its own for each way: signing out everywhere ends every token of the user.
                new SameAnswer("a valid token", 204, side -> Ask.as(freshUserToken(side))),
                new SameAnswer("a body where none is taken", 400, side -> new Ask("{\"all\": true}", token)),
                new Refused("no token", () -> null),
                new Refused("a garbage token", () -> "garbage")));
        cases.put("POST /api/auth/password", List.of(
                new SameAnswer("the right current password", 200, side -> new Ask("{\"currentPassword\": \"" + PASSWORD
                        + "\", \"newPassword\": \"another horse battery\"}", freshUserToken(side)), Set.of("accessToken", "expiresAt")),
                new SameAnswer("a wrong current password", 400, side -> new Ask("{\"currentPassword\": \"not it at all\", "
                        + "\"newPassword\": \"another horse battery\"}", freshUserToken(side))),
                new SameAnswer("a new password that is too short", 400, side -> new Ask("{\"currentPassword\": \"" + PASSWORD
                        + "\", \"newPassword\": \"short\"}", token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/auth/me", List.of(
                new SameAnswer("a valid token", 200, side -> Ask.as(token)),
                new SameAnswer("a body where none is taken", 400, side -> new Ask("{\"id\": 1}", token)),
                new Refused("no token", () -> null),
                new Refused("a token signed with another key", () -> forgedToken())));
        cases.put("GET /api/market/symbols", List.of(
                new SameAnswer("a valid token", 200, side -> Ask.as(token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/market/candles", List.of(
                new SameAnswer("a page from a time", 200, side -> Ask.as(token)
                        .query("symbol=PARITYUSD&interval=4h&from=2016-05-18T04:00:00Z&limit=2")),
                new SameAnswer("the latest, epoch times", 200, side -> Ask.as(token)
                        .query("symbol=parityusd&interval=4h&to=1463572800000")),
                new SameAnswer("an unknown symbol", 400, side -> Ask.as(token).query("symbol=NOPEUSD&interval=4h")),
                new SameAnswer("an unknown interval", 400, side -> Ask.as(token).query("symbol=PARITYUSD&interval=4x")),
                new SameAnswer("from after to", 400, side -> Ask.as(token)
                        .query("symbol=PARITYUSD&interval=4h&from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z")),
                new SameAnswer("a limit over 1000", 400, side -> Ask.as(token).query("symbol=PARITYUSD&interval=4h&limit=1001")),
                new Refused("no token", () -> null)));
        cases.put("POST /api/market/candles/import", List.of(
                new SameAnswer("rows already stored", 200, side -> new Ask(PARITY_CSV, token).typed(CSV)
                        .query("symbol=PARITYUSD&interval=4h")),
                new SameAnswer("bad, duplicate and out-of-order rows", 400, side -> new Ask(
                        "1463544000000,1,2,0.5,x,1\n1463558400000,1,2,0.5,1,1\n1463558400000,1,2,0.5,1,1\n1463544000000,1,2,0.5,1,1\n",
                        token).typed(CSV).query("symbol=PARITYUSD&interval=4h")),
                new SameAnswer("no symbol", 400, side -> new Ask(PARITY_CSV, token).typed(CSV).query("interval=4h")),
                new SameAnswer("a JSON body", 415, side -> new Ask("{\"rows\": []}", token).query("symbol=PARITYUSD&interval=4h")),
                new Refused("no token", () -> null)));
        cases.put("GET /api/market/ticker/{symbol}", List.of(
                new SameAnswer("the latest stored close", 200, side -> Ask.as(token).at("symbol", "PARITYUSD")),
                new SameAnswer("an unknown symbol", 400, side -> Ask.as(token).at("symbol", "NOPEUSD")),
                new Refused("no token", () -> null)));
        cases.put("POST /api/market/watches", List.of(
                new SameAnswer("a pair already watched", 409, side -> new Ask("{\"symbol\": \"PARITYUSDT\", \"interval\": \"1h\"}", token)),
                new SameAnswer("an unknown interval", 400, side -> new Ask("{\"symbol\": \"PARITYUSDT\", \"interval\": \"2d\"}", token)),
                new SameAnswer("wrong-typed and unknown fields", 400, side -> new Ask("{\"symbol\": 1, \"every\": \"1h\"}", token)),
                new SameAnswer("malformed JSON", 400, side -> new Ask("{\"symbol\": ", token)),
                new Refused("no token", () -> null)));
        cases.put("POST /api/market/candle-uploads", List.of(
                new SameAnswer("an unknown interval", 400, side -> new Ask("{\"symbol\": \"PARITYUSDT\", \"interval\": \"2d\"}", token)),
                new SameAnswer("wrong-typed and unknown fields", 400, side -> new Ask("{\"symbol\": 1, \"every\": \"1h\"}", token)),
                new SameAnswer("malformed JSON", 400, side -> new Ask("{\"symbol\": ", token)),
                new Refused("no token", () -> null)));
        for (String route : List.of("GET /api/market/candle-uploads/{id}", "POST /api/market/candle-uploads/{id}/import")) {
            cases.put(route, List.of(
                    new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", "00000000-0000-4000-8000-000000000000")),
                    new SameAnswer("an id that is no UUID", 404, side -> Ask.as(token).at("id", "not-a-uuid")),
                    new Refused("no token", () -> null)));
        }
        cases.put("GET /api/market/watches", List.of(
                new SameAnswer("the caller's watches", 200, side -> Ask.as(token)),
                new Refused("no token", () -> null)));
        cases.put("DELETE /api/market/watches/{id}", List.of(
                // A watch of its own for each way: deleting it is the point.
                new SameAnswer("an own watch", 204, side -> Ask.as(token)
                        .at("id", watch("PARITYUSDT", side == Side.GATEWAY ? "2h" : "6h"))),
                new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", "00000000-0000-4000-8000-000000000000")),
                new SameAnswer("an id that is no UUID", 404, side -> Ask.as(token).at("id", "not-a-uuid")),
                new Refused("no token", () -> null)));
        cases.put("GET /api/strategies", List.of(
                new SameAnswer("a valid token", 200, side -> Ask.as(token)),
                new SameAnswer("a body where none is taken", 400, side -> new Ask("{\"name\": \"sma-cross\"}", token)),
                new Refused("no token", () -> null),
                new Refused("a revoked token", () -> revokedToken)));
        cases.put("POST /api/backtests", List.of(
                new SameAnswer("a valid backtest", 202, side -> new Ask(BACKTEST, token), Set.of("id")),
                new SameAnswer("an unknown strategy", 400, side -> new Ask(BACKTEST.replace("sma-cross", "x"), token)),
                new SameAnswer("out-of-range fields", 400, side -> new Ask(BACKTEST
                        .replace("\"feeBps\":10", "\"feeBps\":5000").replace("\"value\":100", "\"value\":150"), token)),
                new SameAnswer("a range without candles", 400, side -> new Ask(BACKTEST.replace("2024-", "2030-"), token)),
                new SameAnswer("malformed JSON", 400, side -> new Ask("{\"symbol\":", token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/backtests", List.of(
                new SameAnswer("our backtests", 200, side -> {
                    settled();
                    return Ask.as(token);
                }),
                new SameAnswer("a body where none is taken", 400, side -> new Ask("{\"all\": true}", token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/backtests/{id}", List.of(
                new SameAnswer("a finished backtest", 200, side -> Ask.as(token).at("id", finishedBacktest)),
                new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", SOME_ID)),
                new SameAnswer("an id that is no UUID", 404, side -> Ask.as(token).at("id", "42")),
                new Refused("no token", () -> null)));
        cases.put("DELETE /api/backtests/{id}", List.of(
                // A backtest of its own for each way: deleting it is the point.
                new SameAnswer("our backtest", 204, side -> Ask.as(token).at("id", backtestRow("succeeded"))),
                new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", SOME_ID)),
                new Refused("no token", () -> null)));
        cases.put("POST /api/backtests/{id}/cancel", List.of(
                new SameAnswer("a queued backtest", 200, side -> Ask.as(token).at("id", backtestRow("queued")),
                        Set.of("id", "createdAt", "finishedAt")),
                new SameAnswer("a finished backtest", 409, side -> Ask.as(token).at("id", finishedBacktest)),
                new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", SOME_ID)),
                new Refused("no token", () -> null)));
        cases.put("POST /api/optimizations", List.of(
                new SameAnswer("a valid grid", 202, side -> new Ask(OPTIMIZATION, token), Set.of("id")),
                new SameAnswer("too many runs", 400, side -> new Ask(OPTIMIZATION
                        .replace("\"maxRuns\":10", "\"maxRuns\":100001"), token)),
                new SameAnswer("a grid over maxRuns", 400, side -> new Ask(OPTIMIZATION
                        .replace("\"maxRuns\":10", "\"maxRuns\":3"), token)),
                new SameAnswer("malformed JSON", 400, side -> new Ask("[", token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/optimizations/{id}", List.of(
                new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", SOME_ID)),
                new SameAnswer("a body where none is taken", 400, side -> new Ask("{\"id\": 1}", token).at("id", SOME_ID)),
                new Refused("no token", () -> null)));
        cases.put("GET /health", List.of(
                new SameAnswer("every service up", 200, side -> Ask.nothing())));
        cases.put("POST /api/accounts", List.of(
                // A UUID for a name: unique on each side, and masked by its shape.
                new SameAnswer("a Binance account", 201, side -> new Ask(binanceAccountBody(UUID.randomUUID().toString()), token),
                        Set.of("id", "name", "createdAt")),
                new SameAnswer("a name already taken", 409, side -> new Ask(binanceAccountBody(ACCOUNT_NAME), token)),
                new SameAnswer("keys on a paper account", 400, side -> new Ask("{\"name\": \"P\", \"kind\": \"paper\", \"apiKey\": \""
                        + API_KEY + "\", \"apiSecret\": \"" + API_SECRET + "\"}", token)),
                new SameAnswer("no keys on a Binance account", 400, side -> new Ask("{\"name\": \"B\", \"kind\": \"binance\"}", token)),
                new SameAnswer("an unknown kind", 400, side -> new Ask("{\"name\": \"K\", \"kind\": \"kraken\"}", token)),
                new SameAnswer("bad balances", 400, side -> new Ask("{\"name\": \"P\", \"kind\": \"paper\", "
                        + "\"balances\": {\"USDT\": \"-1\", \"btc\": \"1\"}}", token)),
                new SameAnswer("malformed JSON", 400, side -> new Ask("{\"name\": ", token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/accounts", List.of(
                new SameAnswer("the caller's accounts", 200, side -> Ask.as(token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/accounts/{id}", List.of(
                new SameAnswer("an own account", 200, side -> Ask.as(token).at("id", binanceAccount)),
                new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", "00000000-0000-4000-8000-000000000000")),
                new SameAnswer("an id that is no UUID", 404, side -> Ask.as(token).at("id", "not-a-uuid")),
                new Refused("no token", () -> null)));
        cases.put("PATCH /api/accounts/{id}", List.of(
                new SameAnswer("new keys under the same name", 200, side -> new Ask("{\"name\": \"" + ACCOUNT_NAME
                        + "\", \"apiKey\": \"" + API_KEY + "\", \"apiSecret\": \"" + API_SECRET + "\"}", token).at("id", binanceAccount)),
                new SameAnswer("nothing to change", 400, side -> new Ask("{}", token).at("id", binanceAccount)),
                new SameAnswer("a daily loss limit", 200, side -> new Ask("{\"dailyLossLimitQuote\": \"250\"}", token)
                        .at("id", paperAccount)),
                new SameAnswer("a negative daily loss limit", 400, side -> new Ask("{\"dailyLossLimitQuote\": \"-1\"}", token)
                        .at("id", paperAccount)),
                new SameAnswer("a key without its secret", 400, side -> new Ask("{\"apiKey\": \"" + API_KEY + "\"}", token)
                        .at("id", binanceAccount)),
                new SameAnswer("an unknown id", 404, side -> new Ask("{\"name\": \"x\"}", token)
                        .at("id", "00000000-0000-4000-8000-000000000000")),
                new Refused("no token", () -> null)));
        cases.put("DELETE /api/accounts/{id}", List.of(
                new SameAnswer("an own account", 204, side -> Ask.as(token)
                        .at("id", exchangeAccount(binanceAccountBody(UUID.randomUUID().toString())))),
                new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", "00000000-0000-4000-8000-000000000000")),
                new Refused("no token", () -> null)));
        cases.put("POST /api/accounts/{id}/test", List.of(
                new SameAnswer("a paper account", 200, side -> Ask.as(token).at("id", paperAccount)),
                // Tests never reach the real Binance (config/application.properties points it at a closed port).
                new SameAnswer("Binance unreachable", 200, side -> Ask.as(token).at("id", binanceAccount)),
                new SameAnswer("a body where none is taken", 400, side -> new Ask("{\"apiKey\": \"x\"}", token).at("id", paperAccount)),
                new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", "00000000-0000-4000-8000-000000000000")),
                new Refused("no token", () -> null)));
        String bot = "{\"name\": \"B\", \"accountId\": \"" + SOME_ID + "\", \"symbol\": \"BTCUSDT\", \"interval\": \"1m\", "
                + "\"strategy\": \"sma-cross\", \"params\": {}, \"sizing\": {\"type\": \"fixed\", \"value\": \"100\"}}";
        cases.put("POST /api/bots", List.of(
                new SameAnswer("an account that is not the caller's", 404, side -> new Ask(bot, token)),
                new SameAnswer("an unknown strategy", 400, side -> new Ask(bot.replace("sma-cross", "x"), token)),
                new SameAnswer("an unknown interval", 400, side -> new Ask(bot.replace("\"1m\"", "\"7m\""), token)),
                new SameAnswer("malformed JSON", 400, side -> new Ask("{\"name\":", token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/bots", List.of(
                new SameAnswer("the caller's bots", 200, side -> Ask.as(token)),
                new SameAnswer("a body where none is taken", 400, side -> new Ask("{\"all\": true}", token)),
                new Refused("no token", () -> null)));
        for (String route : List.of("GET /api/bots/{id}", "DELETE /api/bots/{id}", "POST /api/bots/{id}/start",
                "GET /api/bots/{id}/orders", "GET /api/bots/{id}/fills", "GET /api/bots/{id}/events")) {
            cases.put(route, List.of(
                    new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", SOME_ID)),
                    new SameAnswer("an id that is no UUID", 404, side -> Ask.as(token).at("id", "42")),
                    new Refused("no token", () -> null)));
        }
        cases.put("PATCH /api/bots/{id}", List.of(
                new SameAnswer("an unknown id", 404, side -> new Ask("{\"name\": \"x\"}", token).at("id", SOME_ID)),
                new SameAnswer("malformed JSON", 400, side -> new Ask("{\"name\":", token).at("id", SOME_ID)),
                new Refused("no token", () -> null)));
        cases.put("POST /api/bots/{id}/stop", List.of(
                new SameAnswer("an unknown id", 404, side -> new Ask("{}", token).at("id", SOME_ID)),
                new SameAnswer("malformed JSON", 400, side -> new Ask("[", token).at("id", SOME_ID)),
                new Refused("no token", () -> null)));
        cases.put("POST /api/bots/stop-all", List.of(
                new SameAnswer("no bot running", 200, side -> new Ask("{\"flatten\": true}", token)),
                new SameAnswer("flatten missing", 400, side -> new Ask("{}", token)),
                new SameAnswer("flatten not a boolean", 400, side -> new Ask("{\"flatten\": \"yes\"}", token)),
                new SameAnswer("malformed JSON", 400, side -> new Ask("{\"flatten\":", token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/portfolio", List.of(
                // The paper account's ledger and the unreachable Binance account's error, read the same both ways.
                new SameAnswer("the caller's accounts valued", 200, side -> Ask.as(token), Set.of("asOf")),
                new SameAnswer("a body where none is taken", 400, side -> new Ask("{\"all\": true}", token)),
                new Refused("no token", () -> null)));
        cases.put("GET /api/portfolio/equity", List.of(
                new SameAnswer("an own account's history", 200, side -> Ask.as(token)
                        .query("accountId=" + paperAccount + "&from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z")),
                new SameAnswer("no accountId", 400, side -> Ask.as(token).query("from=2024-01-01T00:00:00Z")),
                new SameAnswer("a bad time", 400, side -> Ask.as(token).query("accountId=" + paperAccount + "&from=yesterday")),
                new SameAnswer("from after to", 400, side -> Ask.as(token)
                        .query("accountId=" + paperAccount + "&from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z")),
                new SameAnswer("an account that is not the caller's", 404, side -> Ask.as(token).query("accountId=" + SOME_ID
                        + "&from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z")),
                new Refused("no token", () -> null)));
        for (String route : List.of("POST /api/strategies", "POST /api/strategies/validate", "POST /api/webhooks",
                "POST /api/notifications/telegram")) {
            cases.put(route, List.of(
                    new SameAnswer("malformed JSON", 400, side -> new Ask("{\"name\":", token)),
                    new SameAnswer("wrong-typed fields", 400, side -> new Ask("{\"name\": [1], \"source\": 2, \"url\": 3}", token)),
                    new Refused("no token", () -> null)));
        }
        for (String route : List.of("GET /api/webhooks", "GET /api/notifications/telegram")) {
            cases.put(route, List.of(
                    new SameAnswer("the caller's own", 200, side -> Ask.as(token)),
                    new Refused("no token", () -> null)));
        }
        for (String route : List.of("GET /api/strategies/{id}", "DELETE /api/strategies/{id}", "DELETE /api/webhooks/{id}",
                "GET /api/webhooks/{id}/deliveries", "POST /api/webhooks/{id}/test", "DELETE /api/notifications/telegram/{id}",
                "POST /api/notifications/telegram/{id}/test")) {
            cases.put(route, List.of(
                    new SameAnswer("an unknown id", 404, side -> Ask.as(token).at("id", SOME_ID)),
                    new Refused("no token", () -> null)));
        }
        cases.put("PUT /api/strategies/{id}", List.of(
                new SameAnswer("malformed JSON", 400, side -> new Ask("{\"name\":", token).at("id", SOME_ID)),
                new Refused("no token", () -> null)));
        return cases;
    }

    @Test
    void everyHttpApiRouteOfTheTemplateHasCasesAndNoCaseNamesAnotherRoute() {
        Set<String> routes = template.routes().stream().map(HttpRoute::routeKey).collect(Collectors.toSet());

        assertThat(cases().keySet()).containsExactlyInAnyOrderElementsOf(routes);
        assertThat(routes).contains("POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/logout",
                "GET /api/auth/me", "GET /health");
    }

    @TestFactory
    Stream<DynamicContainer> theGatewayAndFunctionInvokerAnswerAlike() {
        Map<String, List<ParityCase>> cases = cases();
        return template.routes().stream().map(route -> {
            List<ParityCase> forRoute = cases.getOrDefault(route.routeKey(), List.of());
            Stream<DynamicTest> tests = forRoute.isEmpty()
                    ? Stream.of(DynamicTest.dynamicTest("has parity cases",
                            () -> fail("No parity case for " + route.routeKey() + ": add some to HttpApiParityIT.cases()")))
                    : forRoute.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(route, c)));
            return DynamicContainer.dynamicContainer(route.routeKey() + " (" + route.function() + ")", tests);
        });
    }

    @Test
    void theAuthorizerThroughFunctionInvokerAcceptsTheTokenTheGatewayAccepts() throws Exception {
        HttpRoute me = route("GET /api/auth/me");

        assertThat(gatewayCall(me, null, token).statusCode()).isEqualTo(200);
        assertThat(json.readTree(Lambdas.invoke(authorizer(), authorizerEvent(me, token)))).isEqualTo(json.readTree(
                "{\"isAuthorized\":true,\"context\":{\"userId\":\"" + userId + "\"}}"));
    }

    // --- one case, both ways -------------------------------------------------------------------

    private void check(HttpRoute route, ParityCase parityCase) throws Exception {
        if (parityCase instanceof SameAnswer same) {
            sameAnswer(route, same);
        }
        else if (parityCase instanceof Refused refused) {
            refused(route, refused.token().get());
        }
    }

    private void sameAnswer(HttpRoute route, SameAnswer same) throws Exception {
        Ask gatewayAsk = same.ask().apply(Side.GATEWAY);
        Ask lambdaAsk = same.ask().apply(Side.LAMBDA);

        Answer gateway = Answer.of(gatewayCall(route, gatewayAsk));
        Answer lambda = lambdaCall(route, lambdaAsk);

        assertThat(gateway.status()).as("status through the gateway: " + gateway.body()).isEqualTo(same.status());
        assertThat(lambda.status()).as("status through FunctionInvoker: " + lambda.body()).isEqualTo(gateway.status());
        assertThat(lambda.contentType()).as("content type").isEqualTo(gateway.contentType());
        if (gateway.body().isEmpty()) {
            assertThat(lambda.body()).as("body through FunctionInvoker").isEmpty();
        }
        else {
            JsonNode expected = masked(json.readTree(gateway.body()), same.masked());
            assertThat(masked(json.readTree(lambda.body()), same.masked())).as("body").isEqualTo(expected);
        }
        if (same.status() >= 400) {
            assertThat(gateway.contentType()).contains("application/problem+json");
        }
        assertThat(gateway.body() + lambda.body()).doesNotContain("Exception", "\tat ", "at app.tradebot.");
    }

    /** The gateway answers 401 itself; in AWS the authorizer's deny is all there is to compare. */
    private void refused(HttpRoute route, String refusedToken) throws Exception {
        // Any value will do for path parameters: the authorizer refuses before the route is asked.
        Map<String, String> anyParameters = new LinkedHashMap<>();
        java.util.regex.Matcher names = Pattern.compile("\\{([^}]+)}").matcher(route.path());
        while (names.find()) {
            anyParameters.put(names.group(1), "00000000-0000-4000-8000-000000000000");
        }
        HttpResponse<String> gateway = gatewayCall(route, new Ask(null, refusedToken, anyParameters));

        assertThat(gateway.statusCode()).isEqualTo(401);
        assertThat(gateway.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(gateway.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(body(gateway).get("status").asInt()).isEqualTo(401);
        assertThat(json.readTree(Lambdas.invoke(authorizer(), authorizerEvent(route, refusedToken))))
                .isEqualTo(json.readTree("{\"isAuthorized\":false,\"context\":{}}"));
    }

    // --- the two ways ---------------------------------------------------------------------------

    private HttpResponse<String> gatewayCall(HttpRoute route, String requestBody, String bearer) throws Exception {
        return gatewayCall(route, new Ask(requestBody, bearer));
    }

    private HttpResponse<String> gatewayCall(HttpRoute route, Ask ask) throws Exception {
        String requestBody = ask.body();
        String bearer = ask.token();
        // The route's throttle is the gateway's business, not the function's: never let it answer here.
        refillThrottle(route.routeKey());
        List<String> headers = new ArrayList<>();
        if (requestBody != null) {
            headers.addAll(List.of("Content-Type", ask.contentType()));
        }
        if (bearer != null) {
            headers.addAll(List.of("Authorization", "Bearer " + bearer));
        }
        return send(route.method(), path(route, ask.path()) + (ask.query().isEmpty() ? "" : "?" + ask.query()),
                requestBody == null ? BodyPublishers.noBody() : BodyPublishers.ofString(requestBody),
                headers.toArray(String[]::new));
    }

    private Answer lambdaCall(HttpRoute route, Ask ask) {
        Map<String, Object> authorizerContext = null;
        if (route.authorized()) {
            JsonNode decision = json.readTree(Lambdas.invoke(authorizer(), authorizerEvent(route, ask.token())));
            assertThat(decision.path("isAuthorized").asBoolean()).as("the authorizer through FunctionInvoker: " + decision)
                    .isTrue();
            // Most cases are our user's; a few sign a user of their own up.
            assertThat(decision.path("context").path("userId").asString()).isEqualTo(subject(ask.token()));
            @SuppressWarnings("unchecked")
            Map<String, Object> context = json.convertValue(decision.get("context"), Map.class);
            authorizerContext = context;
        }
        ObjectNode event = event(route, ask.token());
        if (!ask.path().isEmpty()) {
            event.put("rawPath", path(route, ask.path()));
            ((ObjectNode) event.get("requestContext").get("http")).put("path", path(route, ask.path()));
            event.set("pathParameters", json.valueToTree(ask.path()));
        }
        if (!ask.query().isEmpty()) {
            // As API Gateway passes a query string: raw, and decoded into parameters.
            event.put("rawQueryString", ask.query());
            ObjectNode parameters = event.putObject("queryStringParameters");
            for (String pair : ask.query().split("&")) {
                String[] nameValue = pair.split("=", 2);
                parameters.put(java.net.URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length < 2 ? "" : java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
            }
        }
        if (authorizerContext != null) {
            ((ObjectNode) event.get("requestContext")).putObject("authorizer").set("lambda", json.valueToTree(authorizerContext));
        }
        if (ask.body() != null) {
            ((ObjectNode) event.get("headers")).put("content-type", ask.contentType());
            event.put("body", ask.body());
        }
        event.put("isBase64Encoded", false);
        return Answer.of(json.readTree(Lambdas.invoke(route.function(), json.writeValueAsString(event))));
    }

    /** The payload 2.0 event API Gateway sends for this request (without body). */
    private ObjectNode event(HttpRoute route, String bearer) {
        Instant now = Instant.now();
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", route.path());
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("host", "127.0.0.1:" + port);
        headers.put("user-agent", USER_AGENT);
        headers.put("x-forwarded-for", "127.0.0.1");
        headers.put("x-forwarded-proto", "http");
        if (bearer != null) {
            headers.put("authorization", "Bearer " + bearer);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "127");
        ObjectNode http = context.putObject("http");
        http.put("method", route.method());
        http.put("path", route.path());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", USER_AGENT);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        return event;
    }

    /** API Gateway's v2 REQUEST authorizer payload: the request event without body, plus type, routeArn, identitySource. */
    private String authorizerEvent(HttpRoute route, String bearer) {
        ObjectNode event = event(route, bearer);
        event.put("type", "REQUEST");
        event.put("routeArn", "arn:aws:execute-api:local:000000000000:local/$default/" + route.method() + route.path());
        if (bearer != null) {
            event.putArray("identitySource").add("Bearer " + bearer);
        }
        return json.writeValueAsString(event);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** The route's path with its {name} parameters filled in. */
    private static String path(HttpRoute route, Map<String, String> parameters) {
        String path = route.path();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        return path;
    }

    /** Creates an exchange account of the test's user through the gateway; its id. */
    private String exchangeAccount(String requestBody) {
        return created(route("POST /api/accounts"), requestBody, "creating an exchange account");
    }

    private static String binanceAccountBody(String name) {
        return "{\"name\": \"" + name + "\", \"kind\": \"binance\", \"apiKey\": \"" + API_KEY + "\", \"apiSecret\": \""
                + API_SECRET + "\"}";
    }

    /** Watches a pair as the test's user through the gateway; the watch's id. */
    private String watch(String symbol, String interval) {
        return created(route("POST /api/market/watches"), "{\"symbol\": \"" + symbol + "\", \"interval\": \"" + interval + "\"}",
                "watching " + symbol + " " + interval);
    }

    /** POSTs as the test's user and expects 201; the new resource's id. */
    private String created(HttpRoute route, String requestBody, String what) {
        try {
            HttpResponse<String> created = gatewayCall(route, requestBody, token);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return body(created).get("id").asString();
        }
        catch (Exception e) {
            throw new AssertionError(what + " failed", e);
        }
    }

    private String authorizer() {
        return template.authorizerFunction().orElseThrow(() -> new AssertionError("template.yaml declares no authorizer"));
    }

    private HttpRoute route(String routeKey) {
        return template.routes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst()
                .orElseThrow(() -> new AssertionError("template.yaml has no route " + routeKey));
    }

    private String signIn() {
        try {
            HttpResponse<String> login = gatewayCall(route("POST /api/auth/login"), credentials(email, PASSWORD), null);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            return body(login).get("accessToken").asString();
        }
        catch (Exception e) {
            throw new AssertionError("signing in failed", e);
        }
    }

    /** The user a token of ours names, unverified: the authorizer's job is checked above. */
    private static String subject(String token) {
        try {
            return com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getSubject();
        }
        catch (java.text.ParseException e) {
            throw new AssertionError("not a token of ours: " + token, e);
        }
    }

    /** A token of a user registered for this one call, through the gateway. */
    private String freshUserToken(Object side) {
        try {
            String address = fresh(side);
            HttpResponse<String> registered = gatewayCall(route("POST /api/auth/register"), credentials(address, PASSWORD), null);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            HttpResponse<String> login = gatewayCall(route("POST /api/auth/login"), credentials(address, PASSWORD), null);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            return body(login).get("accessToken").asString();
        }
        catch (Exception e) {
            throw new AssertionError("signing up failed", e);
        }
    }

    /** A well-formed HS512 token for our user, signed with a key that is not ours. */
    private String forgedToken() {
        String[] parts = token.split("\\.");
        byte[] otherSignature = new byte[64];
        Arrays.fill(otherSignature, (byte) 7);
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(otherSignature);
    }

    private String credentials(String address, String password) {
        ObjectNode body = json.createObjectNode();
        body.put("email", address);
        body.put("password", password);
        return json.writeValueAsString(body);
    }

    private static String fresh(Object prefix) {
        return prefix.toString().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@example.com";
    }

    /** The masked top-level members replaced by their shape, so that two ids compare equal but an id and a null do not. */
    private JsonNode masked(JsonNode body, Set<String> members) {
        if (!(body instanceof ObjectNode object) || members.isEmpty()) {
            return body;
        }
        ObjectNode copy = object.deepCopy();
        for (String member : members) {
            JsonNode value = copy.get(member);
            if (value != null && value.isString()) {
                copy.put(member, shape(value.asString()));
            }
        }
        return copy;
    }

    private static String shape(String value) {
        if (UUID_SHAPE.matcher(value).matches()) {
            return "<uuid>";
        }
        if (JWT_SHAPE.matcher(value).matches()) {
            return "<jwt>";
        }
        if (value.endsWith("@example.com")) {
            return "<email>";
        }
        try {
            Instant.parse(value);
            return "<instant>";
        }
        catch (RuntimeException e) {
            return value;
        }
    }

    enum Side {
        GATEWAY, LAMBDA
    }

    /**
     * What a case asks: a body (or none) of a content type (JSON unless said), a bearer token (or
     * none), the values of the route's path parameters and a query string.
     */
    record Ask(String body, String token, Map<String, String> path, String query, String contentType) {

        Ask(String body, String token) {
            this(body, token, Map.of());
        }

        Ask(String body, String token, Map<String, String> path) {
            this(body, token, path, "", JSON);
        }

        /** The same ask on the route's path with {@code {name}} filled in. */
        Ask at(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(path);
            all.put(name, value);
            return new Ask(body, token, Map.copyOf(all), query, contentType);
        }

        /** The same ask with a query string ({@code a=1&b=2}, encoded). */
        Ask query(String query) {
            return new Ask(body, token, path, query, contentType);
        }

        /** The same ask with its body of another content type. */
        Ask typed(String contentType) {
            return new Ask(body, token, path, query, contentType);
        }

        static Ask body(String body) {
            return new Ask(body, null);
        }

        static Ask as(String token) {
            return new Ask(null, token);
        }

        static Ask nothing() {
            return new Ask(null, null);
        }
    }

    sealed interface ParityCase {
        String name();
    }

    /** Both ways answer {@code status} with the same body, {@code masked} members compared by shape. */
    record SameAnswer(String name, int status, Function<Side, Ask> ask, Set<String> masked) implements ParityCase {

        SameAnswer(String name, int status, Function<Side, Ask> ask) {
            this(name, status, ask, Set.of());
        }
    }

    /** A token the authorizer refuses: 401 from the gateway, a deny from the authorizer through FunctionInvoker. */
    record Refused(String name, Supplier<String> token) implements ParityCase {
    }

    record Answer(int status, Optional<String> contentType, String body) {

        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type"),
                    response.body() == null ? "" : response.body());
        }

        /** FunctionInvoker's output: the function's APIGatewayV2HTTPResponse as JSON. */
        static Answer of(JsonNode lambda) {
            Optional<String> contentType = Optional.empty();
            JsonNode headers = lambda.path("headers");
            for (Map.Entry<String, JsonNode> header : headers.properties()) {
                if (header.getKey().equalsIgnoreCase("Content-Type")) {
                    contentType = Optional.of(header.getValue().asString());
                }
            }
            JsonNode body = lambda.get("body");
            String text = body == null || body.isNull() ? "" : body.asString();
            if (lambda.path("isBase64Encoded").asBoolean(false)) {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            }
            return new Answer(lambda.path("statusCode").asInt(), contentType, text);
        }
    }
}
