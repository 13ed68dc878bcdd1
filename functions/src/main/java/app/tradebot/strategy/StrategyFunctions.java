package app.tradebot.strategy;

import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The strategy functions of template.yaml, and the catalog other features run strategies from. */
@Configuration(proxyBeanMethods = false)
class StrategyFunctions {

    @Bean
    StrategyCatalog strategyCatalog() {
        return StrategyCatalog.builtIn();
    }

    @Bean
    ApiFunction listStrategies(ApiFunctions http, StrategyCatalog catalog) {
        return http.of(Void.class, StrategyList.class, 200, (body, request) -> new StrategyList(catalog.list()));
    }
}
