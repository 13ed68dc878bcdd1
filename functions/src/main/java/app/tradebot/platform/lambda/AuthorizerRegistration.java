package app.tradebot.platform.lambda;

import java.util.Map;
import java.util.function.Function;

import app.tradebot.runtime.Roles;
import app.tradebot.runtime.Template;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionRegistry;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.core.env.Environment;

/**
 * Makes FunctionInvoker return the HttpApi authorizer's answer as API Gateway expects it.
 *
 * <p>API Gateway calls the authorizer (payload 2.0, simple responses) and reads the invocation
 * result itself as {@code {"isAuthorized": ..., "context": {...}}}. FunctionInvoker 5.0.5 (see
 * AWSLambdaUtils.generateOutput) returns a function's output untouched only when the output type
 * is in {@code com.amazonaws.services.lambda.runtime.events}; any other output of a call whose
 * event has {@code routeKey} and {@code version} (the authorizer's event has both) is wrapped in a
 * proxy-integration envelope {@code {"statusCode":200,"headers":{...},"body":"<json>"}}, which API
 * Gateway would reject. So in a Lambda (a process playing no role) the template's authorizer is
 * registered in the FunctionCatalog, under its own name, as a
 * {@code Function<APIGatewayV2HTTPEvent, SimpleIAMPolicyResponse>} delegating to the bean: the
 * same JSON, now of an AWS events type, and returned as is. The bean itself stays a plain
 * function of our own response record; the gateway calls it in-process and reads its JSON.
 */
class AuthorizerRegistration implements BeanPostProcessor {

    private final ConfigurableListableBeanFactory beanFactory;
    private final Environment environment;

    AuthorizerRegistration(ConfigurableListableBeanFactory beanFactory, Environment environment) {
        this.beanFactory = beanFactory;
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof FunctionRegistry registry && Roles.of(environment).isEmpty()) {
            beanFactory.getBean(Template.class).authorizerFunction()
                    .filter(beanFactory::containsBeanDefinition)
                    .ifPresent(name -> registry.register(registration(name)));
        }
        return bean;
    }

    private FunctionRegistration<Function<APIGatewayV2HTTPEvent, SimpleIAMPolicyResponse>> registration(String name) {
        Function<APIGatewayV2HTTPEvent, SimpleIAMPolicyResponse> simpleResponse = event -> {
            @SuppressWarnings("unchecked")
            Function<APIGatewayV2HTTPEvent, ?> authorizer = beanFactory.getBean(name, Function.class);
            return toSimpleResponse(authorizer.apply(event), beanFactory.getBean(JsonMapper.class));
        };
        return new FunctionRegistration<>(simpleResponse, name)
                .type(FunctionTypeUtils.functionType(APIGatewayV2HTTPEvent.class, SimpleIAMPolicyResponse.class));
    }

    /**
     * Our response record, re-read as API Gateway's: anything but {@code isAuthorized: true} denies,
     * and a missing context is sent as {} rather than null.
     */
    static SimpleIAMPolicyResponse toSimpleResponse(Object response, JsonMapper json) {
        SimpleIAMPolicyResponse simple = response == null ? new SimpleIAMPolicyResponse(false, null)
                : response instanceof SimpleIAMPolicyResponse s ? s
                : json.convertValue(response, SimpleIAMPolicyResponse.class);
        if (simple.getContext() == null) {
            simple.setContext(Map.of());
        }
        return simple;
    }
}
