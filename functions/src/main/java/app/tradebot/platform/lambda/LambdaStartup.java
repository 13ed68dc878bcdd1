package app.tradebot.platform.lambda;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import app.tradebot.runtime.Roles;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * A Lambda starts only what its one function needs. A Lambda is a process that plays no
 * {@link Roles role} and names its function in {@code spring.cloud.function.definition}
 * (SPRING_CLOUD_FUNCTION_DEFINITION, set per function in template.yaml); the gateway, worker and
 * scheduler (and the all-in-one jar) play roles and are left as they are. In a Lambda:
 * <ul>
 * <li>beans are created lazily: of the 82 functions' beans only the named one and what it uses are
 * made (the profile of a cold start of {@code me} showed every function, DAO, client and cache of
 * the catalog being built for the one call);</li>
 * <li>no Flyway at start ({@code migrate} migrates, once per deploy, with Flyway's API), no queue
 * topology declared at connect (migrate declares it), no JMX, no actuator
 * endpoints or metrics exporters (nothing scrapes a Lambda);</li>
 * <li>redis-om (its repositories' indexing at refresh) only for the functions that read the
 * ticker cache ({@link #REDIS_OM_FUNCTIONS}).</li>
 * </ul>
 * Explicit settings win: everything here is a default, added after every other property source.
 */
public class LambdaStartup implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "tradebotLambdaStartup";
    static final String DEFINITION = "spring.cloud.function.definition";

    /**
     * The functions that use redis-om's repository (the ticker cache, market.TickerCache): the
     * tickers package, whose configuration is {@code @ConditionalOnFunction} of the same names.
     */
    static final Set<String> REDIS_OM_FUNCTIONS = Set.of("getTicker", "refreshTickers");

    /** Auto-configurations no Lambda uses. */
    static final String ALWAYS_EXCLUDED = String.join(",",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration",
            // Metrics, observations, health contributors and endpoints: nothing scrapes or probes a
            // Lambda (its health is the health function), and each loads hundreds of classes.
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.startup.StartupTimeMetricsListenerAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.startup.StartupEndpointAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration");

    /** Auto-configurations of redis-om, excluded for every other function. */
    static final String REDIS_OM = String.join(",",
            "com.redis.om.spring.RedisModulesConfiguration",
            "com.redis.om.spring.EntraIDConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!isLambda(environment)) {
            return;
        }
        String function = function(environment);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.main.lazy-initialization", true);
        defaults.put("spring.flyway.enabled", false);
        defaults.put("tradebot.messaging.topology", "deployment");
        defaults.put("spring.jmx.enabled", false);
        String excluded = ALWAYS_EXCLUDED + (usesRedisOm(function) ? "" : "," + REDIS_OM);
        String already = environment.getProperty("spring.autoconfigure.exclude", "");
        defaults.put("spring.autoconfigure.exclude", already.isBlank() ? excluded : already + "," + excluded);
        // The exclusions join what is set; the rest are defaults only.
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE + "Exclusions",
                Map.of("spring.autoconfigure.exclude", defaults.remove("spring.autoconfigure.exclude"))));
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    /** After the secrets and conventions, which do not decide anything read here. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }

    /**
     * Whether something that serves {@code function} should start in this process: always, except
     * in a Lambda that runs another function (for work a bean would otherwise do at start-up).
     */
    public static boolean startsFor(Environment environment, String function) {
        return !isLambda(environment) || function(environment).equals(function);
    }

    /** A process that plays no role and runs one named function: a Lambda (or its stand-in). */
    public static boolean isLambda(Environment environment) {
        return Roles.of(environment).isEmpty() && !function(environment).isEmpty();
    }

    static String function(Environment environment) {
        return environment.getProperty(DEFINITION, "").trim();
    }

    static boolean usesRedisOm(String definition) {
        return runsAnyOf(definition, REDIS_OM_FUNCTIONS);
    }

    /** Whether the Lambda's definition (one name, or a composition of names) names any of {@code functions}. */
    static boolean runsAnyOf(Environment environment, Collection<String> functions) {
        return runsAnyOf(function(environment), functions);
    }

    private static boolean runsAnyOf(String definition, Collection<String> functions) {
        for (String name : definition.split("[|,;]")) {
            if (functions.contains(name.trim())) {
                return true;
            }
        }
        return false;
    }
}
