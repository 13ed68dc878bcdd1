package app.tradebot.gateway.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import app.tradebot.platform.http.QueryParameter;

/**
 * The OpenAPI 3.1 document of the HttpApi: one operation per route of template.yaml, its body
 * schemas from the function's request and response record types, the bearer scheme on routes
 * behind the authorizer, and the problem+json answers the gateway and functions may give.
 */
public final class OpenApiDocument {

    private static final Set<String> WRITES = Set.of("post", "put", "patch");
    private static final List<String> ANY = List.of("get", "post", "put", "patch", "delete");

    private OpenApiDocument() {
    }

    /**
     * One route as the document needs it. {@code path} is in OpenAPI form ({@code /bots/{id}});
     * {@code requestType}/{@code responseType} are {@code Void.class} for no body, null when the
     * function does not say; {@code queryParameters} are those the function declares it reads.
     */
    public record Operation(String method, String path, List<String> pathParameters, String function,
            boolean authorized, boolean throttled, Class<?> requestType, Class<?> responseType, int successStatus,
            String requestMediaType, List<QueryParameter> queryParameters) {

        /** A route that reads no query parameters. */
        public Operation(String method, String path, List<String> pathParameters, String function, boolean authorized,
                boolean throttled, Class<?> requestType, Class<?> responseType, int successStatus,
                String requestMediaType) {
            this(method, path, pathParameters, function, authorized, throttled, requestType, responseType, successStatus,
                    requestMediaType, List.of());
        }

        /** A route whose body, if any, is JSON. */
        public Operation(String method, String path, List<String> pathParameters, String function, boolean authorized,
                boolean throttled, Class<?> requestType, Class<?> responseType, int successStatus) {
            this(method, path, pathParameters, function, authorized, throttled, requestType, responseType, successStatus,
                    "application/json");
        }
    }

