package app.tradebot.gateway;

import app.tradebot.TradeBotFunctions;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * What the launcher runs (every feature, every role's beans, per {@code tradebot.roles}) in the
 * test JVM, without the embedded servers and without the gateway tests' own functions, which
 * the launcher's unfiltered scan of app.tradebot would pick up from the test classpath.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "app.tradebot", excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
            classes = { TradeBotLauncher.class, TradeBotFunctions.class, GatewayTestApplication.class,
                TestFunctions.class }) })
class LauncherTestApplication {
}
