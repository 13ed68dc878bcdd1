package app.tradebot.gateway;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-in-one jar serves the web app at {@code /} with history-API fallback, leaves {@code /api}
 * as it was, and serves the OpenAPI document the app's types were generated from.
 */
class WebAppIT extends AllInOneContext {

    /** The app's committed copy of /api/openapi.json, from which frontend/src/types/api.d.ts is generated. */
    static final Path COMMITTED_OPENAPI = Path.of("../frontend/src/types/openapi.json");

    @Test
    void theAppIsServedAtTheRootAndAtEveryRouteOfItsOwn() throws Exception {
        HttpResponse<String> root = send("GET", "/", BodyPublishers.noBody());
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(root.body()).contains("<title>TradeBot</title>", "<div id=\"root\"></div>");
        assertThat(root.headers().firstValue("Cache-Control")).hasValue("no-cache");

        for (String route : new String[] { "/backtests/0b7c7f3e-1111-4222-8333-944455556666", "/market", "/sign-in" }) {
            HttpResponse<String> page = send("GET", route + "?symbol=BTCUSDT", BodyPublishers.noBody());
            assertThat(page.statusCode()).as(route).isEqualTo(200);
            assertThat(page.body()).as(route).isEqualTo(root.body());
        }
    }

    @Test
    void bundlesAreServedAsImmutableAndAMissingOneIsA404() throws Exception {
        String index = send("GET", "/", BodyPublishers.noBody()).body();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).as("index.html loads a bundle").isTrue();

        HttpResponse<String> bundle = send("GET", script.group(1), BodyPublishers.noBody());
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(bundle.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cache -> assertThat(cache).contains("max-age=31536000", "immutable"));

        assertThat(send("GET", "/assets/missing-0000.js", BodyPublishers.noBody()).statusCode()).isEqualTo(404);
    }

    @Test
    void theApiIsUntouched() throws Exception {
        HttpResponse<String> unknown = send("GET", "/api/nope", BodyPublishers.noBody());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(unknown).get("detail").asString()).isEqualTo("No route matches GET /api/nope.");

        HttpResponse<String> bare = send("GET", "/api", BodyPublishers.noBody());
        assertThat(bare.statusCode()).isEqualTo(404);
        assertThat(bare.body()).doesNotContain("<div id=\"root\">");

        // Only reads reach the app: anything else outside /api is still the gateway's 404.
        HttpResponse<String> post = send("POST", "/market", BodyPublishers.ofString("{}"), "Content-Type", "application/json");
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> health = send("GET", "/health", BodyPublishers.noBody());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(body(health).has("status")).isTrue();
    }

    @Test
    void theAppsGeneratedTypesComeFromTheDocumentTheGatewayServes() throws IOException, InterruptedException {
        HttpResponse<String> served = send("GET", "/api/openapi.json", BodyPublishers.noBody());
        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode current = json.readTree(served.body());
        JsonNode committed = json.readTree(Files.readString(COMMITTED_OPENAPI));
        if (!current.equals(committed)) {
            Path fresh = Path.of("target/openapi.json");
            Files.writeString(fresh, json.writerWithDefaultPrettyPrinter().writeValueAsString(current) + "\n");
            assertThat(committed).as("""
                    frontend/src/types/openapi.json is not the document the gateway serves now (written to gateway/%s). \
                    Update the app's copy and its generated types: cd frontend && npm run api:update""".formatted(fresh))
                    .isEqualTo(current);
        }
    }
}
