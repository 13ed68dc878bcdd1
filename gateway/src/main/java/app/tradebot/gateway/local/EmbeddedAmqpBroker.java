package app.tradebot.gateway.local;

import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Qpid Broker-J in this JVM, speaking AMQP 0-9-1 on loopback as RabbitMQ's clients and Spring Cloud
 * Stream's rabbit binder expect: user guest/guest, virtual host "/" (the default alias), configured
 * by {@code amqp-broker.json}. Exchanges, queues and messages live in memory: the binder and the
 * publishers declare their topology again at every start, and queued messages of a stopped local
 * run are not kept. Qpid does not know RabbitMQ's {@code x-dead-letter-*} queue arguments; the
 * broker is told to ignore them, which is harmless here because the binder's DLQs are fed by
 * {@code republishToDlq} (the binder publishes the failed message itself) and bound by the binder.
 * The JSON's context also sizes the broker for the launcher's two connections: Qpid's defaults (64 I/O
 * threads of the virtual host, 8 of the port, a pool of 1,024 direct 256 KB network buffers) are
 * made for hundreds of clients and cost the all-in-one process memory it never uses (BENCHMARKS §11).
 */
final class EmbeddedAmqpBroker implements EmbeddedService {

    static final String USER = "guest";
    static final String PASSWORD = "guest";
    static final String VIRTUAL_HOST = "/";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);
    private static final String INITIAL_CONFIG = "amqp-broker.json";
    private static final String SYSTEM_PROPERTIES = "amqp-broker-system.properties";

    private final SystemLauncher launcher;
    private final int port;

    private EmbeddedAmqpBroker(SystemLauncher launcher, int port) {
        this.launcher = launcher;
        this.port = port;
    }

    static EmbeddedAmqpBroker start(Path dataRoot, int preferredPort) {
        Path workDir = dataRoot.resolve("amqp");
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            // Qpid logs a startup failure and returns; this hands it back to us.
            @Override
            public void errorOnStartup(RuntimeException e) {
                failure.set(e);
            }

            @Override
            public void onContainerResolve(SystemConfig<?> systemConfig) {
                system.set(systemConfig);
            }
        });
        try {
            Files.createDirectories(workDir);
            int port = Ports.preferredOrFree(preferredPort);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(SystemConfig.TYPE, "Memory");
            attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, resource(INITIAL_CONFIG));
            attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, resource(SYSTEM_PROPERTIES));
            attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
            attributes.put(ConfiguredObject.CONTEXT, Map.of(
                    SystemConfig.QPID_WORK_DIR, workDir.toString(),
                    "tradebot.amqp.port", Integer.toString(port)));
            launcher.startup(attributes);
            if (failure.get() != null) {
                throw failure.get();
            }
            removeBrokerShutdownHook(system.get());
            log.info("Embedded AMQP broker running on 127.0.0.1:{} (Qpid Broker-J, AMQP 0-9-1, virtual host {}, user {}), "
                    + "messages in memory, work dir {}", port, VIRTUAL_HOST, USER, workDir);
            return new EmbeddedAmqpBroker(launcher, port);
        }
        catch (Exception e) {
            throw new EmbeddedInfrastructureException("Embedded AMQP broker did not start: " + e.getMessage()
                    + ". Set RABBITMQ_URL to use a RabbitMQ server instead.", e);
        }
    }

    /**
     * The broker registers a JVM shutdown hook that closes it at once on SIGTERM, while the context
     * is still closing the connections that use it. We stop it ourselves after the context, so the
     * hook goes. Qpid offers no switch for it; if its private field moves, the hook simply stays.
     */
    private static void removeBrokerShutdownHook(SystemConfig<?> systemConfig) {
        if (systemConfig == null || !(systemConfig.getContainer() instanceof BrokerImpl broker)) {
            return;
        }
        try {
            Field hook = BrokerImpl.class.getDeclaredField("_shutdownHook");
            hook.setAccessible(true);
            Runtime.getRuntime().removeShutdownHook((Thread) hook.get(broker));
        }
        catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Qpid's own shutdown hook stays: {}", e.toString());
        }
    }

    private static String resource(String name) {
        URL url = EmbeddedAmqpBroker.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the classpath");
        }
        return url.toExternalForm();
    }

    @Override
    public String name() {
        return "AMQP broker";
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.rabbitmq.host", "127.0.0.1");
        properties.put("spring.rabbitmq.port", port);
        properties.put("spring.rabbitmq.username", USER);
        properties.put("spring.rabbitmq.password", PASSWORD);
        properties.put("spring.rabbitmq.virtual-host", VIRTUAL_HOST);
        return properties;
    }

    @Override
    public void close() {
        try {
            // Waits at most 30 s for the broker to close, then gives up.
            launcher.shutdown();
            log.info("Embedded AMQP broker stopped");
        }
        catch (RuntimeException e) {
            log.warn("Embedded AMQP broker did not stop cleanly: {}", e.toString());
        }
    }
}
