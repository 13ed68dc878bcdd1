package app.tradebot.gateway.local;

import java.util.Map;

import app.tradebot.runtime.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The main HTTP port (PORT, server.port) is the API's: a launcher that does not play the gateway
 * role (Compose's worker and scheduler containers) opens no main port at all
 * ({@code server.port=-1}), while the actuator keeps answering on its own management port
 * ({@code management.server.port}, default 8081, in every role).
 */
public final class MainPort implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String PROPERTY_SOURCE = "tradebotMainPort";

    private static final Logger log = LoggerFactory.getLogger(MainPort.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (Roles.has(environment, Roles.GATEWAY)) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of("server.port", -1)));
        log.info("Roles {}: no gateway here, so no main HTTP port; actuator on port {}", Roles.of(environment),
                environment.getProperty("management.server.port", "(none)"));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
