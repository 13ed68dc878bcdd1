package app.tradebot.scheduler;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import app.tradebot.runtime.QueueTopology;
import app.tradebot.runtime.Roles;
import app.tradebot.runtime.Template;

/**
 * The Spring Cloud Stream producer bindings of the scheduler role, one per scheduled function:
 * destination exchange {@code schedule.<function>}. They declare nothing: the durable queue
 * {@code schedule.<function>} and its DLQ are {@link QueueTopology}'s, which the process declares
 * when it connects, so they exist before the scheduler first publishes, before any worker has
 * started. It also turns on correlated
 * publisher confirms on the connection factory: {@link TickPublisher} puts a CorrelationData in
 * each message's {@code amqp_publishConfirmCorrelation} header and commits a fire only once the
 * broker has confirmed it.
 *
 * <p>These are properties because Spring Cloud Stream reads binding properties from the
 * environment, before any bean exists. They are added last, so explicit configuration wins.
 */
public class SchedulerBindings implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "tradebotSchedulerBindings";
    static final String CONFIRM_TYPE = "spring.rabbitmq.publisher-confirm-type";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Roles.has(environment, Roles.SCHEDULER)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties(template(environment))));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after config data, so tradebot.roles from application properties counts
    }

    static Map<String, Object> properties(Template template) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(CONFIRM_TYPE, "correlated");
        for (Template.Schedule schedule : template.schedules()) {
            props.putAll(QueueTopology.producerBinding(ScheduledJob.bindingName(schedule.function()), schedule.queue()));
        }
        // TickPublisher's warm-up sends: the built-in topic exchange, a routing key no queue binds.
        props.putAll(QueueTopology.producerBinding(TickPublisher.WARM_UP_BINDING, TickPublisher.WARM_UP_EXCHANGE));
        props.put("spring.cloud.stream.rabbit.bindings[" + TickPublisher.WARM_UP_BINDING
                + "].producer.routing-key-expression", "'" + TickPublisher.WARM_UP_ROUTING_KEY + "'");
        return props;
    }

    /** Without correlated confirms no fire would ever be confirmed: refuse to start instead. */
    static void requirePublisherConfirms(Environment environment) {
        String type = environment.getProperty(CONFIRM_TYPE, "");
        if (!"correlated".equalsIgnoreCase(type)) {
            throw new IllegalStateException("The scheduler needs " + CONFIRM_TYPE + "=correlated (found '" + type
                    + "'): it commits a fire only once the broker confirms the message");
        }
    }

    private static Template template(Environment environment) {
        return Template.forLocation(environment.getProperty(Template.LOCATION_PROPERTY, ""));
    }
}
