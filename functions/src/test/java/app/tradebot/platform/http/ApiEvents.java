package app.tradebot.platform.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;

/**
 * HTTP API v2 events as the gateway (or API Gateway) hands them to a function, for tests that call
 * functions directly. Start with {@link #get}/{@link #post} and add what the case needs. A query
 * string in the path ({@code /api/x?a=1&b=2}) becomes the event's raw query string and its decoded
 * parameters, as API Gateway passes them.
 */
public record ApiEvents(String method, String path, String body, boolean base64, Map<String, String> headers,
        Map<String, String> pathParameters, String sourceIp, String userAgent, UUID userId) {

    public static ApiEvents get(String path) {
        return request("GET", path, null);
    }

    public static ApiEvents post(String path, String body) {
        return request("POST", path, body);
    }

    public static ApiEvents request(String method, String path, String body) {
        return new ApiEvents(method, path, body, false, Map.of(), Map.of(), "203.0.113.7", "TradeBotTest/1.0", null);
    }

    public ApiEvents header(String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name.toLowerCase(), value);
        return new ApiEvents(method, path, body, base64, all, pathParameters, sourceIp, userAgent, userId);
    }

    public ApiEvents bearer(String token) {
        return header("authorization", "Bearer " + token);
    }

    public ApiEvents pathParameter(String name, String value) {
        Map<String, String> all = new HashMap<>(pathParameters);
        all.put(name, value);
        return new ApiEvents(method, path, body, base64, headers, all, sourceIp, userAgent, userId);
    }

    public ApiEvents from(String ip) {
        return new ApiEvents(method, path, body, base64, headers, pathParameters, ip, userAgent, userId);
    }

    public ApiEvents userAgent(String agent) {
        return new ApiEvents(method, path, body, base64, headers, pathParameters, sourceIp, agent, userId);
    }

    /** What the gateway does after the authorizer allowed the request. */
    public ApiEvents authorizedAs(UUID user) {
        return new ApiEvents(method, path, body, base64, headers, pathParameters, sourceIp, userAgent, user);
    }

    public ApiEvents base64Encoded() {
        String encoded = body == null ? null : Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return new ApiEvents(method, path, encoded, true, headers, pathParameters, sourceIp, userAgent, userId);
    }

    public APIGatewayV2HTTPEvent event() {
        int question = path.indexOf('?');
        String rawPath = question < 0 ? path : path.substring(0, question);
        String rawQuery = question < 0 ? "" : path.substring(question + 1);
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        Map<String, String> allHeaders = new HashMap<>(headers);
        allHeaders.putIfAbsent("content-type", "application/json");
        if (userAgent != null) {
            allHeaders.putIfAbsent("user-agent", userAgent);
        }
        RequestContext.Authorizer authorizer = userId == null ? null
                : RequestContext.Authorizer.builder().withLambda(Map.of(AuthorizerResponse.USER_ID, userId.toString())).build();
        RequestContext context = RequestContext.builder()
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey(method + " " + rawPath)
                .withHttp(RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(rawPath)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp(sourceIp)
                        .withUserAgent(userAgent)
                        .build())
                .withAuthorizer(authorizer)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + rawPath)
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(allHeaders)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(context)
                .build();
    }
}
