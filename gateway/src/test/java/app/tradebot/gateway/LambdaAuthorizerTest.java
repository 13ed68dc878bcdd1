package app.tradebot.gateway;

import java.util.Map;
import java.util.UUID;

import app.tradebot.platform.http.AuthorizerResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaAuthorizerTest {

    private final LambdaAuthorizer authorizer = new LambdaAuthorizer(JsonMapper.builder().build());
    private final AuthorizerEvent event = new AuthorizerEvent(new APIGatewayV2HTTPEvent(), "arn", java.util.List.of("t"));

    /** Shaped like the platform's AuthorizerResponse. */
    record Simple(boolean isAuthorized, Map<String, Object> context) {
    }

    @Test
    void readsTheSimpleResponseWhateverItsJavaType() {
        assertThat(authorizer.authorize(e -> new Simple(true, Map.of("userId", "u1")), event))
                .isEqualTo(new LambdaAuthorizer.Decision.Allow(Map.of("userId", "u1")));
        assertThat(authorizer.authorize(e -> Map.of("isAuthorized", true), event))
                .isEqualTo(new LambdaAuthorizer.Decision.Allow(Map.of()));
        assertThat(authorizer.authorize(e -> "{\"isAuthorized\":false}", event))
                .isInstanceOf(LambdaAuthorizer.Decision.Deny.class);
        assertThat(authorizer.authorize(
                e -> MessageBuilder.withPayload("{\"isAuthorized\":true,\"context\":{\"n\":1}}".getBytes()).build(), event))
                .isEqualTo(new LambdaAuthorizer.Decision.Allow(Map.of("n", 1)));
    }

    @Test
    void thePlatformsAnswerReadAsItIsSaysWhatItsJsonSays() {
        assertThat(authorizer.authorize(e -> AuthorizerResponse.allow("u1"), event))
                .isEqualTo(new LambdaAuthorizer.Decision.Allow(Map.of("userId", "u1")));
        assertThat(authorizer.authorize(e -> MessageBuilder.withPayload(AuthorizerResponse.deny()).build(), event))
                .isInstanceOf(LambdaAuthorizer.Decision.Deny.class);
        // A value JSON has no type for reaches the route's function as its JSON text, as in a Lambda.
        UUID id = UUID.randomUUID();
        Map<String, Object> context = Map.of("id", id, "admin", true);
        assertThat(authorizer.authorize(e -> new AuthorizerResponse(true, context), event))
                .isEqualTo(authorizer.authorize(e -> Map.of("isAuthorized", true, "context", context), event))
                .isEqualTo(new LambdaAuthorizer.Decision.Allow(Map.of("id", id.toString(), "admin", true)));
    }

    @Test
    void anythingElseIsAnInvalidResponse() {
        for (Object invalid : new Object[] { null, "yes", Map.of("isAuthorized", "true"), Map.of("allowed", true),
                Map.of("isAuthorized", true, "context", "u1") }) {
            assertThatThrownBy(() -> authorizer.authorize(e -> invalid, event)).as(String.valueOf(invalid))
                    .isInstanceOf(InvalidFunctionResponse.class);
        }
    }
}
