package app.tradebot.platform.lambda;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * CloudFormation's custom resource protocol, for the functions a deployment invokes (template.yaml's
 * custom resources): the outcome is a PUT of a small JSON document to the event's presigned
 * ResponseURL, with no content type (the URL was signed without one). Without an answer the
 * deploy would hang for an hour; with FAILED it fails and rolls back.
 */
@Component
public class CustomResourceResponses {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";

    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public CustomResourceResponses(JsonMapper json) {
        this.json = json;
    }

    /** True when the event came from CloudFormation (it carries a ResponseURL); false when invoked by hand. */
    public static boolean fromCloudFormation(Map<String, Object> event) {
        return event.get("ResponseURL") instanceof String url && !url.isBlank();
    }

    public static boolean isDelete(Map<String, Object> event) {
        return "Delete".equals(event.get("RequestType"));
    }

    /**
     * The end of a deployment step: {@code status} and {@code reason} join its outcome, CloudFormation
     * hears them when it asked (a FAILED step fails the deploy), and a step invoked by hand that
     * failed throws, so its invocation fails.
     */
    public Map<String, Object> finish(Map<String, Object> event, Map<String, Object> outcome, String status, String reason,
            String physicalId) {
        outcome.put("status", status);
        outcome.put("reason", reason);
        if (fromCloudFormation(event)) {
            respond(event, status, reason, physicalId);
        }
        else if (FAILED.equals(status)) {
            throw new IllegalStateException(reason);
        }
        return outcome;
    }

    /** Answers CloudFormation; {@code physicalId} names the resource when the event does not yet. */
    public void respond(Map<String, Object> event, String status, String reason, String physicalId) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Status", status);
        // CloudFormation shows at most 4 KB of reason.
        response.put("Reason", reason.length() > 3000 ? reason.substring(0, 3000) : reason);
        response.put("PhysicalResourceId", event.getOrDefault("PhysicalResourceId", physicalId));
        response.put("StackId", event.get("StackId"));
        response.put("RequestId", event.get("RequestId"));
        response.put("LogicalResourceId", event.get("LogicalResourceId"));
        String url = (String) event.get("ResponseURL");
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(response))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("CloudFormation's response URL answered " + answer.statusCode());
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot answer CloudFormation: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering CloudFormation", e);
        }
    }
}
