package app.tradebot.platform.http;

import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ApiFunctionsTextTest {

    record Imported(int rows) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final ApiFunctions http = new ApiFunctions(json, Validation.buildDefaultValidatorFactory().getValidator());
    private final List<String> received = new ArrayList<>();

    private final ApiFunction upload = http.ofText("text/csv", 1024, Imported.class, 200, (body, request) -> {
        received.add(body);
        if (body.contains("bad")) {
            throw new Invalid("line 2 is bad");
        }
        return new Imported((int) body.lines().count());
    });

    private static final String CSV = "open_time,open,high,low,close,volume\n1,2,3,1,2,5\n";

    @Test
    void aCsvBodyReachesTheHandlerAsTextAndTheAnswerIsJson() {
        APIGatewayV2HTTPResponse response = upload.apply(ApiEvents.post("/upload", CSV).header("Content-Type", "text/csv").event());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(json.readTree(response.getBody()).get("rows").asInt()).isEqualTo(2);
        assertThat(received).containsExactly(CSV);
        assertThat(upload.requestType()).isEqualTo(String.class);
        assertThat(upload.requestMediaType()).isEqualTo("text/csv");
    }

    @Test
    void aBase64BodyIsDecodedAndACharsetParameterIsAccepted() {
        APIGatewayV2HTTPResponse response = upload.apply(ApiEvents.post("/upload", CSV)
                .header("Content-Type", "Text/CSV; charset=utf-8").base64Encoded().event());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(received).containsExactly(CSV);
    }

    @Test
    void anotherContentTypeIs415AndTheHandlerIsNotCalled() {
        APIGatewayV2HTTPResponse response = upload.apply(ApiEvents.post("/upload", "{\"rows\":1}").event());

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(415);
        assertThat(problem.get("detail").asString()).isEqualTo("The request body must be text/csv, not application/json.");
        assertThat(received).isEmpty();
    }

    @Test
    void anEmptyBodyIs400() {
        APIGatewayV2HTTPResponse response = upload.apply(ApiEvents.post("/upload", " \n").header("Content-Type", "text/csv").event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json.readTree(response.getBody()).get("detail").asString()).isEqualTo("A text/csv request body is required.");
        assertThat(received).isEmpty();
    }

    @Test
    void theHandlersProblemIsAnswered() {
        APIGatewayV2HTTPResponse response = upload.apply(ApiEvents.post("/upload", "x\nbad\n").header("Content-Type", "text/csv").event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json.readTree(response.getBody()).get("detail").asString()).isEqualTo("line 2 is bad");
    }
}
