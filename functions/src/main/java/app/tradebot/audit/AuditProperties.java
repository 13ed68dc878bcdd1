package app.tradebot.audit;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code tradebot.audit.*}; env AUDIT_RETENTION_DAYS sets the retention. */
@Validated
@ConfigurationProperties("tradebot.audit")
record AuditProperties(@DefaultValue("90") @Min(1) int retentionDays) {
}
