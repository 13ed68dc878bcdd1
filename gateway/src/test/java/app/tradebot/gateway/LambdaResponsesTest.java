package app.tradebot.gateway;

import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.support.MessageBuilder;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaResponsesTest {

    private final LambdaResponses responses = new LambdaResponses(JsonMapper.builder().build());

    @Test
    void writesStatusHeadersCookiesAndBody() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        APIGatewayV2HTTPResponse lambda = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json", "Content-Length", "999", "Vary", "Accept"))
                .withMultiValueHeaders(Map.of("X-Many", List.of("1", "2")))
                .withCookies(List.of("session=x; HttpOnly"))
                .withBody("{\"id\":1}").build();

        responses.write(lambda, response, Map.of("Vary", List.of("Origin")));

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getContentAsString()).isEqualTo("{\"id\":1}");
        assertThat(response.getContentLength()).isEqualTo(8);
        assertThat(response.getHeaders("X-Many")).containsExactly("1", "2");
        assertThat(response.getHeaders("Set-Cookie")).containsExactly("session=x; HttpOnly");
        assertThat(response.getHeaders("Vary")).containsExactly("Origin");
    }

    @Test
    void decodesBase64Bodies() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        responses.write(APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("AAH/").withIsBase64Encoded(true)
                .build(), response, Map.of());

        assertThat(response.getContentAsByteArray()).containsExactly(0, 1, 0xff);
    }

    @Test
    void acceptsTheResponseAsJsonInAMessage() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        responses.write(MessageBuilder.withPayload("{\"statusCode\":204}".getBytes()).build(), response, Map.of());

        assertThat(response.getStatus()).isEqualTo(204);
        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAValidResponseBeforeWritingAnything() {
        for (Object invalid : new Object[] { null, "not json", 42, new APIGatewayV2HTTPResponse(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(700).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("!!not base64!!").withIsBase64Encoded(true).build() }) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            assertThatThrownBy(() -> responses.write(invalid, response, Map.of())).as(String.valueOf(invalid))
                    .isInstanceOf(InvalidFunctionResponse.class);
            assertThat(response.isCommitted()).isFalse();
            assertThat(response.getHeaderNames()).isEmpty();
        }
    }
}
