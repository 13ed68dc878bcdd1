package app.tradebot.platform.crypto;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link Fernet} that encrypts secrets at rest, from FERNET_KEYS or FERNET_KEY. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class CryptoConfiguration {

    @Bean
    Fernet fernet(CryptoProperties properties, @Value("${tradebot.environment:development}") String environment) {
        return FernetKeys.resolve(properties.fernetKey(), properties.fernetKeys(), environment);
    }
}
