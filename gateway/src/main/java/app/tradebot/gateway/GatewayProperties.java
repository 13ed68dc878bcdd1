package app.tradebot.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local API Gateway's own settings ({@code tradebot.gateway.*}). The account, API id and region
 * only fill the fields of the event that name them in AWS; nothing local depends on them.
 */
@ConfigurationProperties("tradebot.gateway")
record GatewayProperties(
        // 6 MiB: Lambda's payload limit for a synchronous invocation, so nothing passes here that AWS
        // would refuse; large enough for a candle file upload (the real 4-hour file is 1.2 MB).
        @DefaultValue("6291456") long maxBodyBytes,
        @DefaultValue("000000000000") String accountId,
        @DefaultValue("local") String apiId,
        @DefaultValue("local") String region) {

    GatewayProperties {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("tradebot.gateway.max-body-bytes must not be negative");
        }
    }
}
