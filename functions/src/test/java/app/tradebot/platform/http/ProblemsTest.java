package app.tradebot.platform.http;

import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aProblemHasTheRfc9457MembersInOrderAndLeavesOutWhatIsAbsent() {
        APIGatewayV2HTTPResponse response = Problems.response(404, "No route for GET /api/nope.", "/api/nope");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsExactlyEntriesOf(Map.of("Content-Type", "application/problem+json"));
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getBody()).isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No route for GET /api/nope.\",\"instance\":\"/api/nope\"}");
    }

    @Test
    void withoutAnInstanceTheMemberIsLeftOut() {
        JsonNode body = json.readTree(Problems.response(413, "The request body is larger than 1 MB.", null).getBody());

        assertThat(body.has("instance")).isFalse();
        assertThat(body.has("errors")).isFalse();
        assertThat(body.get("title").asString()).isEqualTo("Content Too Large");
    }

    @Test
    void invalidListsItsFields() {
        Invalid invalid = new Invalid("The request has invalid fields.",
                List.of(new FieldError("email", "must be an email address"), new FieldError("password", "size must be between 10 and 128")));

        APIGatewayV2HTTPResponse response = Problems.response(invalid, "/api/auth/register");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("title").asString()).isEqualTo("Bad Request");
        assertThat(body.get("errors")).hasSize(2);
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(body.get("errors").get(0).get("message").asString()).isEqualTo("must be an email address");
        assertThat(body.get("errors").get(1).get("field").asString()).isEqualTo("password");
    }

    @Test
    void unauthorizedAsksForABearerToken() {
        APIGatewayV2HTTPResponse response = Problems.response(new Unauthorized("Sign in to do this."), "/api/auth/me");

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders())
                .containsEntry("WWW-Authenticate", "Bearer")
                .containsEntry("Content-Type", "application/problem+json");
    }

    @Test
    void tooManyRequestsSaysWhenToComeBack() {
        APIGatewayV2HTTPResponse response = Problems.response(new TooManyRequests("Slow down.", 42), "/api/auth/login");

        assertThat(response.getStatusCode()).isEqualTo(429);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "42");
        assertThat(json.readTree(response.getBody()).get("title").asString()).isEqualTo("Too Many Requests");
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertThat(new TooManyRequests("Slow down.", 0).headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void theGatewayCanAddItsOwnHeaders() {
        APIGatewayV2HTTPResponse response = Problems.response(405, "Use POST.", "/api/auth/login", Map.of("Allow", "POST"));

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "POST").containsEntry("Content-Type", "application/problem+json");
        assertThat(json.readTree(response.getBody()).get("title").asString()).isEqualTo("Method Not Allowed");
    }

    @Test
    void conflictAndNotFoundCarryTheirStatus() {
        assertThat(Problems.response(new Conflict("Taken."), "/x").getStatusCode()).isEqualTo(409);
        assertThat(Problems.response(new NotFound("Gone."), "/x").getStatusCode()).isEqualTo(404);
        assertThat(Problems.response(new Forbidden("No."), "/x").getStatusCode()).isEqualTo(403);
    }

    @Test
    void anUnexpectedFailureSaysNothingButTheRequestId() {
        APIGatewayV2HTTPResponse response = Problems.unexpected("/api/x", "req-123");

        assertThat(response.getStatusCode()).isEqualTo(500);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("title").asString()).isEqualTo("Internal Server Error");
        assertThat(body.get("detail").asString()).isEqualTo("Something went wrong on our side (request id req-123).");
    }

    @Test
    void extensionMembersFollowTheStandardOnes() {
        Problem problem = Problems.problem(503, "Not answering: redis", "/health", List.of());

        APIGatewayV2HTTPResponse response = Problems.response(problem,
                Map.of("checks", Map.of("redis", "down")), Map.of("Cache-Control", "no-store"));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store")
                .containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"Not answering: redis\",\"instance\":\"/health\",\"checks\":{\"redis\":\"down\"}}");
    }

    @Test
    void anExtensionCannotOverrideAStandardMember() {
        Problem problem = Problems.problem(503, "Down.", "/health", List.of());

        assertThatThrownBy(() -> Problems.response(problem, Map.of("status", 200), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'status'");
    }
}
