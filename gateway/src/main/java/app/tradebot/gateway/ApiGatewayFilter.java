package app.tradebot.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import app.tradebot.gateway.LambdaAuthorizer.Decision;
import app.tradebot.gateway.RouteTable.Lookup;
import app.tradebot.gateway.RouteTable.Route;
import app.tradebot.platform.http.DependencyFailures;
import app.tradebot.runtime.FunctionInvocations;
import app.tradebot.runtime.FunctionInvocations.Outcome;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import io.micrometer.core.instrument.LongTaskTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The local API Gateway. For each request, in API Gateway's order: CORS preflight, route match
 * (404, 405), body limit (413), route throttling (429), the Lambda authorizer (401), then the
 * route's function, called in-process with the payload 2.0 event, and its response mapped back
 * (502 when it is not a valid response, 500 when the function throws). Only the gateway's own
 * documentation paths, and GETs outside {@code /api} that no route matches (the {@link WebApp}),
 * go on to Spring MVC. Each call of a function (the route's, the authorizer)
 * is timed in {@link FunctionInvocations}, on the request's thread, so its log lines carry the
 * request id.
 */
final class ApiGatewayFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiGatewayFilter.class);
    private static final byte[] NO_BODY = new byte[0];

    private final RouteTable routes;
    private final HttpApiEvents events;
    private final CorsPolicy cors;
    private final RouteThrottle throttle;
    private final LambdaAuthorizer authorizer;
    private final LambdaResponses responses;
    private final ProblemResponses problems;
    private final long maxBodyBytes;
    private final FunctionInvocations invocations;
    private final String authorizerName;
    private final HttpServerRequests httpRequests;

    ApiGatewayFilter(RouteTable routes, HttpApiEvents events, CorsPolicy cors, RouteThrottle throttle,
            LambdaAuthorizer authorizer, LambdaResponses responses, ProblemResponses problems, long maxBodyBytes,
            FunctionInvocations invocations, String authorizerName, HttpServerRequests httpRequests) {
        this.routes = routes;
        this.events = events;
        this.cors = cors;
        this.throttle = throttle;
        this.authorizer = authorizer;
        this.responses = responses;
        this.problems = problems;
        this.maxBodyBytes = maxBodyBytes;
        this.invocations = invocations;
        this.authorizerName = authorizerName;
        this.httpRequests = httpRequests;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (ApiDocs.serves(path)) {
            chain.doFilter(request, response);
            return;
        }
        String method = request.getMethod();
        long started = System.nanoTime();
        LongTaskTimer.Sample active = httpRequests.start(method);
        boolean answered = true;
        Throwable escaped = null;
        try {
            answered = answer(request, response, path, method);
        }
        catch (IOException | RuntimeException e) {
            escaped = e;
            throw e;
        }
        finally {
            active.stop();
            if (answered) {
                // As Spring's observation counted a request that threw: a 500.
                httpRequests.record(method, escaped == null ? response.getStatus() : 500, escaped, System.nanoTime() - started);
            }
        }
        if (!answered) {
            chain.doFilter(request, response);
        }
    }

    /** Answers the request as API Gateway would; false when it is the {@link WebApp}'s, for Spring MVC to serve. */
    private boolean answer(HttpServletRequest request, HttpServletResponse response, String path, String method)
            throws IOException {
        Instant receivedAt = Instant.now();
        String origin = request.getHeader("Origin");
        String requestedMethod = request.getHeader("Access-Control-Request-Method");
        if (cors.enabled() && CorsPolicy.isPreflight(method, origin, requestedMethod)) {
            // API Gateway answers preflights itself, for any path; a refused one gets no CORS headers.
            setHeaders(response, cors.preflight(origin, requestedMethod, request.getHeader("Access-Control-Request-Headers")));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return true;
        }
        String requestId = RequestLogFilter.requestId(request);
        Map<String, List<String>> gatewayHeaders = new LinkedHashMap<>(cors.response(origin));
        gatewayHeaders.put(RequestLogFilter.HEADER, List.of(requestId));
        // Errors carry the CORS headers too, or the page could not read them.
        setHeaders(response, gatewayHeaders);

        Lookup lookup = routes.lookup(method, path);
        if (lookup instanceof Lookup.NotFound) {
            if (WebApp.serves(method, path)) {
                return false;
            }
            problems.write(response, 404, "No route matches " + method + " " + path + ".", path);
            return true;
        }
        if (lookup instanceof Lookup.MethodNotAllowed notAllowed) {
            problems.write(response, 405, path + " does not accept " + method + ".", path,
                    Map.of("Allow", String.join(", ", notAllowed.allowed())));
            return true;
        }
        Lookup.Found found = (Lookup.Found) lookup;
        Route route = found.route();

        // The route's function names its limit (small for JSON, larger for an upload); the gateway's is the ceiling.
        long limit = Math.min(maxBodyBytes, route.maxBodyBytes());
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, path, limit);
            return true;
        }
        RouteThrottle.Verdict verdict = throttle.take(route.spec().routeKey(), route.throttle());
        if (!verdict.allowed()) {
            problems.write(response, 429, "Too many requests on this route; retry later.", path,
                    Map.of("Retry-After", Long.toString(verdict.retryAfterSeconds())));
            return true;
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            tooLarge(response, path, limit);
            return true;
        }
        APIGatewayV2HTTPEvent event = events.event(request, route, found.pathParameters(), body, requestId, receivedAt);

        if (route.spec().authorized() && !authorize(request, response, route, event, path)) {
            return true;
        }

        String function = route.spec().function();
        long started = System.nanoTime();
        Object output;
        try {
            output = route.function().apply(event);
        }
        catch (RuntimeException e) {
            invocations.record(function, FunctionInvocations.HTTP, Outcome.ERROR, e, since(started));
            log.error("Function {} failed on {}", function, route.spec().routeKey(), e);
            problems.write(response, 500, null, path);
            return true;
        }
        Duration took = since(started);
        try {
            responses.write(output, response, gatewayHeaders);
            invocations.record(function, FunctionInvocations.HTTP, Outcome.of(response.getStatus()), null, took);
        }
        catch (InvalidFunctionResponse e) {
            invocations.record(function, FunctionInvocations.HTTP, Outcome.ERROR, e, took);
            log.error("Function {} gave an invalid response on {}: {}", route.spec().function(), route.spec().routeKey(),
                    e.getMessage());
            response.reset();
            setHeaders(response, gatewayHeaders);
            problems.write(response, 502, "The function behind this route gave an invalid response.", path);
        }
        return true;
    }

    /**
     * Runs the HttpApi's authorizer; on success puts its context in requestContext.authorizer.lambda.
     * Without an Authorization header (the identity source) it is not called and the answer is 401,
     * as in API Gateway.
     */
    private boolean authorize(HttpServletRequest request, HttpServletResponse response, Route route,
            APIGatewayV2HTTPEvent event, String path) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            unauthorized(response, "This route needs a bearer token.", path);
            return false;
        }
        Decision decision;
        long started = System.nanoTime();
        try {
            decision = authorizer.authorize(routes.authorizer().orElseThrow(), events.authorizerEvent(event, authorization));
        }
        catch (RuntimeException e) {
            invocations.record(authorizerName, FunctionInvocations.HTTP, Outcome.ERROR, e, since(started));
            Optional<String> missing = DependencyFailures.unavailable(e);
            if (missing.isPresent()) {
                // Fails closed: without the store of revoked sessions no token is let through.
                log.warn("The authorizer could not decide on {}: {} cannot be reached: {}", route.spec().routeKey(),
                        missing.get(), e.toString());
                problems.write(response, 503, missing.get() + " cannot be reached right now; try again shortly.", path,
                        DependencyFailures.headers());
                return false;
            }
            log.error("The authorizer failed on {}", route.spec().routeKey(), e);
            problems.write(response, 500, null, path);
            return false;
        }
        // Allowing and denying are both the authorizer doing its job.
        invocations.record(authorizerName, FunctionInvocations.HTTP, Outcome.SUCCESS, null, since(started));
        if (decision instanceof Decision.Allow allow) {
            event.getRequestContext().setAuthorizer(new RequestContext.Authorizer(null, allow.context(), null));
            return true;
        }
        // API Gateway answers 403 Forbidden to a simple-response deny; TradeBot's clients expect 401
        // for a bad or expired token, so the gateway answers 401 with a Bearer challenge.
        unauthorized(response, "The bearer token is invalid, expired or revoked.", path);
        return false;
    }

    private void unauthorized(HttpServletResponse response, String detail, String path) throws IOException {
        problems.write(response, 401, detail, path, Map.of("WWW-Authenticate", "Bearer"));
    }

    private void tooLarge(HttpServletResponse response, String path, long limit) throws IOException {
        // The rest of the body is not read; closing spares the client a stalled upload.
        response.setHeader("Connection", "close");
        problems.write(response, 413, "The request body is larger than " + limit + " bytes.", path);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * The whole body, or null as soon as it goes past {@code limit} bytes. A request without a body
     * (most are GETs) costs one read and no buffer.
     */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        int first = in.read();
        if (first == -1) {
            return NO_BODY;
        }
        if (limit < 1) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        byte[] buffer = new byte[8192];
        long total = 1;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void setHeaders(HttpServletResponse response, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            for (int i = 0; i < values.size(); i++) {
                if (i == 0) {
                    response.setHeader(name, values.get(i));
                }
                else {
                    response.addHeader(name, values.get(i));
                }
            }
        });
    }
}
