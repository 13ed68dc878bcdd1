package app.tradebot.gateway;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;

import org.springframework.http.MediaType;

/**
 * Turns a servlet request into the HTTP API payload 2.0 event that Lambda receives from API Gateway:
 * lowercase headers with repeated values joined by commas, the Cookie header moved to
 * {@code cookies}, decoded query and path parameters, and a text body or, for anything that is not
 * text, a base64 body with {@code isBase64Encoded} set.
 */
final class HttpApiEvents {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter
            .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final GatewayProperties properties;
    // The time text changes once a second; formatting it for every request was 2 % of the gateway's CPU.
    private volatile RequestTime lastTime = new RequestTime(Long.MIN_VALUE, "");

    HttpApiEvents(GatewayProperties properties) {
        this.properties = properties;
    }

    APIGatewayV2HTTPEvent event(HttpServletRequest request, RouteTable.Route route, Map<String, String> pathParameters,
            byte[] body, String requestId, Instant receivedAt) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(route.spec().routeKey());
        event.setRawPath(request.getRequestURI());
        event.setRawQueryString(request.getQueryString() == null ? "" : request.getQueryString());
        List<String> cookies = cookies(request);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers(request));
        Map<String, String> query = queryStringParameters(request.getQueryString());
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
        if (body.length > 0) {
            Charset text = textCharset(request.getContentType());
            if (text != null) {
                event.setBody(new String(body, text));
            }
            else {
                event.setBody(Base64.getEncoder().encodeToString(body));
                event.setIsBase64Encoded(true);
            }
        }
        event.setRequestContext(requestContext(request, route, requestId, receivedAt));
        return event;
    }

    /** API Gateway's v2 authorizer payload: the request event without its body, plus type, routeArn and identitySource. */
    AuthorizerEvent authorizerEvent(APIGatewayV2HTTPEvent event, String authorization) {
        String method = event.getRequestContext().getHttp().getMethod();
        String routeArn = "arn:aws:execute-api:" + properties.region() + ":" + properties.accountId() + ":"
                + properties.apiId() + "/" + event.getRequestContext().getStage() + "/" + method + event.getRawPath();
        return new AuthorizerEvent(event, routeArn, List.of(authorization));
    }

    private RequestContext requestContext(HttpServletRequest request, RouteTable.Route route, String requestId,
            Instant receivedAt) {
        RequestContext context = new RequestContext();
        context.setAccountId(properties.accountId());
        context.setApiId(properties.apiId());
        String domain = request.getServerName();
        context.setDomainName(domain);
        int dot = domain.indexOf('.');
        context.setDomainPrefix(dot < 0 ? domain : domain.substring(0, dot));
        RequestContext.Http http = new RequestContext.Http();
        http.setMethod(request.getMethod());
        http.setPath(request.getRequestURI());
        http.setProtocol(request.getProtocol());
        http.setSourceIp(request.getRemoteAddr());
        String userAgent = request.getHeader("User-Agent");
        http.setUserAgent(userAgent == null ? "" : userAgent);
        context.setHttp(http);
        context.setRequestId(requestId);
        context.setRouteKey(route.spec().routeKey());
        context.setStage("$default");
        context.setTime(requestTime(receivedAt));
        context.setTimeEpoch(receivedAt.toEpochMilli());
        return context;
    }

    private String requestTime(Instant at) {
        RequestTime last = lastTime;
        if (last.epochSecond() != at.getEpochSecond()) {
            last = new RequestTime(at.getEpochSecond(), REQUEST_TIME.format(at));
            lastTime = last;
        }
        return last.text();
    }

    private record RequestTime(long epochSecond, String text) {
    }

    static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                continue;
            }
            headers.merge(lower, joined(request.getHeaders(name)), (a, b) -> a + "," + b);
        }
        // API Gateway always tells the function how the client reached it.
        headers.putIfAbsent("x-forwarded-for", request.getRemoteAddr());
        headers.putIfAbsent("x-forwarded-proto", request.getScheme());
        headers.putIfAbsent("x-forwarded-port", Integer.toString(request.getServerPort()));
        return headers;
    }

    /** A header's values joined by commas; a header sent once (nearly all) is its one value, unjoined. */
    private static String joined(Enumeration<String> values) {
        if (!values.hasMoreElements()) {
            return "";
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }

    static List<String> cookies(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        if (!headers.hasMoreElements()) {
            return List.of();
        }
        List<String> cookies = new ArrayList<>();
        while (headers.hasMoreElements()) {
            for (String cookie : headers.nextElement().split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        return cookies;
    }

    /** Decoded names and values; a repeated name gets its values joined by commas, as API Gateway does. */
    static Map<String, String> queryStringParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /**
     * The charset when the body is text, null when it must travel base64-encoded. Like API Gateway,
     * a form post or a body without a content type counts as binary.
     */
    static Charset textCharset(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        }
        catch (RuntimeException e) {
            return null;
        }
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        boolean text = type.getType().equalsIgnoreCase("text")
                || (type.getType().equalsIgnoreCase("application") && (subtype.equals("json") || subtype.endsWith("+json")
                        || subtype.equals("xml") || subtype.endsWith("+xml") || subtype.equals("javascript")
                        || subtype.equals("graphql") || subtype.equals("yaml")));
        if (!text) {
            return null;
        }
        try {
            return type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        }
        catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return s;
        }
    }
}
