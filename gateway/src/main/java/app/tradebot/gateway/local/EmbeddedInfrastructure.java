package app.tradebot.gateway.local;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The all-in-one run's own PostgreSQL, Redis and AMQP broker, each started only when no URL points
 * at a real one (see {@link MissingServices}). Registered by the launcher alone -- never through
 * spring.factories, so neither the Lambda jar nor a test context ever starts a server.
 *
 * <p>Servers start when the environment is ready (after config files, EnvironmentConventions and
 * logging), before any bean exists that could connect; their connection properties then take
 * precedence. They stop in reverse order once the context has closed -- after the pools and
 * listener containers that use them -- or when start-up fails, or from Spring Boot's JVM shutdown
 * hook when no context got as far as closing.
 */
public final class EmbeddedInfrastructure implements SmartApplicationListener {

    static final String PROPERTY_SOURCE = "tradebotEmbeddedInfrastructure";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final Deque<EmbeddedService> running = new ArrayDeque<>();

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationFailedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public int getOrder() {
        // After EnvironmentPostProcessors (config data, DATABASE_URL & co.) and the logging system.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        }
        else if (event instanceof ApplicationPreparedEvent prepared) {
            stopAfterContext(prepared);
        }
        else if (event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    synchronized void start(ConfigurableEnvironment environment) {
        MissingServices missing = MissingServices.in(environment);
        logConfigured("PostgreSQL", !missing.postgres(), "spring.datasource.url / DATABASE_URL");
        logConfigured("Redis", !missing.redis(), "spring.data.redis.* / REDIS_URL");
        logConfigured("AMQP broker", !missing.amqp(), "spring.rabbitmq.* / RABBITMQ_URL");
        if (!missing.any()) {
            return;
        }
        EmbeddedSettings settings = EmbeddedSettings.of(environment);
        SpringApplication.getShutdownHandlers().add(this::stop);
        Map<String, Object> properties = new LinkedHashMap<>();
        try {
            if (missing.postgres()) {
                run(EmbeddedPostgresService::start, settings.dataDir(), settings.postgresPort(), properties);
            }
            if (missing.redis()) {
                run(EmbeddedRedisService::start, settings.dataDir(), settings.redisPort(), properties);
            }
            if (missing.amqp()) {
                run(EmbeddedAmqpBroker::start, settings.dataDir(), settings.amqpPort(), properties);
            }
        }
        catch (RuntimeException e) {
            stop();
            throw e;
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    /** Stops what runs, last started first; safe to call again and from any thread. */
    public synchronized void stop() {
        while (!running.isEmpty()) {
            running.pop().close();
        }
    }

    private void run(BiFunction<Path, Integer, EmbeddedService> starter, Path dataDir, int port,
            Map<String, Object> properties) {
        EmbeddedService service = starter.apply(dataDir, port);
        running.push(service);
        properties.putAll(service.properties());
    }

    /**
     * Registered as the first disposable bean, so it is destroyed last: after the connection pools
     * and message listener containers have closed.
     */
    private void stopAfterContext(ApplicationPreparedEvent event) {
        synchronized (this) {
            if (running.isEmpty()) {
                return;
            }
        }
        if (event.getApplicationContext().getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(PROPERTY_SOURCE, this::stop);
        }
    }

    private static void logConfigured(String service, boolean configured, String source) {
        if (configured) {
            log.info("{}: using the configured server ({}); nothing embedded", service, source);
        }
    }
}
