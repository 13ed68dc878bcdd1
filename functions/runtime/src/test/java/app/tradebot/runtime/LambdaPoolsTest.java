package app.tradebot.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LambdaPoolsTest {

    @Test
    void aLambdaCopyGetsASmallPoolThatKeepsNothingIdle() {
        assertThat(LambdaPools.defaults(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")::get))
            .containsEntry("spring.datasource.hikari.maximum-pool-size", 2)
            .containsEntry("spring.datasource.hikari.minimum-idle", 0)
            .containsEntry("spring.datasource.hikari.initialization-fail-timeout", -1);
        // Two vCPUs at 3,008 MB: the optimiser's threads get one more connection.
        assertThat(LambdaPools.defaults(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "3008")::get))
            .containsEntry("spring.datasource.hikari.maximum-pool-size", 3);
        assertThat(LambdaPools.defaults(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "10240")::get))
            .containsEntry("spring.datasource.hikari.maximum-pool-size", 7);
    }

    @Test
    void outsideLambdaNothingChanges() {
        assertThat(LambdaPools.defaults(Map.<String, String>of()::get)).isEmpty();
        assertThat(LambdaPools.defaults(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots")::get)).isEmpty();
    }

    @Test
    void anExplicitSettingWins() {
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            public Map<String, Object> getSystemEnvironment() {
                return new HashMap<>(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
            }
        };
        environment.getPropertySources().addLast(new MapPropertySource("application",
                Map.of("spring.datasource.hikari.maximum-pool-size", "5")));

        new LambdaPools().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size")).isEqualTo("5");
        assertThat(environment.getProperty("spring.datasource.hikari.minimum-idle")).isEqualTo("0");
    }
}
