package app.tradebot.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input suite: every route of the OpenAPI document the gateway serves, attacked the ways a
 * hostile client would (malformed JSON, deep nesting, huge numbers, a million-digit decimal, NUL
 * bytes, wrong types, missing and extra fields, hostile path ids and query values, wrong content
 * types, no token and a bad token), plus what the servlet container sees first (encoded slashes
 * and NULs in the path, unknown methods). Every answer must be a 4xx problem+json within a second;
 * none may be a 5xx. Routes added to template.yaml are attacked without changing this class, since
 * the cases are built from the document. Requests go over a raw socket, so nothing in a client
 * library tidies the attack up. The counts are printed.
 */
@DirtiesContext
@SpringBootTest(classes = TradeBotLauncher.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tradebot.roles=gateway",
            "tradebot.environment=production",
            "tradebot.auth.secret-key=" + Lambdas.SECRET_KEY,
            "spring.datasource.hikari.maximum-pool-size=4"
        })
class BadInputSuiteIT {

    private static final long BUDGET_MILLIS = 1000;
    private static final String PASSWORD = "correct horse battery";

    /** Path ids as sent on the wire, already percent-encoded where a raw byte would break the request line. */
    private static final List<String> HOSTILE_IDS = List.of(
            "..%2F..%2Fetc%2Fpasswd", "..%2f..%2f..%2fwindows%2fwin.ini", "%00", "abc%00def", "%2e%2e", "%ZZ",
            "%C0%AE%C0%AE", "%0d%0aSet-Cookie:%20x=1", "%27%20OR%20%271%27%3D%271", "-1", "99999999999999999999999",
            "00000000-0000-0000-0000-000000000000", "A".repeat(5000), "%F0%9F%92%A9", "%EF%BF%BF", "%7B%7D");

    /** Query strings: each holds a control character, so no route may read past it. */
    private static final List<String> HOSTILE_QUERIES = List.of(
            "symbol=%00", "limit=99999999999999999999999&symbol=BTC%00USDT&from=-1e400",
            "interval=%0d%0a&to=%FF%FE", "x=" + "A".repeat(6000) + "%00", "%00=1", "symbol=BTCUSDT&interval=4h&from=%1b[2J");

    /** A request that would otherwise read as plausible, so the body is what is judged. */
    private static final String PLAUSIBLE_QUERY = "symbol=BTCUSDT&interval=4h";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    StringRedisTemplate redis;

    record Attack(String name, String method, String target, Map<String, String> headers, byte[] body) {
    }

    record Answer(int status, String contentType, String body, long millis) {
    }

