package app.tradebot.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import app.tradebot.platform.http.ApiFunction;
import app.tradebot.runtime.Template;
import app.tradebot.runtime.Template.HttpRoute;
import app.tradebot.runtime.Template.Throttle;

import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry;

/**
 * The HttpApi routes of template.yaml, each bound once, at start-up, to its function in the
 * FunctionCatalog. A route whose function is missing stops start-up: the gateway must never learn
 * of it from the first user who calls it.
 */
final class RouteTable {

    private final List<Route> routes;
    private final Optional<Function<Object, Object>> authorizer;

    RouteTable(List<Route> routes, Optional<Function<Object, Object>> authorizer) {
        this.routes = routes.stream().sorted(Comparator.comparing(Route::path, RoutePath::compareSpecificity)).toList();
        this.authorizer = authorizer;
        for (Route route : routes) {
            if (route.spec().authorized() && authorizer.isEmpty()) {
                throw new IllegalStateException(route.spec().routeKey() + " names an authorizer, and the template declares none");
            }
        }
    }

    static RouteTable of(Template template, FunctionCatalog catalog) {
        List<Route> routes = new ArrayList<>();
        for (HttpRoute spec : template.routes()) {
            Function<Object, Object> function = function(catalog, spec.function(), spec.routeKey());
            routes.add(new Route(spec, RoutePath.parse(spec.path()), function, template.throttleFor(spec),
                    maxBodyBytes(function)));
        }
        Optional<Function<Object, Object>> authorizer = template.authorizerFunction()
                .map(name -> function(catalog, name, "the HttpApi authorizer"));
        return new RouteTable(routes, authorizer);
    }

    private static Function<Object, Object> function(FunctionCatalog catalog, String name, String usedBy) {
        Function<Object, Object> function = catalog.lookup(name);
        if (function == null) {
            throw new IllegalStateException("template.yaml names function '" + name + "' (" + usedBy
                    + ") but no such bean is in the FunctionCatalog; known: " + new TreeSet<>(catalog.getNames(null)));
        }
        return function;
    }

    /** What the function says it takes; a function that says nothing is held to the gateway's own limit only. */
    private static long maxBodyBytes(Function<Object, Object> function) {
        Object target = function instanceof SimpleFunctionRegistry.FunctionInvocationWrapper wrapper ? wrapper.getTarget() : function;
        return target instanceof ApiFunction api ? api.maxBodyBytes() : Long.MAX_VALUE;
    }

    List<Route> routes() {
        return routes;
    }

    Optional<Function<Object, Object>> authorizer() {
        return authorizer;
    }

    Lookup lookup(String method, String rawPath) {
        RoutePath.Parts parts = RoutePath.Parts.of(rawPath);
        if (parts == null) {
            return new Lookup.NotFound();
        }
        Set<String> allowed = null;
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.path().match(parts);
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.accepts(method)) {
                return new Lookup.Found(route, parameters.get());
            }
            allowed = allowed == null ? new TreeSet<>() : allowed;
            allowed.add(route.spec().method());
        }
        return allowed == null ? new Lookup.NotFound() : new Lookup.MethodNotAllowed(allowed);
    }

    /** {@code maxBodyBytes}: the largest body the route's function takes, from the function itself. */
    record Route(HttpRoute spec, RoutePath path, Function<Object, Object> function, Throttle throttle, long maxBodyBytes) {

        Route(HttpRoute spec, RoutePath path, Function<Object, Object> function, Throttle throttle) {
            this(spec, path, function, throttle, Long.MAX_VALUE);
        }

        boolean accepts(String method) {
            return "ANY".equals(spec.method()) || spec.method().equals(method);
        }
    }

    sealed interface Lookup {

        record Found(Route route, Map<String, String> pathParameters) implements Lookup {
        }

        record MethodNotAllowed(Set<String> allowed) implements Lookup {
        }

        record NotFound() implements Lookup {
        }
    }
}
