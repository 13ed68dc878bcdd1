package app.tradebot.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import app.tradebot.runtime.TemplateConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up against the real FunctionCatalog: a template function without its bean stops the gateway. */
class GatewayStartupIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
                    ContextFunctionCatalogAutoConfiguration.class))
            .withUserConfiguration(TemplateConfiguration.class, GatewayConfiguration.class, TestFunctions.class);

    @Test
    void aTemplateFunctionMissingFromTheCatalogStopsStartUpNamingIt(@TempDir Path dir) throws IOException {
        String template = Files.readString(Path.of("src/test/resources/gateway-template.yaml"))
                .replace("SPRING_CLOUD_FUNCTION_DEFINITION: limited", "SPRING_CLOUD_FUNCTION_DEFINITION: ghost")
                .replace("LimitedFunction:", "GhostFunction:");
        Path file = Files.writeString(dir.resolve("template.yaml"), template);

        runner.withPropertyValues("tradebot.roles=gateway", "tradebot.template-location=" + file).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'ghost'")
                    .hasMessageContaining("GET /api/limited")
                    .hasMessageContaining("limited");
        });
    }

    @Test
    void withEveryFunctionPresentTheRoutesAreBound() {
        runner.withPropertyValues("tradebot.roles=gateway",
                "tradebot.template-location=src/test/resources/gateway-template.yaml").run(context -> {
            assertThat(context).hasNotFailed();
            RouteTable routes = context.getBean(RouteTable.class);
            assertThat(routes.routes()).hasSize(10);
            assertThat(routes.authorizer()).isPresent();
        });
    }

    @Test
    void withoutTheGatewayRoleThereIsNoGateway() {
        runner.withPropertyValues("tradebot.roles=worker",
                "tradebot.template-location=src/test/resources/gateway-template.yaml").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RouteTable.class);
            assertThat(context).doesNotHaveBean(GatewayConfiguration.class);
        });
    }
}
