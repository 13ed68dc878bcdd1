package app.tradebot.quotas;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code tradebot.quotas.*}: how many of each thing one user may have at once. */
@Validated
@ConfigurationProperties("tradebot.quotas")
record QuotaProperties(
        @DefaultValue("5") @Min(0) int runningBots,
        @DefaultValue("10") @Min(0) int activeBacktests,
        @DefaultValue("2") @Min(0) int activeOptimizations,
        @DefaultValue("10") @Min(0) int webhooks,
        @DefaultValue("3") @Min(0) int telegramChannels) {

    int limit(Quota quota) {
        return switch (quota) {
            case RUNNING_BOTS -> runningBots;
            case ACTIVE_BACKTESTS -> activeBacktests;
            case ACTIVE_OPTIMIZATIONS -> activeOptimizations;
            case WEBHOOKS -> webhooks;
            case TELEGRAM_CHANNELS -> telegramChannels;
        };
    }
}
