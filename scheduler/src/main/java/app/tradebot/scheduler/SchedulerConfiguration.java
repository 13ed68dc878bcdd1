package app.tradebot.scheduler;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageSenderContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.cloud.stream.binder.rabbit.RabbitMessageChannelBinder;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.support.TransactionTemplate;

import app.tradebot.runtime.ConditionalOnRole;
import app.tradebot.runtime.Roles;
import app.tradebot.runtime.Template;

/**
 * The scheduler role: fires template.yaml's schedules. Knows no function; it reads the
 * {@link Template} bean and publishes messages. Its bindings come from {@link SchedulerBindings}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Roles.SCHEDULER)
@EnableConfigurationProperties(SchedulerProperties.class)
class SchedulerConfiguration {

    @Bean
    Scheduler scheduler(Template template, DataSource dataSource, BindingService bindings, ApplicationContext context,
            Environment environment, SchedulerProperties properties, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters, ObjectProvider<BinderFactory> binders) {
        List<ScheduledJob> jobs = ScheduledJob.from(template);
        SchedulerBindings.requirePublisherConfirms(environment);
        SchedulerSchema.migrate(dataSource);
        // A transaction manager of our own, not a bean: it cannot clash with the functions' one.
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Clock time = clock.getIfUnique(Clock::systemUTC);
        TickPublisher publisher = new TickPublisher(bindings, context, time);
        return new Scheduler(jobs, new ScheduleFires(new JdbcTemplate(dataSource)), publisher, transactions,
                time, instanceId(properties, environment), properties,
                meters.getIfUnique(SimpleMeterRegistry::new), () -> warmUp(jobs, publisher, binders, properties));
    }

    /**
     * Before the first tick: creates the RabbitMQ binder, binds every job's producer and opens the
     * binder's publisher connection and channels, and sends the warm-up's messages through the same
     * path, confirms awaited ({@link TickPublisher#warmUp}). Done lazily, all
     * of it fell on a tick's first send: the binder 4 to 12 s under load, the bindings and
     * channels 0.8 s on a quiet machine (BENCHMARKS §12), and a replica that had never won a tick
     * paid it when it took over from a dead one.
     */
    private static void warmUp(List<ScheduledJob> jobs, TickPublisher publisher, ObjectProvider<BinderFactory> binders,
            SchedulerProperties properties) {
        BinderFactory factory = binders.getIfAvailable();
        Binder<?, ?, ?> binder = factory == null ? null : factory.getBinder(null, MessageChannel.class);
        publisher.warmUp(jobs, binder instanceof RabbitMessageChannelBinder rabbit ? rabbit.getConnectionFactory() : null,
                System.nanoTime() + properties.confirmTimeout().toNanos());
    }

    /**
     * No Micrometer observation of the scheduler's own sends. The binder turns observation on for
     * every producer's RabbitTemplate: each send then starts an observation, a long task timer and
     * a timer ({@code spring.rabbit.template}), and a binding's first send registers those meters,
     * which made up most of a replica's first fire (BENCHMARKS §12). The scheduler's own figure is
     * {@code tradebot.scheduler.fire.delay}; other publishers' observations are unchanged.
     */
    @Bean
    ObservationPredicate schedulerSendsUnobserved(Template template) {
        Set<String> exchanges = ScheduledJob.from(template).stream().map(ScheduledJob::queue).collect(Collectors.toCollection(HashSet::new));
        exchanges.add(TickPublisher.WARM_UP_EXCHANGE); // the warm-up takes the path the ticks take
        return (name, context) -> !(context instanceof RabbitMessageSenderContext sender
                && exchanges.contains(sender.getExchange()));
    }

    static String instanceId(SchedulerProperties properties, Environment environment) {
        if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
            return properties.instanceId().strip();
        }
        String configured = environment.getProperty("TRADEBOT_INSTANCE_ID", "");
        if (!configured.isBlank()) {
            return configured.strip();
        }
        String host = environment.getProperty("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            }
            catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
