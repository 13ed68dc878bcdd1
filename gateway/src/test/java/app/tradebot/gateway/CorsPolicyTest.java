package app.tradebot.gateway;

import java.util.List;
import java.util.Map;

import app.tradebot.runtime.Template.Cors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CorsPolicyTest {

    private static final Cors CORS = new Cors(List.of("Intrinsic[Ref FrontendUrl]"), List.of("GET", "POST"),
            List.of("authorization", "content-type"), List.of("x-request-id"), true, 600);

    private final CorsPolicy policy = new CorsPolicy(CORS, "https://app.tradebot.example/, http://localhost:3000");

    @Test
    void preflightFromAConfiguredOriginGetsTheTemplatesSettings() {
        Map<String, List<String>> headers = policy.preflight("https://APP.tradebot.example", "post", "Content-Type");

        assertThat(headers).containsEntry("Access-Control-Allow-Origin", List.of("https://APP.tradebot.example"))
                .containsEntry("Access-Control-Allow-Methods", List.of("GET,POST"))
                .containsEntry("Access-Control-Allow-Headers", List.of("authorization,content-type"))
                .containsEntry("Access-Control-Allow-Credentials", List.of("true"))
                .containsEntry("Access-Control-Max-Age", List.of("600"));
    }

    @Test
    void preflightIsRefusedForAnotherOriginMethodOrHeader() {
        assertThat(policy.preflight("https://evil.example", "GET", null)).isEmpty();
        assertThat(policy.preflight("http://localhost:3000", "DELETE", null)).isEmpty();
        assertThat(policy.preflight("http://localhost:3000", "GET", "authorization, x-evil")).isEmpty();
        assertThat(policy.preflight("http://localhost:3000.evil.example", "GET", null)).isEmpty();
        assertThat(policy.preflight("null", "GET", null)).isEmpty();
    }

    @Test
    void actualResponsesExposeHeadersOnlyToConfiguredOrigins() {
        assertThat(policy.response("http://localhost:3000"))
                .containsEntry("Access-Control-Expose-Headers", List.of("x-request-id"))
                .containsEntry("Vary", List.of("Origin"));
        assertThat(policy.response("https://evil.example")).isEmpty();
        assertThat(policy.response(null)).isEmpty();
    }

    @Test
    void withoutCorsConfigurationNothingIsAllowed() {
        CorsPolicy none = new CorsPolicy(Cors.NONE, "http://localhost:3000");

        assertThat(none.enabled()).isFalse();
        assertThat(none.response("http://localhost:3000")).isEmpty();
    }

    @Test
    void onlyOptionsWithOriginAndRequestMethodIsAPreflight() {
        assertThat(CorsPolicy.isPreflight("OPTIONS", "http://a", "GET")).isTrue();
        assertThat(CorsPolicy.isPreflight("OPTIONS", null, "GET")).isFalse();
        assertThat(CorsPolicy.isPreflight("OPTIONS", "http://a", null)).isFalse();
        assertThat(CorsPolicy.isPreflight("GET", "http://a", "GET")).isFalse();
    }
}
