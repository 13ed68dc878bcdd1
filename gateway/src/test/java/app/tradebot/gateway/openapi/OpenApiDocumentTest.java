package app.tradebot.gateway.openapi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import app.tradebot.platform.http.DecimalStrings;
import app.tradebot.platform.http.QueryParameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest {

    enum Side { BUY, SELL }

    record PlaceOrder(@NotNull UUID botId, @NotNull Side side, @NotNull @Positive BigDecimal quantity,
            @Size(max = 3) List<@NotBlank String> tags, Map<String, Integer> weights, Optional<OffsetDateTime> at,
            @NotEmpty Set<Leg> legs, LocalDate day, byte[] blob, long count, double ratio, boolean dryRun) {
    }

    record Leg(@NotBlank @Email String owner, Leg next) {
    }

    record Order(UUID id) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesRecordsByReflection() {
        Map<String, Object> doc = OpenApiDocument.of("T", "1", List.of(new OpenApiDocument.Operation("POST",
                "/api/bots/{botId}/orders", List.of("botId"), "placeOrder", true, true, PlaceOrder.class, Order.class, 201)));

        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        assertThat(schemas).containsOnlyKeys("PlaceOrder", "Leg", "Order", "Problem");
        Map<String, Object> placeOrder = (Map<String, Object>) schemas.get("PlaceOrder");
        assertThat(placeOrder.get("required")).isEqualTo(List.of("botId", "side", "quantity", "legs"));
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) placeOrder.get("properties");
        assertThat(properties.get("botId")).isEqualTo(Map.of("type", "string", "format", "uuid"));
        assertThat(properties.get("side")).isEqualTo(Map.of("type", "string", "enum", List.of("BUY", "SELL")));
        assertThat(properties.get("quantity")).containsEntry("type", "string").containsEntry("pattern", JsonSchemas.DECIMAL_PATTERN)
                .doesNotContainKey("exclusiveMinimum");
        assertThat(properties.get("tags")).isEqualTo(Map.of("type", "array", "items", Map.of("type", "string"), "maxItems", 3));
        assertThat(properties.get("weights")).isEqualTo(Map.of("type", "object",
                "additionalProperties", Map.of("type", "integer", "format", "int32")));
        assertThat(properties.get("at")).isEqualTo(Map.of("type", "string", "format", "date-time"));
        assertThat(properties.get("legs")).isEqualTo(Map.of("type", "array",
                "items", Map.of("$ref", "#/components/schemas/Leg"), "minItems", 1));
        assertThat(properties.get("day")).isEqualTo(Map.of("type", "string", "format", "date"));
        assertThat(properties.get("blob")).isEqualTo(Map.of("type", "string", "contentEncoding", "base64"));
        assertThat(properties.get("count")).isEqualTo(Map.of("type", "integer", "format", "int64"));
        assertThat(properties.get("ratio")).isEqualTo(Map.of("type", "number", "format", "double"));
        assertThat(properties.get("dryRun")).isEqualTo(Map.of("type", "boolean"));

        Map<String, Object> leg = (Map<String, Object>) schemas.get("Leg");
        Map<String, Map<String, Object>> legProperties = (Map<String, Map<String, Object>>) leg.get("properties");
        assertThat(legProperties.get("owner")).isEqualTo(Map.of("type", "string", "minLength", 1, "format", "email"));
        assertThat(legProperties.get("next")).isEqualTo(Map.of("$ref", "#/components/schemas/Leg"));
    }

    @Test
    void theDocumentedDecimalPatternIsTheOneTheApiReadsAndWrites() {
        assertThat(JsonSchemas.DECIMAL_PATTERN).isEqualTo("^" + DecimalStrings.DECIMAL.pattern() + "$");
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesTheOperation() {
        Map<String, Object> doc = OpenApiDocument.of("T", "1", List.of(
                new OpenApiDocument.Operation("POST", "/api/bots/{botId}/orders", List.of("botId"), "placeOrder", true,
                        true, PlaceOrder.class, Order.class, 201),
                new OpenApiDocument.Operation("DELETE", "/api/bots/{botId}", List.of("botId"), "deleteBot", true, false,
                        Void.class, Void.class, 204),
                new OpenApiDocument.Operation("GET", "/health", List.of(), "health", false, false, null, null, 200)));

        assertThat(doc.get("openapi")).isEqualTo("3.1.0");
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        assertThat(paths).containsOnlyKeys("/api/bots/{botId}/orders", "/api/bots/{botId}", "/health");

        Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/bots/{botId}/orders")).get("post");
        assertThat(post.get("operationId")).isEqualTo("placeOrder");
        assertThat(post.get("tags")).isEqualTo(List.of("bots"));
        assertThat(post.get("security")).isEqualTo(List.of(Map.of("bearerAuth", List.of())));
        assertThat(((Map<String, Object>) post.get("responses")).keySet())
                .containsExactly("201", "400", "401", "404", "409", "413", "429");

        Map<String, Object> delete = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/bots/{botId}")).get("delete");
        Map<String, Object> deleteResponses = (Map<String, Object>) delete.get("responses");
        assertThat(deleteResponses.keySet()).containsExactly("204", "400", "401", "404");
        assertThat((Map<String, Object>) deleteResponses.get("204")).doesNotContainKey("content");
        assertThat(delete).doesNotContainKey("requestBody");

        // A plain function says nothing of its body: the document stays generic rather than wrong.
        Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) paths.get("/health")).get("get");
        assertThat(health).doesNotContainKey("security").doesNotContainKey("requestBody");
        assertThat(((Map<String, Object>) health.get("responses"))).containsKey("200");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sameSimpleNamesGetDistinctSchemas() {
        Map<String, Object> doc = OpenApiDocument.of("T", "1", List.of(
                new OpenApiDocument.Operation("POST", "/a", List.of(), "a", false, false, Order.class, Void.class, 204),
                new OpenApiDocument.Operation("POST", "/b", List.of(), "b", false, false, Other.Order.class, Void.class, 204)));

        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        assertThat(schemas).hasSize(3).containsKeys("Order", "Problem");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTextUploadIsDocumentedWithItsMediaType() {
        Map<String, Object> doc = OpenApiDocument.of("T", "1", List.of(new OpenApiDocument.Operation("POST",
                "/api/market/candles/import", List.of(), "importCandles", true, false, String.class, Void.class, 200, "text/csv")));

        Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("paths"))
                .get("/api/market/candles/import")).get("post");
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) post.get("requestBody")).get("content");
        assertThat(content).containsOnlyKeys("text/csv");
        assertThat((Map<String, Object>) ((Map<String, Object>) content.get("text/csv")).get("schema")).containsEntry("type", "string");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQueryParametersAFunctionReadsAreDocumented() {
        Map<String, Object> doc = OpenApiDocument.of("T", "1", List.of(new OpenApiDocument.Operation("GET",
                "/api/bots", List.of(), "listBots", true, false, Void.class, Order.class, 200, "application/json",
                QueryParameter.paging(100, 500))));

        Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("paths"))
                .get("/api/bots")).get("get");
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) get.get("parameters");
        assertThat(parameters).extracting(p -> p.get("name")).containsExactly("limit", "cursor");
        assertThat(parameters).allSatisfy(p -> assertThat(p).containsEntry("in", "query").containsEntry("required", false));
        assertThat(parameters.get(0)).containsEntry("schema", Map.of("type", "integer"));
        assertThat(parameters.get(1)).containsEntry("schema", Map.of("type", "string"));
        // A bad limit or cursor is a 400, so the operation says so.
        assertThat(((Map<String, Object>) get.get("responses"))).containsKey("400");
    }

    static final class Other {

        record Order(String note) {
        }
    }
}
