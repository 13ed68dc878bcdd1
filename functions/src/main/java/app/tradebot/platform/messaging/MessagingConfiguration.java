package app.tradebot.platform.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    static FunctionBindingGuard functionBindingGuard() {
        return new FunctionBindingGuard();
    }
}
