package app.tradebot.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import app.tradebot.platform.http.Problems;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Writes the gateway's own errors (401, 404, 405, 413, 429, 500, 502) to the servlet response.
 * The problem itself is rendered by the platform's {@link Problems}, as for every function, so a
 * client cannot tell a gateway's problem from a function's by its shape.
 */
final class ProblemResponses {

    /** {type, title, status, detail?, instance} with the status's phrase as title. */
    void write(HttpServletResponse response, int status, String detail, String instance) throws IOException {
        write(response, status, detail, instance, Map.of());
    }

    /** With the headers the status calls for: Allow, Retry-After, WWW-Authenticate. */
    void write(HttpServletResponse response, int status, String detail, String instance, Map<String, String> headers)
            throws IOException {
        APIGatewayV2HTTPResponse problem = Problems.response(status, detail, instance, headers);
        byte[] body = problem.getBody().getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.getStatusCode());
        problem.getHeaders().forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
