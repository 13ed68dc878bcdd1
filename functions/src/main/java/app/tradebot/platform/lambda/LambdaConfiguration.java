package app.tradebot.platform.lambda;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class LambdaConfiguration {

    @Bean
    static AuthorizerRegistration authorizerRegistration(ConfigurableListableBeanFactory beanFactory,
            Environment environment) {
        return new AuthorizerRegistration(beanFactory, environment);
    }
}