    public static Map<String, Object> of(String title, String version, List<Operation> operations) {
        JsonSchemas schemas = new JsonSchemas();
        Map<String, Object> paths = new TreeMap<>();
        Map<String, Integer> functionUses = new LinkedHashMap<>();
        record Entry(String method, Operation operation) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Operation operation : operations) {
            List<String> methods = "ANY".equalsIgnoreCase(operation.method()) ? ANY
                    : List.of(operation.method().toLowerCase(Locale.ROOT));
            for (String method : methods) {
                entries.add(new Entry(method, operation));
                functionUses.merge(operation.function(), 1, Integer::sum);
            }
        }
        for (Entry entry : entries) {
            String method = entry.method();
            Operation operation = entry.operation();
            String operationId = functionUses.get(operation.function()) == 1 ? operation.function()
                    : operation.function() + Character.toUpperCase(method.charAt(0)) + method.substring(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> pathItem = (Map<String, Object>) paths.computeIfAbsent(operation.path(),
                    p -> new LinkedHashMap<String, Object>());
            pathItem.put(method, operation(method, operation, operationId, schemas));
        }

        Map<String, Object> components = new LinkedHashMap<>();
        Map<String, Object> componentSchemas = new TreeMap<>(schemas.components());
        componentSchemas.put("Problem", problemSchema());
        components.put("schemas", componentSchemas);
        components.put("responses", errorResponses());
        components.put("securitySchemes", Map.of("bearerAuth",
                Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT")));

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", title, "version", version));
        document.put("paths", paths);
        document.put("components", components);
        return document;
    }

    private static Map<String, Object> operation(String method, Operation operation, String operationId,
            JsonSchemas schemas) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", operationId);
        op.put("tags", List.of(tag(operation.path())));
        List<Object> parameters = new ArrayList<>();
        for (String name : operation.pathParameters()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (QueryParameter query : operation.queryParameters()) {
            parameters.add(Map.of("name", query.name(), "in", "query", "required", false,
                    "description", query.description(), "schema", Map.of("type", query.type())));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        boolean hasBody = operation.requestType() != null && operation.requestType() != Void.class
                && operation.requestType() != void.class;
        if (hasBody) {
            op.put("requestBody", Map.of("required", true,
                    "content", Map.of(operation.requestMediaType(), Map.of("schema", schemas.schemaOf(operation.requestType())))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        int status = operation.successStatus() == 0 ? 200 : operation.successStatus();
        Map<String, Object> success = new LinkedHashMap<>();
        success.put("description", status == 201 ? "Created" : status == 202 ? "Accepted" : status == 204 ? "No Content" : "OK");
        Class<?> responseType = operation.responseType();
        if (status != 204 && responseType != null && responseType != Void.class && responseType != void.class) {
            success.put("content", Map.of("application/json", Map.of("schema", schemas.schemaOf(responseType))));
        }
        responses.put(Integer.toString(status), success);
        // A function that does not tell its types may take a body on the methods that carry one.
        boolean mayHaveBody = hasBody || (operation.requestType() == null && WRITES.contains(method));
        if (mayHaveBody || !parameters.isEmpty()) {
            responses.put("400", ref("BadRequest"));
        }
        if (operation.authorized()) {
            responses.put("401", ref("Unauthorized"));
        }
        if (!operation.pathParameters().isEmpty()) {
            responses.put("404", ref("NotFound"));
        }
        if (WRITES.contains(method) && mayHaveBody) {
            responses.put("409", ref("Conflict"));
        }
        if (mayHaveBody) {
            responses.put("413", ref("PayloadTooLarge"));
        }
        if (operation.throttled()) {
            responses.put("429", ref("TooManyRequests"));
        }
        op.put("responses", responses);
        if (operation.authorized()) {
            op.put("security", List.of(Map.of("bearerAuth", List.of())));
        }
        return op;
    }

    /** The first path segment after /api: auth, bots, ... */
    private static String tag(String path) {
        String[] parts = path.replaceFirst("^/api/", "/").split("/");
        return parts.length > 1 && !parts[1].isEmpty() && !parts[1].startsWith("{") ? parts[1] : "default";
    }

    private static Map<String, Object> ref(String response) {
        return Map.of("$ref", "#/components/responses/" + response);
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("type", Map.of("type", "string", "format", "uri-reference"));
        properties.put("title", Map.of("type", "string"));
        properties.put("status", Map.of("type", "integer", "format", "int32"));
        properties.put("detail", Map.of("type", "string"));
        properties.put("instance", Map.of("type", "string", "format", "uri-reference"));
        properties.put("errors", Map.of("type", "array", "items", Map.of("type", "object",
                "properties", Map.of("field", Map.of("type", "string"), "message", Map.of("type", "string")),
                "required", List.of("field", "message"))));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("description", "RFC 9457 problem details");
        schema.put("properties", properties);
        schema.put("required", List.of("type", "title", "status"));
        return schema;
    }

    private static Map<String, Object> errorResponses() {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("BadRequest", problem("Malformed JSON, or missing, extra or wrong-typed fields (listed in errors)", null));
        responses.put("Unauthorized", problem("Missing, invalid, expired or revoked bearer token",
                Map.of("WWW-Authenticate", Map.of("schema", Map.of("type", "string")))));
        responses.put("NotFound", problem("No such resource", null));
        responses.put("Conflict", problem("The request conflicts with the current state", null));
        responses.put("PayloadTooLarge", problem("The request body is over the gateway's limit", null));
        responses.put("TooManyRequests", problem("Throttled; retry after the given number of seconds",
                Map.of("Retry-After", Map.of("schema", Map.of("type", "integer")))));
        return responses;
    }

    private static Map<String, Object> problem(String description, Map<String, Object> headers) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("description", description);
        if (headers != null) {
            response.put("headers", headers);
        }
        response.put("content", Map.of("application/problem+json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
        return response;
    }
}
