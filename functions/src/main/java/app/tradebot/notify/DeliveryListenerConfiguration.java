package app.tradebot.notify;

import java.util.Set;

import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker attempts several deliveries at once: an attempt may wait up to the timeout for a slow target, and the
 * others must not queue behind it. Apart from the notify functions because it names Spring Cloud Stream, which only
 * the worker's consumers use: the Lambda packages leave it out (AbsentLibrariesScan).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryListenerConfiguration {

    static final Set<String> DELIVERY_QUEUES = Set.of("webhook-deliveries", "telegram-deliveries");

    @Bean
    ListenerContainerCustomizer<MessageListenerContainer> deliveryConcurrency(NotifyProperties properties) {
        return (container, destination, group) -> {
            if (group != null && DELIVERY_QUEUES.contains(group) && container instanceof SimpleMessageListenerContainer simple) {
                simple.setConcurrentConsumers(properties.concurrency());
            }
        };
    }
}
