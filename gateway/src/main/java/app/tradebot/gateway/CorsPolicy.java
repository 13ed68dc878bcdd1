package app.tradebot.gateway;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import app.tradebot.runtime.Template.Cors;

/**
 * The HttpApi's CorsConfiguration as API Gateway applies it. The template's AllowOrigins is a
 * reference to the FrontendUrl parameter, so the origins come from {@code tradebot.frontend-url}
 * (a comma list is accepted). API Gateway answers preflights itself and puts its CORS headers over
 * the function's; a request from another origin is still served, only without CORS headers, and
 * the browser then keeps the answer from the page.
 */
final class CorsPolicy {

    private final Set<String> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final Cors cors;

    CorsPolicy(Cors cors, String frontendUrl) {
        this.cors = cors;
        this.origins = Arrays.stream(frontendUrl.split(","))
                .map(CorsPolicy::normalise)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.methods = cors.allowMethods().stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.headers = cors.allowHeaders().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    boolean enabled() {
        return !origins.isEmpty() && !methods.isEmpty();
    }

    static boolean isPreflight(String method, String origin, String requestedMethod) {
        return "OPTIONS".equals(method) && origin != null && requestedMethod != null;
    }

    /** The headers of a preflight answer; empty when the origin, method or a header is not allowed. */
    Map<String, List<String>> preflight(String origin, String requestedMethod, String requestedHeaders) {
        if (!enabled() || !allowsOrigin(origin) || !(methods.contains("*") || methods.contains(requestedMethod.toUpperCase(Locale.ROOT)))) {
            return Map.of();
        }
        if (requestedHeaders != null && !headers.contains("*")) {
            for (String header : requestedHeaders.split(",")) {
                String h = header.trim().toLowerCase(Locale.ROOT);
                if (!h.isEmpty() && !headers.contains(h)) {
                    return Map.of();
                }
            }
        }
        Map<String, List<String>> answer = common(origin);
        answer.put("Access-Control-Allow-Methods", List.of(String.join(",", cors.allowMethods())));
        if (!cors.allowHeaders().isEmpty()) {
            answer.put("Access-Control-Allow-Headers", List.of(String.join(",", cors.allowHeaders())));
        }
        if (cors.maxAge() > 0) {
            answer.put("Access-Control-Max-Age", List.of(Integer.toString(cors.maxAge())));
        }
        return answer;
    }

    /** The CORS headers of an actual response; empty for a request without Origin or from another origin. */
    Map<String, List<String>> response(String origin) {
        if (origin == null || !enabled() || !allowsOrigin(origin)) {
            return Map.of();
        }
        Map<String, List<String>> answer = common(origin);
        if (!cors.exposeHeaders().isEmpty()) {
            answer.put("Access-Control-Expose-Headers", List.of(String.join(",", cors.exposeHeaders())));
        }
        return answer;
    }

    private Map<String, List<String>> common(String origin) {
        Map<String, List<String>> answer = new LinkedHashMap<>();
        answer.put("Access-Control-Allow-Origin", List.of(origin));
        if (cors.allowCredentials()) {
            answer.put("Access-Control-Allow-Credentials", List.of("true"));
        }
        answer.put("Vary", List.of("Origin"));
        return answer;
    }

    private boolean allowsOrigin(String origin) {
        return origins.contains(normalise(origin));
    }

    /** Origins compare without a trailing slash, with scheme and host case-insensitive. */
    private static String normalise(String origin) {
        String o = origin.trim();
        while (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        return o.toLowerCase(Locale.ROOT);
    }
}
