package app.tradebot.platform.http;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizerResponseTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void allowIsApiGatewaysSimpleResponse() {
        String body = json.writeValueAsString(AuthorizerResponse.allow("0b6f8f4e-6a43-4a59-9c3c-2f4b1e3f7d10"));

        assertThat(body).isEqualTo("{\"isAuthorized\":true,\"context\":{\"userId\":\"0b6f8f4e-6a43-4a59-9c3c-2f4b1e3f7d10\"}}");
    }

    @Test
    void denyHasAnEmptyContext() {
        assertThat(json.writeValueAsString(AuthorizerResponse.deny())).isEqualTo("{\"isAuthorized\":false,\"context\":{}}");
    }

    @Test
    void itReadsBackFromApiGatewaysJson() {
        AuthorizerResponse read = json.readValue("{\"isAuthorized\":true,\"context\":{\"userId\":\"u\"}}", AuthorizerResponse.class);

        assertThat(read.isAuthorized()).isTrue();
        assertThat(read.context()).isEqualTo(Map.of("userId", "u"));
    }
}
