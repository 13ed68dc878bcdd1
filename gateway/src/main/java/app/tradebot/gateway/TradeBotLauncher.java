package app.tradebot.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import app.tradebot.gateway.local.EmbeddedInfrastructure;
import app.tradebot.gateway.local.MainPort;
import app.tradebot.runtime.Roles;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code java -jar gateway/target/tradebot.jar}: gateway, worker bindings and scheduler in one JVM,
 * with an embedded PostgreSQL, Redis and AMQP broker for each of DATABASE_URL, REDIS_URL and
 * RABBITMQ_URL left unset. Compose runs the same jar once per role (TRADEBOT_ROLES).
 */
@SpringBootApplication(scanBasePackages = "app.tradebot")
public class TradeBotLauncher {

    /**
     * Behind nginx (Compose) the peer is the proxy: Tomcat's RemoteIpValve takes the client's address
     * and scheme from X-Forwarded-For/-Proto, but only from the proxies TRUSTED_PROXIES names (see
     * EnvironmentConventions), so sourceIp, the audit trail and the sign-in lockout see the client.
     * Without it (the all-in-one run) nobody is trusted: a client that sends X-Forwarded-For is still
     * known by its own address.
     */
    static final String FORWARD_HEADERS_STRATEGY = "native";

    static final int REQUEST_THREADS = 8;

    public static void main(String[] args) {
        application().run(args);
    }

    static SpringApplication application() {
        SpringApplication application = new SpringApplication(TradeBotLauncher.class);
        application.setDefaultProperties(defaults());
        application.addListeners(new MainPort(), new EmbeddedInfrastructure());
        return application;
    }

    /** The lowest-precedence values: any property, environment variable or config file overrides them. */
    static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(Roles.PROPERTY, Roles.ALL);
        // The actuator has its own port in every role, so a worker or scheduler container can be probed too.
        defaults.put("management.server.port", 8081);
        defaults.put("server.forward-headers-strategy", "none");
        // Request threads: a request is CPU work plus short waits on PostgreSQL and Redis, on few cores.
        // Tomcat's 200 threads only contend for them (locks held by a descheduled thread, context
        // switches); requests beyond the threads wait in the executor's queue, their connections open.
        // Measured in BENCHMARKS §1 (8, 16, 32, 200; 8 and 16 close, 8 ahead); any setting or variable
        // overrides it (SERVER_TOMCAT_THREADS_MAX). The database pool holds 10 connections anyway.
        defaults.put("server.tomcat.threads.max", REQUEST_THREADS);
        defaults.put("server.tomcat.threads.min-spare", REQUEST_THREADS);
        // The embedded servers' own chatter; each says where it runs in one line of ours.
        defaults.put("logging.level.io.zonky.test.db.postgres", "WARN");
        defaults.put("logging.level.org.apache.qpid", "WARN");
        defaults.put("logging.level.qpid.message", "WARN");
        return defaults;
    }
}
