package app.tradebot.platform.messaging;

import java.time.Duration;

import app.tradebot.runtime.ConditionalOnRole;
import app.tradebot.runtime.Roles;
import app.tradebot.runtime.Template;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    static FunctionBindingGuard functionBindingGuard() {
        return new FunctionBindingGuard();
    }

    @Bean
    @ConditionalOnRole(Roles.WORKER)
    QueueDepths queueDepths(Template template, ConnectionFactory connectionFactory,
            ObjectProvider<MeterRegistry> meters, @Value("${tradebot.metrics.queue-poll-interval:15s}") Duration interval) {
        return new QueueDepths(template, connectionFactory, meters.getIfUnique(SimpleMeterRegistry::new), interval);
    }
}
