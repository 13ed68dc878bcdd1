package app.tradebot.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Connection pools sized for a Lambda copy, which serves one invocation at a time: a few
 * connections at most (one more per vCPU Lambda gives its memory, for the jobs that work on every
 * core), none kept idle, none opened before the first use, so a thousand copies of 36 functions do
 * not hold tens of thousands of idle PostgreSQL connections and a SnapStart snapshot holds none.
 * Derived from the memory Lambda reports to every function (AWS_LAMBDA_FUNCTION_MEMORY_SIZE), so
 * each function is sized without a line in template.yaml; properties set anywhere else win.
 */
public class LambdaPools implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "tradebotLambdaPools";
    /** Lambda gives a function the equivalent of one vCPU at 1,769 MB. */
    static final int MB_PER_VCPU = 1769;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = defaults(environment::getProperty);
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }

    static Map<String, Object> defaults(EnvironmentConventions.Lookup env) {
        Map<String, Object> props = new LinkedHashMap<>();
        String memory = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        if (memory == null || memory.isBlank()) {
            return props;
        }
        int megabytes;
        try {
            megabytes = Integer.parseInt(memory.trim());
        }
        catch (NumberFormatException e) {
            return props;
        }
        int vcpus = Math.max(1, (megabytes + MB_PER_VCPU - 1) / MB_PER_VCPU);
        props.put("spring.datasource.hikari.maximum-pool-size", 1 + vcpus);
        props.put("spring.datasource.hikari.minimum-idle", 0);
        // An idle copy gives its connections back within a minute (RDS Proxy or PostgreSQL keep none for it).
        props.put("spring.datasource.hikari.idle-timeout", 60_000);
        props.put("spring.datasource.hikari.connection-timeout", 10_000);
        // Start the pool without a connection: nothing is opened while a SnapStart snapshot is taken.
        props.put("spring.datasource.hikari.initialization-fail-timeout", -1);
        return props;
    }
}
