package app.tradebot.platform.messaging;

import java.time.Duration;
import java.util.function.Consumer;

import app.tradebot.runtime.ConditionalOnRole;
import app.tradebot.runtime.Roles;
import app.tradebot.runtime.Template;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

    @Bean
    static FunctionBindingGuard functionBindingGuard() {
        return new FunctionBindingGuard();
    }

    /** Spring Cloud Function asks the application's converters first. */
    @Bean
    MessageConverter jsonObjectBytesConverter() {
        return new JsonObjectBytesConverter();
    }

    @Bean
    @ConditionalOnRole(Roles.WORKER)
    QueueDepths queueDepths(Template template, ConnectionFactory connectionFactory,
            ObjectProvider<MeterRegistry> meters, @Value("${tradebot.metrics.queue-poll-interval:15s}") Duration interval) {
        return new QueueDepths(template, connectionFactory, meters.getIfUnique(SimpleMeterRegistry::new), interval);
    }

    /** Scheduled every minute: sends what the outbox holds (in AWS the relay; locally a back-up of the loop). */
    @Bean
    Consumer<Message<byte[]>> relayOutbox(QueueConsumers consumers, OutboxRelay relay) {
        return consumers.of(RelayTick.class, tick -> {
            int sent = relay.relay();
            log.debug("relayOutbox for the tick of {} sent {} messages", tick.scheduledTime(), sent);
        });
    }

    /** Where functions write to the outbox: the gateway and worker roles (a Lambda plays none). */
    @Bean
    @Conditional(WritesToOutbox.class)
    OutboxRelayLoop outboxRelayLoop(OutboxRelay relay, ObjectProvider<MeterRegistry> meters,
            @Value("${tradebot.outbox.relay-interval:2s}") Duration interval) {
        return new OutboxRelayLoop(relay, interval, meters.getIfUnique(SimpleMeterRegistry::new));
    }

    /**
     * Whether this process runs the relay loop: it plays the gateway or the worker role (a long-running process).
     * A Lambda plays none: frozen between invocations, it relays only in the scheduled {@code relayOutbox}.
     */
    static boolean relaysHere(Environment environment) {
        return Roles.has(environment, Roles.GATEWAY) || Roles.has(environment, Roles.WORKER);
    }

    static final class WritesToOutbox implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return relaysHere(context.getEnvironment());
        }
    }
}
