package app.tradebot.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import app.tradebot.runtime.Template;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiEventsTest {

    private final HttpApiEvents events = new HttpApiEvents(new GatewayProperties(1024, "123456789012", "api1", "eu-west-1"));
    private final RouteTable.Route route = new RouteTable.Route(
            new Template.HttpRoute("showBot", "GET", "/api/bots/{botId}", "authorize"),
            RoutePath.parse("/api/bots/{botId}"), input -> input, Template.Throttle.NONE);

    @Test
    void fillsEveryFieldOfThePayload2Event() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/bots/b%201");
        request.setQueryString("a=1&a=2&b=%C3%A9");
        request.setServerName("api.tradebot.example");
        request.setRemoteAddr("10.0.0.7");
        request.setProtocol("HTTP/1.1");
        request.addHeader("X-Multi", "one");
        request.addHeader("X-Multi", "two");
        request.addHeader("User-Agent", "test-agent");
        request.addHeader("Cookie", "a=1; b=2");
        request.addHeader("Cookie", "c=3");

        APIGatewayV2HTTPEvent event = events.event(request, route, Map.of("botId", "b 1"), new byte[0], "req-1",
                Instant.parse("2026-03-12T19:03:58.123Z"));

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("GET /api/bots/{botId}");
        assertThat(event.getRawPath()).isEqualTo("/api/bots/b%201");
        assertThat(event.getRawQueryString()).isEqualTo("a=1&a=2&b=%C3%A9");
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("a", "1,2", "b", "é"));
        assertThat(event.getPathParameters()).isEqualTo(Map.of("botId", "b 1"));
        assertThat(event.getHeaders()).containsEntry("x-multi", "one,two").containsEntry("user-agent", "test-agent")
                .containsEntry("x-forwarded-for", "10.0.0.7").containsEntry("x-forwarded-proto", "http")
                .containsEntry("x-forwarded-port", "80").doesNotContainKey("cookie");
        assertThat(event.getCookies()).containsExactly("a=1", "b=2", "c=3");
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
        var context = event.getRequestContext();
        assertThat(context.getAccountId()).isEqualTo("123456789012");
        assertThat(context.getApiId()).isEqualTo("api1");
        assertThat(context.getDomainName()).isEqualTo("api.tradebot.example");
        assertThat(context.getDomainPrefix()).isEqualTo("api");
        assertThat(context.getRequestId()).isEqualTo("req-1");
        assertThat(context.getRouteKey()).isEqualTo("GET /api/bots/{botId}");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getTime()).isEqualTo("12/Mar/2026:19:03:58 +0000");
        assertThat(context.getTimeEpoch()).isEqualTo(Instant.parse("2026-03-12T19:03:58.123Z").toEpochMilli());
        assertThat(context.getHttp().getMethod()).isEqualTo("GET");
        assertThat(context.getHttp().getPath()).isEqualTo("/api/bots/b%201");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("10.0.0.7");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("test-agent");
    }

    @Test
    void textBodiesStayTextAndTheRestIsBase64() {
        assertThat(body("application/json", "{\"a\":1}").getBody()).isEqualTo("{\"a\":1}");
        assertThat(body("application/problem+json", "{}").getIsBase64Encoded()).isFalse();
        assertThat(body("text/csv; charset=utf-8", "a,b").getBody()).isEqualTo("a,b");

        for (String binary : new String[] { "application/octet-stream", "image/png", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "not a content type" }) {
            APIGatewayV2HTTPEvent event = body(binary, "payload");
            assertThat(event.getIsBase64Encoded()).as(binary).isTrue();
            assertThat(Base64.getDecoder().decode(event.getBody())).as(binary).isEqualTo("payload".getBytes());
        }
        assertThat(body(null, "payload").getIsBase64Encoded()).isTrue();
    }

    @Test
    void queryParametersDecodeLikeApiGateway() {
        assertThat(HttpApiEvents.queryStringParameters("q=a+b&q=c%2Cd&flag&&x=%zz"))
                .isEqualTo(Map.of("q", "a b,c,d", "flag", "", "x", "%zz"));
        assertThat(HttpApiEvents.queryStringParameters(null)).isEmpty();
    }

    @Test
    void theAuthorizerGetsTypeRouteArnAndIdentitySourceButNoBody() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/bots/7");
        APIGatewayV2HTTPEvent event = events.event(request, route, Map.of("botId", "7"),
                "secret body".getBytes(StandardCharsets.UTF_8), "req-2", Instant.now());

        AuthorizerEvent authorizer = events.authorizerEvent(event, "Bearer abc");

        assertThat(authorizer.getType()).isEqualTo("REQUEST");
        assertThat(authorizer.getRouteArn()).isEqualTo("arn:aws:execute-api:eu-west-1:123456789012:api1/$default/GET/api/bots/7");
        assertThat(authorizer.getIdentitySource()).isEqualTo(List.of("Bearer abc"));
        assertThat(authorizer.getBody()).isNull();
        assertThat(authorizer.getPathParameters()).isEqualTo(Map.of("botId", "7"));
        assertThat(authorizer.getRequestContext().getRequestId()).isEqualTo("req-2");
    }

    private APIGatewayV2HTTPEvent body(String contentType, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/bots/1");
        if (contentType != null) {
            request.addHeader("Content-Type", contentType);
        }
        return events.event(request, route, Map.of(), body.getBytes(StandardCharsets.UTF_8), "r", Instant.now());
    }
}
