package app.tradebot.platform.lambda;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Which processes are Lambdas, and what a Lambda leaves out. */
class LambdaStartupTest {

    private final LambdaStartup startup = new LambdaStartup();

    @Test
    void aProcessWithAFunctionAndNoRoleIsALambdaAndStartsLazilyWithoutFlywayMetricsOrRedisOm() {
        MockEnvironment lambda = new MockEnvironment().withProperty("spring.cloud.function.definition", "me");
        startup.postProcessEnvironment(lambda, new SpringApplication());

        assertThat(LambdaStartup.isLambda(lambda)).isTrue();
        assertThat(lambda.getProperty("spring.main.lazy-initialization")).isEqualTo("true");
        assertThat(lambda.getProperty("spring.flyway.enabled")).isEqualTo("false");
        assertThat(lambda.getProperty("tradebot.messaging.topology")).isEqualTo("deployment");
        assertThat(List.of(lambda.getProperty("spring.autoconfigure.exclude").split(",")))
                .contains("org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                        "com.redis.om.spring.RedisModulesConfiguration");
    }

    @Test
    void theTickerFunctionsKeepRedisOmAndWhatIsSetExplicitlyWins() {
        MockEnvironment lambda = new MockEnvironment().withProperty("spring.cloud.function.definition", "getTicker")
                .withProperty("spring.main.lazy-initialization", "false")
                .withProperty("spring.autoconfigure.exclude", "com.example.Mine");
        startup.postProcessEnvironment(lambda, new SpringApplication());

        assertThat(lambda.getProperty("spring.main.lazy-initialization")).isEqualTo("false");
        assertThat(lambda.getProperty("spring.autoconfigure.exclude")).startsWith("com.example.Mine,")
                .doesNotContain("com.redis.om");
    }

    @Test
    void theGatewayWorkerAndSchedulerAreLeftAsTheyAre() {
        MockEnvironment worker = new MockEnvironment().withProperty("tradebot.roles", "worker")
                .withProperty("spring.cloud.function.definition", "runBot;runBacktest");
        startup.postProcessEnvironment(worker, new SpringApplication());
        MockEnvironment test = new MockEnvironment();
        startup.postProcessEnvironment(test, new SpringApplication());

        assertThat(LambdaStartup.isLambda(worker)).isFalse();
        assertThat(LambdaStartup.isLambda(test)).isFalse();
        assertThat(worker.getProperty("spring.main.lazy-initialization")).isNull();
        assertThat(worker.getProperty("spring.autoconfigure.exclude")).isNull();
        assertThat(test.getProperty("spring.flyway.enabled")).isNull();
        assertThat(LambdaStartup.startsFor(worker, "health")).isTrue();
    }

    @Test
    void onlyTheNamedFunctionsLambdaStartsWhatIsConditionalOnIt() {
        MockEnvironment me = new MockEnvironment().withProperty("spring.cloud.function.definition", "me");
        MockEnvironment health = new MockEnvironment().withProperty("spring.cloud.function.definition", "health");

        assertThat(LambdaStartup.startsFor(me, "health")).isFalse();
        assertThat(LambdaStartup.startsFor(health, "health")).isTrue();
        assertThat(LambdaStartup.runsAnyOf(me, List.of("getTicker", "refreshTickers"))).isFalse();
        assertThat(LambdaStartup.runsAnyOf(new MockEnvironment().withProperty("spring.cloud.function.definition",
                "refreshTickers"), List.of("getTicker", "refreshTickers"))).isTrue();
    }
}
