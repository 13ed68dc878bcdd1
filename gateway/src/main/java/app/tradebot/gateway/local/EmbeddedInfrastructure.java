package app.tradebot.gateway.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import app.tradebot.runtime.ConfigurationProblem;
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
    private DataDirectoryLock dataDirectoryLock;

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
        if ("production".equalsIgnoreCase(environment.getProperty("tradebot.environment", ""))) {
            // Embedded servers keep no backups and a production deployment always names its own.
            List<String> variables = new ArrayList<>();
            if (missing.postgres()) {
                variables.add("DATABASE_URL");
            }
            if (missing.redis()) {
                variables.add("REDIS_URL");
            }
            if (missing.amqp()) {
                variables.add("RABBITMQ_URL");
            }
            throw new ConfigurationProblem(String.join(", ", variables), "not set, and ENVIRONMENT=production runs no embedded servers",
                    "Set " + String.join(" and ", variables) + " (see .env.example), or ENVIRONMENT=development for a local run.");
        }
        EmbeddedSettings settings = EmbeddedSettings.of(environment);
        dataDirectoryLock = DataDirectoryLock.acquire(settings.dataDir());
        if (missing.postgres()) {
            // The data persists here, so the keys that read it must too.
            DataDirectoryKeys.apply(environment, settings.dataDir());
        }
        SpringApplication.getShutdownHandlers().add(this::stop);
        // Side by side: PostgreSQL mostly waits for its processes while the broker loads its classes.
        List<CompletableFuture<EmbeddedService>> starting = new ArrayList<>();
        if (missing.postgres()) {
            starting.add(startAsync("postgres", () -> EmbeddedPostgresService.start(settings.dataDir(), settings.postgresPort())));
        }
        if (missing.redis()) {
            starting.add(startAsync("redis", () -> EmbeddedRedisService.start(settings.dataDir(), settings.redisPort())));
        }
        if (missing.amqp()) {
            starting.add(startAsync("amqp", () -> EmbeddedAmqpBroker.start(settings.dataDir(), settings.amqpPort())));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (CompletableFuture<EmbeddedService> service : starting) {
            try {
                EmbeddedService started = service.join();
                // Pushed in a fixed order (PostgreSQL, Redis, broker), so they stop in the reverse one.
                running.push(started);
                properties.putAll(started.properties());
                defaults.putAll(started.defaults());
            }
            catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failure == null) {
                    failure = cause;
                }
                else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            stop();
            throw failure;
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE + "Defaults", defaults));
    }

    /** Stops what runs, last started first, then frees the data directory; safe to call again and from any thread. */
    synchronized void stop() {
        while (!running.isEmpty()) {
            running.pop().close();
        }
        if (dataDirectoryLock != null) {
            dataDirectoryLock.close();
            dataDirectoryLock = null;
        }
    }

    private static CompletableFuture<EmbeddedService> startAsync(String name, Supplier<EmbeddedService> starter) {
        return CompletableFuture.supplyAsync(starter, task -> {
            Thread thread = new Thread(task, "embedded-" + name);
            thread.start();
        });
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
