package app.tradebot.runtime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The descriptor as a bean: the packaged template.yaml, or the file named by
 * {@code tradebot.template-location} (tests and local experiments).
 */
@Configuration(proxyBeanMethods = false)
public class TemplateConfiguration {

    @Bean
    Template template(@Value("${tradebot.template-location:}") String location) {
        return Template.forLocation(location);
    }
}
