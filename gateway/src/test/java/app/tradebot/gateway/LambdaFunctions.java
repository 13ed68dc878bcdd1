package app.tradebot.gateway;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/**
 * What FunctionInvoker starts in AWS: TradeBotFunctions over the Lambda jar, which holds the
 * functions only. Here the launcher, the gateway, the scheduler and their tests share the classpath,
 * so the same scan leaves them out; TradeBotFunctions itself is left out too, or its own scan would
 * bring them back. A test component, so the launcher's scan leaves this class out in turn.
 */
@TestComponent
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "app.tradebot", excludeFilters = @Filter(type = FilterType.REGEX,
        pattern = "app\\.tradebot\\.(TradeBotFunctions|gateway\\..*|scheduler\\..*)"))
class LambdaFunctions {
}
