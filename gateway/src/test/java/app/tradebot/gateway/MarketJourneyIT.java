package app.tradebot.gateway;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 as a new user meets it, over real HTTP through the gateway: registers, signs in, imports
 * the real BTC 4-hour file (1.2 MB, over the 64 KiB the other gateway tests allow, so this context
 * keeps the default body limit) as BTCUSDT 4h and reads every candle back page by page.
 */
@SpringBootTest(classes = TradeBotLauncher.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tradebot.roles=gateway,worker,scheduler",
            "tradebot.environment=production",
            "tradebot.auth.secret-key=" + Lambdas.SECRET_KEY,
            "tradebot.health.timeout=15s",
            "spring.datasource.hikari.maximum-pool-size=4"
        })
class MarketJourneyIT extends AllInOneContext {

    static final Path REAL_4H = Path.of("../functions/src/test/resources/candles/coinbase-btcusd-4h-20160518-20251028.csv");
    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNewUserImportsTheReal4hFileAndReadsItBack() throws Exception {
        // The ticker read below is the close of the latest BTCUSDT candle, of any interval: only this
        // file's may be stored, and no price another test cached may answer instead.
        jdbc.update("delete from candles where symbol = 'BTCUSDT'");
        Set<String> cached = redis.keys("market:ticker*");
        if (cached != null && !cached.isEmpty()) {
            redis.delete(cached);
        }
        String email = "market-" + UUID.randomUUID() + "@example.com";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        refillThrottle("POST /api/auth/register");
        assertThat(send("POST", "/api/auth/register", BodyPublishers.ofString(credentials), "Content-Type", "application/json")
                .statusCode()).isEqualTo(201);
        refillThrottle("POST /api/auth/login");
        HttpResponse<String> login = send("POST", "/api/auth/login", BodyPublishers.ofString(credentials),
                "Content-Type", "application/json");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String bearer = "Bearer " + body(login).get("accessToken").asString();

        byte[] file = Files.readAllBytes(REAL_4H);
        assertThat(file.length).isGreaterThan(1_000_000);
        HttpResponse<String> imported = send("POST", "/api/market/candles/import?symbol=BTCUSDT&interval=4h",
                BodyPublishers.ofByteArray(file), "Content-Type", "text/csv", "Authorization", bearer);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode result = body(imported);
        assertThat(result.get("rows").asLong()).isEqualTo(20_695);
        assertThat(result.get("imported").asLong()).isEqualTo(20_695);

        List<String> lines = Files.readAllLines(REAL_4H);
        List<String> read = new ArrayList<>();
        String from = "2016-05-18T04:00:00Z";
        while (from != null) {
            HttpResponse<String> page = send("GET", "/api/market/candles?symbol=BTCUSDT&interval=4h&limit=1000&from="
                    + URLEncoder.encode(from, StandardCharsets.UTF_8), BodyPublishers.noBody(), "Authorization", bearer);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode candles = body(page);
            candles.get("candles").forEach(c -> read.add(Instant.parse(c.get("openTime").asString()).toEpochMilli() + ","
                    + c.get("open").asString() + "," + c.get("high").asString() + "," + c.get("low").asString() + ","
                    + c.get("close").asString() + "," + c.get("volume").asString()));
            from = candles.get("next").isNull() ? null : candles.get("next").asString();
        }
        assertThat(read).containsExactlyElementsOf(lines.subList(1, lines.size()));

        HttpResponse<String> ticker = send("GET", "/api/market/ticker/BTCUSDT", BodyPublishers.noBody(), "Authorization", bearer);
        assertThat(ticker.statusCode()).as(ticker.body()).isEqualTo(200);
        JsonNode price = body(ticker).get("price");
        assertThat(price.isString()).as("price is a decimal string: %s", price).isTrue();
        assertThat(new BigDecimal(price.asString())).isEqualByComparingTo(lines.get(lines.size() - 1).split(",")[4]);

        // What the OpenAPI document says of every decimal (a string of a pattern) is what the answers carry.
        JsonNode schemas = body(send("GET", "/api/openapi.json", BodyPublishers.noBody())).get("components").get("schemas");
        JsonNode lastPage = body(send("GET", "/api/market/candles?symbol=BTCUSDT&interval=4h&limit=3",
                BodyPublishers.noBody(), "Authorization", bearer));
        List<String> decimals = new ArrayList<>();
        decimalsAsDocumented(schemas, responseSchema(schemas, "/api/market/ticker/{symbol}"), body(ticker), "ticker", decimals);
        decimalsAsDocumented(schemas, responseSchema(schemas, "/api/market/candles"), lastPage, "candles", decimals);
        assertThat(decimals).contains("ticker.price", "candles.candles[0].open", "candles.candles[2].volume");

        HttpResponse<String> unauthorized = send("GET", "/api/market/candles?symbol=BTCUSDT&interval=4h", BodyPublishers.noBody());
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        HttpResponse<String> tooMany = send("GET", "/api/market/candles?symbol=BTCUSDT&interval=4h&limit=5000",
                BodyPublishers.noBody(), "Authorization", bearer);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    private JsonNode responseSchema(JsonNode schemas, String path) throws Exception {
        JsonNode paths = body(send("GET", "/api/openapi.json", BodyPublishers.noBody())).get("paths");
        JsonNode ref = paths.get(path).get("get").get("responses").get("200").get("content").get("application/json")
                .get("schema");
        return resolve(schemas, ref);
    }

    private static JsonNode resolve(JsonNode schemas, JsonNode schema) {
        return schema.has("$ref") ? schemas.get(schema.get("$ref").asString().replace("#/components/schemas/", "")) : schema;
    }

    /** Walks an answer along its documented schema and checks each decimal field against the document. */
    private static void decimalsAsDocumented(JsonNode schemas, JsonNode schema, JsonNode value, String at, List<String> seen) {
        JsonNode resolved = resolve(schemas, schema);
        if (value == null || value.isNull()) {
            return;
        }
        if ("decimal".equals(resolved.path("format").asString(null))) {
            assertThat(value.isString()).as("%s is documented as a decimal string but is %s", at, value).isTrue();
            assertThat(value.asString()).as(at).matches(resolved.get("pattern").asString());
            seen.add(at);
        }
        else if (resolved.has("properties")) {
            resolved.get("properties").properties().forEach(property -> decimalsAsDocumented(schemas, property.getValue(),
                    value.get(property.getKey()), at + "." + property.getKey(), seen));
        }
        else if (resolved.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                decimalsAsDocumented(schemas, resolved.get("items"), value.get(i), at + "[" + i + "]", seen);
            }
        }
    }
}