    @Test
    void everyRouteOfTheDocumentAnswersEveryAttackWithA4xxProblemWithinASecond() throws Exception {
        String token = signUp();
        JsonNode document = json.readTree(send(new Attack("openapi", "GET", ApiDocs.OPENAPI, Map.of(), new byte[0])).body());
        List<Attack> attacks = new ArrayList<>();
        int routes = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                routes++;
                attacks.addAll(attacksOn(path.getKey(), operation.getKey().toUpperCase(Locale.ROOT), operation.getValue(),
                        document, token));
            }
        }
        attacks.addAll(containerAttacks(token));

        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long slowest = 0;
        for (Attack attack : attacks) {
            redis.delete(redis.keys(RouteThrottle.KEY_PREFIX + "*"));
            Answer answer = send(attack);
            byStatus.merge(answer.status(), 1, Integer::sum);
            slowest = Math.max(slowest, answer.millis());
            String problem = judge(answer);
            if (problem != null) {
                failures.add(attack.method() + " " + shorten(attack.target()) + " [" + attack.name() + "]: " + problem);
            }
        }
        redis.delete(redis.keys("auth:login-attempts:*"));

        long fiveHundreds = byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        System.out.printf("bad-input suite: %d routes, %d attacks, %d answered 4xx problem+json within %d ms, "
                + "%d failed, %d answered 5xx; slowest %d ms; by status %s%n", routes, attacks.size(),
                attacks.size() - failures.size(), BUDGET_MILLIS, failures.size(), fiveHundreds, slowest, byStatus);
        failures.forEach(failure -> System.out.println("bad-input suite: FAILED " + failure));
        assertThat(routes).as("routes in the document").isGreaterThan(20);
        assertThat(failures).isEmpty();
    }

    @Test
    void aJsonRouteTakes64KiBAndOnlyTheCandleImportTakesMore() throws Exception {
        String token = signUp();
        String padded = "{\"email\":\"" + "a".repeat(70_000) + "@example.com\",\"password\":\"" + PASSWORD + "\"}";
        StringBuilder csv = new StringBuilder();
        while (csv.length() < 1_000_000) {
            csv.append("1463544000000,x,1,1,1,1\n");
        }

        Answer json = send(json("a large JSON body", "POST", "/api/auth/register", Map.of(), padded));
        Answer upload = send(new Attack("a large upload", "POST", "/api/market/candles/import?symbol=BTCUSDT&interval=4h",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "text/csv"), csv.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(json.status()).as(json.body()).isEqualTo(413);
        assertThat(this.json.readTree(json.body()).get("detail").asString()).isEqualTo("The request body is larger than 65536 bytes.");
        // Read whole and refused for its rows, not for its size.
        assertThat(upload.status()).as(upload.body()).isEqualTo(400);
        assertThat(this.json.readTree(upload.body()).get("errors").get(0).get("field").asString()).isEqualTo("line 1");
    }

    @Test
    void wrongPasswordsFromEverChangingForwardedAddressesStillEndIn429() throws Exception {
        String email = "lockout-" + UUID.randomUUID() + "@example.com";
        String right = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(send(json("sign up", "POST", "/api/auth/register", Map.of(), right)).status()).isEqualTo(201);
        List<Integer> statuses = new ArrayList<>();

        for (int i = 1; i <= 12; i++) {
            redis.delete(redis.keys(RouteThrottle.KEY_PREFIX + "*"));
            Map<String, String> forwarded = Map.of("Content-Type", "application/json", "X-Forwarded-For", "198.51.100." + i);
            statuses.add(send(new Attack("guess", "POST", "/api/auth/login", forwarded,
                    ("{\"email\":\"" + email + "\",\"password\":\"wrong guess " + i + "\"}").getBytes(StandardCharsets.UTF_8))).status());
        }

        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429);
        assertThat(send(json("the right password", "POST", "/api/auth/login", Map.of(), right)).status()).isEqualTo(429);
        redis.delete(redis.keys("auth:login-attempts:*"));
    }

    private String judge(Answer answer) {
        if (answer.status() < 400 || answer.status() > 499) {
            return "status " + answer.status() + " " + shorten(answer.body());
        }
        if (answer.millis() > BUDGET_MILLIS) {
            return "took " + answer.millis() + " ms";
        }
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            return "content type " + answer.contentType() + ": " + shorten(answer.body());
        }
        try {
            JsonNode problem = json.readTree(answer.body());
            if (problem.path("status").asInt() != answer.status() || !problem.path("title").isString()) {
                return "not a problem of its status: " + shorten(answer.body());
            }
        }
        catch (RuntimeException e) {
            return "body is not JSON: " + shorten(answer.body());
        }
        if (answer.body().contains("Exception") || answer.body().contains("\tat ")) {
            return "leaks a stack trace";
        }
        return null;
    }

    // --- the attacks ---------------------------------------------------------------------------

    private List<Attack> attacksOn(String path, String method, JsonNode operation, JsonNode document, String token) {
        List<Attack> attacks = new ArrayList<>();
        boolean authorized = operation.has("security");
        Map<String, String> bearer = authorized ? Map.of("Authorization", "Bearer " + token) : Map.of();
        String plausible = withIds(path, UUID.randomUUID().toString());
        JsonNode content = operation.path("requestBody").path("content");
        String mediaType = content.isObject() && !content.isEmpty() ? content.propertyNames().iterator().next() : null;

        for (String id : HOSTILE_IDS) {
            if (path.contains("{")) {
                attacks.add(new Attack("hostile path id", method, withIds(path, id), bearer, new byte[0]));
            }
        }
        for (String query : HOSTILE_QUERIES) {
            attacks.add(new Attack("hostile query", method, plausible + "?" + query, bearer, new byte[0]));
        }
        if (authorized) {
            attacks.add(new Attack("no token", method, plausible, Map.of(), new byte[0]));
            for (String bad : List.of("Bearer garbage", "Bearer " + "x".repeat(10_000), "Basic dXNlcjpwYXNz",
                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "Bearer " + token + "x")) {
                attacks.add(new Attack("bad token", method, plausible, Map.of("Authorization", bad), new byte[0]));
            }
        }
        String target = plausible + "?" + PLAUSIBLE_QUERY;
        if (mediaType == null) {
            for (String body : List.of("{\"unexpectedField\":1}", "{\"a\":", "{\"a\":\"\\u0000\"}", "[]")) {
                attacks.add(json("body on a route that takes none", method, target, bearer, body));
            }
            return attacks;
        }
        if (!mediaType.equals("application/json")) {
            attacks.addAll(textAttacks(method, target, bearer, mediaType));
            return attacks;
        }
        JsonNode schema = resolve(content.path(mediaType).path("schema"), document);
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(p -> properties.put(p.getKey(), resolve(p.getValue(), document)));
        attacks.add(json("malformed JSON", method, target, bearer, "{\"a\":"));
        attacks.add(json("malformed JSON", method, target, bearer, "{'single': 'quotes'}"));
        attacks.add(json("trailing garbage", method, target, bearer, "{} {}"));
        attacks.add(json("deep nesting", method, target, bearer, "{\"a\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}"));
        attacks.add(json("deep nesting", method, target, bearer, "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        attacks.add(json("not an object", method, target, bearer, "[]"));
        attacks.add(json("not an object", method, target, bearer, "null"));
        attacks.add(json("not an object", method, target, bearer, "\"text\""));
        attacks.add(new Attack("invalid UTF-8", method, target, headers(bearer, "application/json"),
                new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }));
        attacks.add(json("extra field", method, target, bearer, "{\"unexpectedField\":1}"));
        attacks.add(json("duplicate field", method, target, bearer, "{\"a\":1,\"a\":2}"));
        if (schema.path("required").size() > 0) {
            attacks.add(json("missing fields", method, target, bearer, "{}"));
        }
        if (!properties.isEmpty()) {
            attacks.add(json("huge numbers", method, target, bearer, every(properties, p -> "1e1000000000")));
            attacks.add(json("huge numbers", method, target, bearer, every(properties, p -> "9".repeat(900))));
            attacks.add(json("huge numbers", method, target, bearer, every(properties, p -> "-1e-1000000000")));
            attacks.add(json("long decimal", method, target, bearer, every(properties, p -> quoted("9".repeat(60_000 / properties.size())))));
            attacks.add(json("million-digit decimal", method, target, bearer, every(properties, p -> quoted("1".repeat(1_000_000)))));
            attacks.add(json("NUL bytes", method, target, bearer, every(properties, p -> "\"a\\u0000b\"")));
            attacks.add(json("control characters", method, target, bearer, every(properties, p -> "\"\\u001b[31m\\r\\n\"")));
            attacks.add(json("wrong types", method, target, bearer,
                    every(properties, p -> p.path("type").asString("").equals("boolean") ? "\"yes\"" : "true")));
            attacks.add(json("wrong types", method, target, bearer, every(properties, p -> "{\"nested\":[1,2,3]}")));
            attacks.add(json("nulls", method, target, bearer, every(properties, p -> "null")));
        }
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x")) {
            attacks.add(new Attack("wrong content type", method, target, headers(bearer, type), "{}".getBytes(StandardCharsets.UTF_8)));
        }
        attacks.add(new Attack("no content type", method, target, bearer, "{}".getBytes(StandardCharsets.UTF_8)));
        return attacks;
    }

    private List<Attack> textAttacks(String method, String target, Map<String, String> bearer, String mediaType) {
        List<Attack> attacks = new ArrayList<>();
        String row = "1463544000000,";
        for (String body : List.of(row + "1".repeat(1_000_000) + ",1,1,1,1\n", row + "1e100000000,1,1,1,1\n",
                row + "1\u0000,1,1,1,1\n", row + "0." + "1".repeat(100_000) + ",1,1,1,1\n", "\u0000\u0001\u0002", " ")) {
            attacks.add(new Attack("hostile " + mediaType, method, target, headers(bearer, mediaType),
                    body.getBytes(StandardCharsets.UTF_8)));
        }
        attacks.add(new Attack("wrong content type", method, target, headers(bearer, "application/json"),
                "{\"rows\":[]}".getBytes(StandardCharsets.UTF_8)));
        attacks.add(new Attack("no content type", method, target, bearer, (row + "1,1,1,1,1\n").getBytes(StandardCharsets.UTF_8)));
        return attacks;
    }

    /** What the servlet container and Spring MVC answer before the gateway's filter. */
    private List<Attack> containerAttacks(String token) {
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        List<Attack> attacks = new ArrayList<>();
        for (String target : List.of("/api/..%2F..%2Fetc%2Fpasswd", "/%00", "/api/accounts/%00", "/api/%2e%2e/%2e%2e/etc/passwd",
                "/api/accounts/..%5c..%5cwindows", "/api/nothing-here", "/error", "/api/docs/..%2F..%2Fsecret",
                "/api/docs/missing.js", "/" + "a".repeat(9000), "/api/accounts;jsessionid=x", "/api/accounts/%2f")) {
            attacks.add(new Attack("container path", "GET", target, bearer, new byte[0]));
        }
        attacks.add(new Attack("MVC method", "POST", ApiDocs.OPENAPI, Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8)));
        attacks.add(new Attack("MVC method", "DELETE", ApiDocs.DOCS, Map.of(), new byte[0]));
        attacks.add(new Attack("unknown method", "TRACE", "/api/auth/me", bearer, new byte[0]));
        attacks.add(new Attack("unknown method", "PROPFIND", "/api/accounts", bearer, new byte[0]));
        attacks.add(new Attack("header with a control character", "GET", "/api/auth/me",
                Map.of("Authorization", "Bearer \u0001" + token), new byte[0]));
        return attacks;
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Attack json(String name, String method, String target, Map<String, String> bearer, String body) {
        return new Attack(name, method, target, headers(bearer, "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(Map<String, String> bearer, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>(bearer);
        headers.put("Content-Type", contentType);
        return headers;
    }

    private static String every(Map<String, JsonNode> properties, java.util.function.Function<JsonNode, String> value) {
        StringBuilder body = new StringBuilder("{");
        Iterator<Map.Entry<String, JsonNode>> each = properties.entrySet().iterator();
        while (each.hasNext()) {
            Map.Entry<String, JsonNode> property = each.next();
            body.append('"').append(property.getKey()).append("\":").append(value.apply(property.getValue()));
            if (each.hasNext()) {
                body.append(',');
            }
        }
        return body.append('}').toString();
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static String withIds(String path, String id) {
        return path.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(id));
    }

    private static JsonNode resolve(JsonNode schema, JsonNode document) {
        JsonNode current = schema;
        Set<String> seen = new java.util.HashSet<>();
        while (current.has("$ref") && seen.add(current.get("$ref").asString())) {
            String[] parts = current.get("$ref").asString().replaceFirst("^#/", "").split("/");
            JsonNode target = document;
            for (String part : parts) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }

    private static String shorten(String text) {
        return text == null ? "null" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private String signUp() throws IOException {
        String email = "bad-input-" + UUID.randomUUID() + "@example.com";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        Answer registered = send(json("sign up", "POST", "/api/auth/register", Map.of(), credentials));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Answer login = send(json("sign in", "POST", "/api/auth/login", Map.of(), credentials));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).get("accessToken").asString();
    }

    /** One HTTP/1.1 exchange over its own connection, bytes exactly as given. */
    private Answer send(Attack attack) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder();
            head.append(attack.method()).append(' ').append(attack.target()).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n")
                    .append("Content-Length: ").append(attack.body().length).append("\r\n");
            attack.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // The body is written beside the reading: a server that answers 413 early and closes must
            // not leave its answer unread behind a blocked write.
            Thread writer = new Thread(() -> {
                try {
                    out.write(attack.body());
                    out.flush();
                }
                catch (IOException e) {
                    // The server answered and closed before the whole body was sent.
                }
            });
            writer.setDaemon(true);
            writer.start();
            byte[] raw = readAll(socket.getInputStream());
            long millis = (System.nanoTime() - started) / 1_000_000;
            try {
                writer.join(15_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return parse(raw, millis);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                all.write(buffer, 0, n);
            }
        }
        catch (SocketException e) {
            // Reset after the answer: what arrived is the answer.
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] raw, long millis) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(0, null, "no HTTP answer: " + text, millis);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers.get("content-type"), new String(body, StandardCharsets.UTF_8), millis);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = at;
            while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeLine = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
