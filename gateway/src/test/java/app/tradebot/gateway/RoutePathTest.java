package app.tradebot.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoutePathTest {

    @Test
    void literalPathMatchesOnlyItself() {
        RoutePath path = RoutePath.parse("/api/auth/me");

        assertThat(path.match("/api/auth/me")).contains(Map.of());
        assertThat(path.match("/api/auth/me/")).isEmpty();
        assertThat(path.match("/api/auth")).isEmpty();
        assertThat(path.match("/api/auth/me/x")).isEmpty();
        assertThat(path.match("/API/auth/me")).isEmpty();
        assertThat(path.match("api/auth/me")).isEmpty();
    }

    @Test
    void parametersCaptureOneDecodedSegment() {
        RoutePath path = RoutePath.parse("/api/bots/{botId}/orders/{orderId}");

        assertThat(path.match("/api/bots/b%2F1/orders/a+b")).contains(Map.of("botId", "b/1", "orderId", "a+b"));
        assertThat(path.match("/api/bots//orders/1")).isEmpty();
        assertThat(path.match("/api/bots/1/orders")).isEmpty();
        assertThat(path.parameterNames()).containsExactly("botId", "orderId");
    }

    @Test
    void greedyParameterTakesTheRest() {
        RoutePath path = RoutePath.parse("/files/{proxy+}");

        assertThat(path.match("/files/a/b/c")).contains(Map.of("proxy", "a/b/c"));
        assertThat(path.match("/files/a")).contains(Map.of("proxy", "a"));
        assertThat(path.match("/files/")).isEmpty();
        assertThat(path.match("/files")).isEmpty();
        assertThat(path.openApiPath()).isEqualTo("/files/{proxy}");
    }

    @Test
    void malformedPercentEscapesStayAsTheyAre() {
        assertThat(RoutePath.parse("/x/{id}").match("/x/%zz")).contains(Map.of("id", "%zz"));
    }

    @Test
    void greedyMustBeLastAndPathsAbsolute() {
        assertThatIllegalArgumentException().isThrownBy(() -> RoutePath.parse("/a/{p+}/b"));
        assertThatIllegalArgumentException().isThrownBy(() -> RoutePath.parse("a/b"));
    }

    @Test
    void literalIsMoreSpecificThanParameterThanGreedy() {
        RoutePath literal = RoutePath.parse("/a/latest");
        RoutePath parameter = RoutePath.parse("/a/{id}");
        RoutePath greedy = RoutePath.parse("/a/{proxy+}");

        assertThat(literal.compareSpecificity(parameter)).isNegative();
        assertThat(parameter.compareSpecificity(greedy)).isNegative();
        assertThat(greedy.compareSpecificity(literal)).isPositive();
    }
}
