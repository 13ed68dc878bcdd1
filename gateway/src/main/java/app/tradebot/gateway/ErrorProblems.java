package app.tradebot.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import app.tradebot.platform.http.Problems;
import app.tradebot.runtime.ConditionalOnRole;
import app.tradebot.runtime.Roles;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error the process answers is problem+json, including those raised before the gateway's
 * filter runs: Tomcat's own 400 for a request it cannot parse (an encoded slash or NUL in the path,
 * a malformed request line), Spring MVC's 404 and 405 on the documentation paths, anything sent
 * to the container's error page. Two pieces, because two places answer errors: the {@code /error}
 * page Spring Boot registers with the container (this controller, in place of Boot's HTML and
 * JSON one), and Tomcat's error report valve, which answers when no page could (replaced by
 * {@link ProblemReportValve}). Neither repeats the path, which may be the attack itself.
 */
@RestController
@ConditionalOnRole(Roles.GATEWAY)
class ErrorProblems implements ErrorController {

    static final String PATH = "/error";

    @RequestMapping(PATH)
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly rather than forwarded to by the container: there is nothing here.
        int status = code instanceof Integer value && value >= 400 && value <= 599 ? value : 404;
        APIGatewayV2HTTPResponse problem = Problems.response(status, detail(status), null);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        problem.getHeaders().forEach(answer::header);
        return answer.body(problem.getBody());
    }

    /** Puts {@link ProblemReportValve} in place of Tomcat's HTML error report on the main server's host. */
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 404 -> "Nothing is here.";
            case 405 -> "This path does not accept this method.";
            case 413 -> "The request is too large.";
            case 415 -> "The request body is of a media type this path does not read.";
            default -> status >= 500 ? "Something went wrong on our side." : null;
        };
    }

    /** Tomcat's error report, as problem+json instead of an HTML page. */
    public static final class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            APIGatewayV2HTTPResponse problem = Problems.response(status, detail(status), null, Map.of());
            byte[] body = problem.getBody().getBytes(StandardCharsets.UTF_8);
            try {
                response.setContentType(Problems.MEDIA_TYPE);
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                response.finishResponse();
            }
            catch (IOException | IllegalStateException e) {
                // The client is gone or the response is committed; there is nobody left to tell.
            }
        }
    }
}
