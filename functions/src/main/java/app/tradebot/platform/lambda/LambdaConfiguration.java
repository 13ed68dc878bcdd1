package app.tradebot.platform.lambda;

import app.tradebot.runtime.Template;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

@Configuration(proxyBeanMethods = false)
class LambdaConfiguration {

    @Bean
    static AuthorizerRegistration authorizerRegistration(ConfigurableListableBeanFactory beanFactory,
            Environment environment) {
        return new AuthorizerRegistration(beanFactory, environment);
    }

    /** In a Lambda only, and made at start (not lazily): it must be registered before SnapStart's snapshot. */
    @Bean
    @Lazy(false)
    @Conditional(InLambda.class)
    SnapStartPriming snapStartPriming(FunctionCatalog catalog, Template template, JsonMapper json, Environment environment) {
        SnapStartPriming priming = new SnapStartPriming(catalog, template, LambdaStartup.function(environment), json);
        priming.register();
        return priming;
    }

    static final class InLambda implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return LambdaStartup.isLambda(context.getEnvironment());
        }
    }
}
