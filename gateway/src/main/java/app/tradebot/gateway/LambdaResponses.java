package app.tradebot.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;

/**
 * Writes what a function returned as API Gateway would: status, headers, multi-value headers,
 * cookies as Set-Cookie, and the body, base64-decoded when {@code isBase64Encoded}. Anything that
 * is not a valid response is rejected before a byte is written, so the caller can answer 502.
 */
final class LambdaResponses {

    // Framing is the gateway's business, not the function's.
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "trailer", "te");

    private final JsonMapper json;

    LambdaResponses(JsonMapper json) {
        this.json = json;
    }

    void write(Object output, HttpServletResponse response, Map<String, List<String>> gatewayHeaders) throws IOException {
        APIGatewayV2HTTPResponse lambda = read(output);
        int status = lambda.getStatusCode();
        if (status < 100 || status > 599) {
            throw new InvalidFunctionResponse("statusCode " + status + " is not an HTTP status");
        }
        byte[] body = body(lambda);
        response.setStatus(status);
        if (lambda.getHeaders() != null) {
            lambda.getHeaders().forEach((name, value) -> {
                if (name != null && value != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    response.setHeader(name, value);
                }
            });
        }
        if (lambda.getMultiValueHeaders() != null) {
            lambda.getMultiValueHeaders().forEach((name, values) -> {
                if (name != null && values != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
        }
        if (lambda.getCookies() != null) {
            lambda.getCookies().forEach(cookie -> response.addHeader("Set-Cookie", cookie));
        }
        // The gateway's own headers (CORS, request id) win over the function's, as in API Gateway.
        gatewayHeaders.forEach((name, values) -> {
            for (int i = 0; i < values.size(); i++) {
                if (i == 0) {
                    response.setHeader(name, values.get(i));
                }
                else {
                    response.addHeader(name, values.get(i));
                }
            }
        });
        response.setContentLength(body.length);
        if (body.length > 0) {
            response.getOutputStream().write(body);
        }
    }

    private APIGatewayV2HTTPResponse read(Object output) {
        Object value = output instanceof Message<?> message ? message.getPayload() : output;
        if (value instanceof APIGatewayV2HTTPResponse response) {
            return response;
        }
        if (value == null) {
            throw new InvalidFunctionResponse("the function returned nothing");
        }
        try {
            if (value instanceof byte[] bytes) {
                return json.readValue(bytes, APIGatewayV2HTTPResponse.class);
            }
            if (value instanceof String text) {
                return json.readValue(text, APIGatewayV2HTTPResponse.class);
            }
        }
        catch (JacksonException e) {
            throw new InvalidFunctionResponse("the function's answer is not an HTTP API response");
        }
        throw new InvalidFunctionResponse("the function returned a " + value.getClass().getName()
                + ", not an HTTP API response");
    }

    private static byte[] body(APIGatewayV2HTTPResponse lambda) {
        String body = lambda.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        if (!lambda.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidFunctionResponse("isBase64Encoded is set but the body is not base64");
        }
    }
}
