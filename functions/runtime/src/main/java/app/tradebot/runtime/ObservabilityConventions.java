package app.tradebot.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Health probes, metrics and logging, the same in every process: the defaults of
 * {@value #RESOURCE}, plus structured JSON logs (Elastic Common Schema, one object per line, the
 * MDC's request id included) when {@code tradebot.environment} (env ENVIRONMENT) is
 * {@value #PRODUCTION}; elsewhere Spring Boot's readable console format.
 *
 * <p>Why not an application.properties in the functions jar: only one
 * {@code classpath:application.properties} is ever read, so one added later to the launcher or a
 * test would silently drop these settings. This source sits just above the launcher's defaults
 * and below every application.properties, variable and flag; TradeBot uses no Spring profiles, so
 * the environment-dependent part is decided here, before Spring Boot configures logging.
 */
public class ObservabilityConventions implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "tradebotObservability";
    static final String RESOURCE = "app/tradebot/runtime/observability.properties";
    static final String ENVIRONMENT = "tradebot.environment";
    static final String PRODUCTION = "production";
    static final String DEFAULT_PROPERTIES = "defaultProperties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> props = new LinkedHashMap<>(defaults());
        props.putAll(logging(environment.getProperty(ENVIRONMENT, "development")));
        MapPropertySource source = new MapPropertySource(SOURCE, props);
        if (environment.getPropertySources().contains(DEFAULT_PROPERTIES)) {
            environment.getPropertySources().addBefore(DEFAULT_PROPERTIES, source);
        }
        else {
            environment.getPropertySources().addLast(source);
        }
    }

    @Override
    public int getOrder() {
        // After application.properties is loaded: ENVIRONMENT may be set there as tradebot.environment.
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    static Map<String, Object> logging(String environment) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (PRODUCTION.equals(environment.trim().toLowerCase(Locale.ROOT))) {
            props.put("logging.structured.format.console", "ecs");
            props.put("logging.structured.ecs.service.name", "tradebot");
            props.put("logging.structured.ecs.service.environment", PRODUCTION);
        }
        else {
            // Said explicitly: Spring Boot keeps the format in a system property, which an earlier
            // application in the same JVM (a test) may have set.
            props.put("logging.structured.format.console", "");
        }
        return props;
    }

    static Map<String, Object> defaults() {
        Properties properties = new Properties();
        try (InputStream in = ObservabilityConventions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            properties.load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(name -> defaults.put(name, properties.getProperty(name)));
        return defaults;
    }
}
