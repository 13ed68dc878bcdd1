package app.tradebot.gateway;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import app.tradebot.runtime.Template;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.function.context.FunctionCatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RouteTableTest {

    private static final String TEMPLATE = """
            Resources:
              HttpApi:
                Type: AWS::Serverless::HttpApi
                Properties:
                  Auth:
                    Authorizers:
                      TokenAuthorizer:
                        FunctionArn: !GetAtt AuthorizeFunction.Arn
                  DefaultRouteSettings:
                    ThrottlingBurstLimit: 200
                    ThrottlingRateLimit: 100
                  RouteSettings:
                    'POST /api/bots':
                      ThrottlingBurstLimit: 5
                      ThrottlingRateLimit: 1
              ListBotsFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: listBots}}
                  Events:
                    Get: {Type: HttpApi, Properties: {Method: GET, Path: /api/bots, Auth: {Authorizer: TokenAuthorizer}}}
              CreateBotFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: createBot}}
                  Events:
                    Post: {Type: HttpApi, Properties: {Method: POST, Path: /api/bots}}
              ShowBotFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: showBot}}
                  Events:
                    Get: {Type: HttpApi, Properties: {Method: GET, Path: '/api/bots/{botId}'}}
              AuthorizeFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: authorize}}
            """;

    private final Template template = Template.parse(TEMPLATE);

    @Test
    void findsTheRouteWithItsFunctionThrottleAndParameters() {
        RouteTable table = RouteTable.of(template, new Catalog(Set.of("listBots", "createBot", "showBot", "authorize")));

        RouteTable.Lookup.Found found = (RouteTable.Lookup.Found) table.lookup("GET", "/api/bots/b-1");
        assertThat(found.route().spec().function()).isEqualTo("showBot");
        assertThat(found.pathParameters()).isEqualTo(Map.of("botId", "b-1"));
        assertThat(found.route().throttle()).isEqualTo(new Template.Throttle(200, 100));
        assertThat(found.route().function().apply("x")).isEqualTo("showBot:x");

        RouteTable.Lookup.Found create = (RouteTable.Lookup.Found) table.lookup("POST", "/api/bots");
        assertThat(create.route().throttle()).isEqualTo(new Template.Throttle(5, 1));
        assertThat(table.authorizer()).isPresent();
    }

    @Test
    void unknownPathIsNotFoundAndWrongMethodListsTheAllowedOnes() {
        RouteTable table = RouteTable.of(template, new Catalog(Set.of("listBots", "createBot", "showBot", "authorize")));

        assertThat(table.lookup("GET", "/api/nope")).isInstanceOf(RouteTable.Lookup.NotFound.class);
        assertThat(table.lookup("DELETE", "/api/bots"))
                .isEqualTo(new RouteTable.Lookup.MethodNotAllowed(Set.of("GET", "POST")));
        assertThat(table.lookup("get", "/api/bots")).isInstanceOf(RouteTable.Lookup.MethodNotAllowed.class);
    }

    @Test
    void aTemplateFunctionMissingFromTheCatalogStopsStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> RouteTable.of(template, new Catalog(Set.of("listBots", "createBot", "authorize"))))
                .withMessageContaining("'showBot'")
                .withMessageContaining("GET /api/bots/{botId}");
    }

    @Test
    void aMissingAuthorizerStopsStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> RouteTable.of(template, new Catalog(Set.of("listBots", "createBot", "showBot"))))
                .withMessageContaining("'authorize'");
    }

    /** A catalog holding functions that answer "name:input". */
    private record Catalog(Set<String> names) implements FunctionCatalog {

        @Override
        @SuppressWarnings("unchecked")
        public <T> T lookup(Class<?> type, String definition, String... acceptedOutputTypes) {
            if (!names.contains(definition)) {
                return null;
            }
            Function<Object, Object> function = input -> definition + ":" + input;
            return (T) function;
        }

        @Override
        public Set<String> getNames(Class<?> type) {
            return names;
        }
    }
}
