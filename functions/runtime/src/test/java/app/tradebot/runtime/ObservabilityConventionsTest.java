package app.tradebot.runtime;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ObservabilityConventionsTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @Test
    void probesAndReadinessDependOnTheServicesAndLivenessDoesNot() {
        Map<String, Object> defaults = ObservabilityConventions.defaults();

        assertThat(defaults).containsEntry("management.endpoint.health.probes.enabled", "true")
                .containsEntry("management.endpoint.health.group.readiness.include", "readinessState,db,redis,rabbit")
                .containsEntry("management.endpoint.health.group.liveness.include", "livenessState")
                .containsEntry("management.endpoints.web.exposure.include", "health,prometheus");
    }

    @Test
    void productionLogsAreEcsJsonAndEverythingElseIsReadable() {
        assertThat(ObservabilityConventions.logging("production"))
                .containsEntry("logging.structured.format.console", "ecs")
                .containsEntry("logging.structured.ecs.service.name", "tradebot");
        assertThat(ObservabilityConventions.logging(" Production ")).containsKey("logging.structured.format.console");
        assertThat(ObservabilityConventions.logging("development")).containsEntry("logging.structured.format.console", "");
        assertThat(ObservabilityConventions.logging("staging")).containsEntry("logging.structured.format.console", "");
    }

    @Test
    void explicitSettingsWinOverTheDefaults() {
        ConfigurableEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("explicit",
                Map.of("tradebot.environment", "production", "logging.structured.format.console", "logstash",
                        "management.endpoints.web.exposure.include", "health")));

        new ObservabilityConventions().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,db,redis,rabbit");
    }

    @Test
    void inProductionEachLineIsAJsonObjectWithTheRequestId(CapturedOutput output) {
        try (ConfigurableApplicationContext context = run("--tradebot.environment=production")) {
            logWithRequestId("req-json-1", "priced an order");
        }

        Map<String, Object> line = JsonParserFactory.getJsonParser().parseMap(output.getOut().lines()
                .filter(l -> l.contains("priced an order")).findFirst().orElseThrow());
        assertThat(line).containsEntry("message", "priced an order").containsEntry("requestId", "req-json-1")
                .containsEntry("log", Map.of("level", "INFO", "logger", ObservabilityConventionsTest.class.getName()));
        assertThat(line.get("service")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "tradebot").containsEntry("environment", "production");
    }

    @Test
    void inDevelopmentLinesAreReadableWithTheRequestIdInItsColumn(CapturedOutput output) {
        try (ConfigurableApplicationContext context = run("--tradebot.environment=development")) {
            logWithRequestId("0b7c9a6e-5f0d-4f7e-9a51-3c2d1e0f9a88", "placed an order");
            LoggerFactory.getLogger(ObservabilityConventionsTest.class).info("no request here");
        }

        String withId = output.getOut().lines().filter(l -> l.contains("placed an order")).findFirst().orElseThrow();
        String without = output.getOut().lines().filter(l -> l.contains("no request here")).findFirst().orElseThrow();
        assertThat(withId).doesNotStartWith("{").contains("[0b7c9a6e-5f0d-4f7e-9a51-3c2d1e0f9a88] ");
        assertThat(without).doesNotContain("requestId").contains("[" + " ".repeat(36) + "] ");
    }

    private static ConfigurableApplicationContext run(String... args) {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(args);
    }

    private static void logWithRequestId(String requestId, String message) {
        MDC.put(RequestIds.MDC_KEY, requestId);
        try {
            LoggerFactory.getLogger(ObservabilityConventionsTest.class).info(message);
        }
        finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
