package app.tradebot.platform.lambda;

import java.util.Map;
import java.util.function.Function;

import app.tradebot.TradeBotFunctions;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Lambda's start class plus two test-only functions shaped like {@code authorize}. Not a
 * {@code @Configuration}, so no component scan picks it up: only FunctionInvokerIT starts it
 * (through MAIN_CLASS, as FunctionInvoker finds its start class).
 */
@EnableAutoConfiguration
@Import(TradeBotFunctions.class)
class LambdaWithTestFunctions {

    static final String USER_ID = "7f1c1f7e-2b7a-4c61-9d3f-0d7b8a1f2e3c";

    /** Same shape as the real authorizer's response record. */
    record TestAuthorizerResponse(boolean isAuthorized, Map<String, String> context) {
    }

    /** The template's authorizer in lambda/template.yaml. */
    @Bean
    Function<APIGatewayV2HTTPEvent, TestAuthorizerResponse> testAuthorize() {
        return LambdaWithTestFunctions::decide;
    }

    /** The same function, but not named as the authorizer: shows what FunctionInvoker does by itself. */
    @Bean
    Function<APIGatewayV2HTTPEvent, TestAuthorizerResponse> testNotTheAuthorizer() {
        return LambdaWithTestFunctions::decide;
    }

    private static TestAuthorizerResponse decide(APIGatewayV2HTTPEvent event) {
        String authorization = event.getHeaders() == null ? null : event.getHeaders().get("authorization");
        if ("Bearer good".equals(authorization)) {
            return new TestAuthorizerResponse(true, Map.of("userId", USER_ID));
        }
        return new TestAuthorizerResponse(false, null);
    }
}
