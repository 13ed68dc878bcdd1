package app.tradebot.gateway;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Spring Boot's HTTP server metrics ({@code http.server.requests} and its long-task timer
 * {@code http.server.requests.active}, the name from {@code management.observations.http.server.requests.name})
 * for the requests the gateway answers itself, with the tags Spring's observation gives a request that
 * Spring MVC did not route: {@code method}, {@code status}, {@code outcome}, {@code uri} ({@code UNKNOWN},
 * {@code NOT_FOUND} or {@code REDIRECTION}), {@code exception} and, on the timer, {@code error}.
 * <p>
 * Spring's observation looked both meters up by their tags on every request, built its context, key
 * values and scopes, and was the largest part of the gateway's own work after the Redis calls in the
 * profile (BENCHMARKS.md, {@code GET /api/auth/me}); here each meter is resolved once per combination of
 * tags and kept. Spring's observation still records what the gateway passes on to Spring MVC (its
 * documentation, the web app), since its filter now runs after the gateway's.
 */
final class HttpServerRequests {

    static final String DEFAULT_NAME = "http.server.requests";
    static final String NONE = "none";
    static final String UNKNOWN = "UNKNOWN";

    // Spring's observation tags only these by name, anything else as UNKNOWN, so a client cannot add series.
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");

    private final MeterRegistry registry;
    private final String name;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongTaskTimer> active = new ConcurrentHashMap<>();

    HttpServerRequests(MeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    /** Counts the request as active until its sample is stopped. */
    LongTaskTimer.Sample start(String method) {
        return active.computeIfAbsent(tagged(method), this::activeTimer).start();
    }

    /** The request's time and how it ended; {@code error} is what escaped the gateway, null when nothing did. */
    void record(String method, int status, Throwable error, long nanos) {
        String exception = error == null ? NONE : simpleName(error);
        timers.computeIfAbsent(new Key(tagged(method), status, exception), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private LongTaskTimer activeTimer(String method) {
        // The tags Spring's observation gives the long-task timer at the request's start: the response is still 200.
        return LongTaskTimer.builder(name + ".active").tags(tags(method, 200, NONE)).register(registry);
    }

    private Timer timer(Key key) {
        return Timer.builder(name).tags(tags(key.method(), key.status(), key.exception()).and("error", key.exception()))
                .register(registry);
    }

    private static Tags tags(String method, int status, String exception) {
        return Tags.of("exception", exception, "method", method, "outcome", outcome(status), "status",
                Integer.toString(status), "uri", uri(status));
    }

    static String tagged(String method) {
        return METHODS.contains(method) ? method : UNKNOWN;
    }

    static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> UNKNOWN;
        };
    }

    /** Without a route template from Spring MVC, Spring's convention names only redirects and 404s. */
    static String uri(int status) {
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return status == 404 ? "NOT_FOUND" : UNKNOWN;
    }

    private static String simpleName(Throwable error) {
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }

    // equals and hashCode written out, as in FunctionInvocations' key.
    private record Key(String method, int status, String exception) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && status == key.status && method.equals(key.method)
                    && exception.equals(key.exception);
        }

        @Override
        public int hashCode() {
            return (method.hashCode() * 31 + status) * 31 + exception.hashCode();
        }
    }
}
