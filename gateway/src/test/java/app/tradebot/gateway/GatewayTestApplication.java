package app.tradebot.gateway;

import app.tradebot.runtime.TemplateConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Import;

/**
 * The gateway alone, over the test template and test functions: no component scan, so neither the
 * features nor the all-in-one launcher's embedded infrastructure join in. A test component, so the
 * launcher's own scan leaves it out when a test starts the launcher.
 */
@TestComponent
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ TemplateConfiguration.class, GatewayConfiguration.class, ApiDocs.class, TestFunctions.class })
class GatewayTestApplication {
}
