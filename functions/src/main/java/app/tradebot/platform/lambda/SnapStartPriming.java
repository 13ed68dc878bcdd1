package app.tradebot.platform.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import app.tradebot.runtime.Template;
import app.tradebot.runtime.Template.HttpRoute;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.support.MessageBuilder;

/**
 * SnapStart priming (AWS: "Maximize Lambda SnapStart performance", priming with a dummy
 * invocation): before the snapshot of a published version is taken, the Lambda's HTTP function is
 * called once through the function catalog, as FunctionInvoker calls it, with a priming event, so
 * that a restored copy answers its first request without loading and initialising the classes of
 * that path (event conversion, the function, problem+json, the answer's serialisation).
 *
 * <p>The priming event cannot do anything: it is the function's own route with no signed-in user
 * (no authorizer context, no token) and a body that is not JSON, so every function refuses it
 * before its handler runs (400 or 415 for a body, 401 for a route that needs a user; the authorizer denies
 * it); nothing is written or sent. Functions without an HTTP route (queue, schedule, deployment steps) are not invoked: their
 * events would be work. Registered in a Lambda only ({@link LambdaConfiguration}); a failure to
 * prime is logged and never fails the snapshot.
 */
public class SnapStartPriming implements Resource {

    private static final Logger log = LoggerFactory.getLogger(SnapStartPriming.class);

    /** The priming event's body: not JSON, so no function parses it into a request. */
    static final String BODY = "snapstart-priming";

    private final FunctionCatalog catalog;
    private final Template template;
    private final String function;
    private final JsonMapper json;
    private volatile boolean registered;

    SnapStartPriming(FunctionCatalog catalog, Template template, String function, JsonMapper json) {
        this.catalog = catalog;
        this.template = template;
        this.function = function;
        this.json = json;
    }

    /** Registers with the JVM's CRaC context (SnapStart calls it before the snapshot). */
    void register() {
        Core.getGlobalContext().register(this);
        registered = true;
    }

    boolean registered() {
        return registered;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    /** Calls the function once with the priming event; the status it answered, if it has a route. */
    Optional<Integer> prime() {
        Optional<HttpRoute> route = template.function(function).flatMap(f -> f.routes().stream().findFirst());
        if (route.isEmpty() && template.authorizerFunction().filter(function::equals).isPresent()) {
            // The authorizer: an event of a route it guards, with no token, which it denies.
            route = template.routes().stream().filter(HttpRoute::authorized).findFirst();
        }
        if (route.isEmpty()) {
            return Optional.empty();
        }
        try {
            FunctionInvocationWrapper invocation = catalog.lookup(function, "application/json");
            byte[] event = json.writeValueAsBytes(event(route.get()));
            Object answer = invocation.apply(MessageBuilder.withPayload(event)
                    .setHeader("contentType", "application/json").build());
            int status = statusOf(answer);
            log.info("SnapStart priming: {} answered the priming event with {}", function, status);
            return Optional.of(status);
        }
        catch (RuntimeException e) {
            log.warn("SnapStart priming of {} failed (the snapshot is taken anyway): {}", function, e.toString());
            return Optional.of(-1);
        }
    }

    /** An HTTP API v2 event of the route, path parameters filled in, with no user and a non-JSON body. */
    static Map<String, Object> event(HttpRoute route) {
        String path = route.path().replaceAll("\\{[^}/]+\\+?}", "priming");
        return Map.of(
                "version", "2.0",
                "routeKey", route.routeKey(),
                "rawPath", path,
                "rawQueryString", "",
                "headers", Map.of("content-type", "application/json", "user-agent", "snapstart-priming"),
                "requestContext", Map.of(
                        "http", Map.of("method", route.method(), "path", path, "protocol", "HTTP/1.1",
                                "sourceIp", "127.0.0.1", "userAgent", "snapstart-priming"),
                        "requestId", "snapstart-priming",
                        "routeKey", route.routeKey(),
                        "stage", "$default"),
                "body", BODY,
                "isBase64Encoded", false);
    }

    /** The answer's HTTP status; the authorizer's denial counts as 401. */
    private int statusOf(Object answer) {
        Object payload = answer instanceof org.springframework.messaging.Message<?> message ? message.getPayload() : answer;
        JsonNode tree = payload instanceof byte[] bytes ? json.readTree(new String(bytes, StandardCharsets.UTF_8))
                : payload instanceof String text ? json.readTree(text)
                : json.valueToTree(payload);
        if (tree.has("isAuthorized")) {
            return tree.path("isAuthorized").asBoolean() ? 200 : 401;
        }
        return tree.path("statusCode").asInt(-1);
    }
}
