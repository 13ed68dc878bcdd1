package app.tradebot.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import app.tradebot.platform.messaging.QueueConsumers;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditFunctions {

    private static final Logger log = LoggerFactory.getLogger(AuditFunctions.class);

    @Bean
    AuditEvents auditEvents(Jdbi jdbi) {
        return jdbi.onDemand(AuditEvents.class);
    }

    /**
     * MQ event on audit-events: stores each event once, however often it is delivered. The events of one
     * delivery (the worker's batch, an Amazon MQ event's messages) are written in one transaction; should that
     * fail, each alone ({@link QueueConsumers#ofBatches}), so a poison message still ends in the DLQ alone.
     */
    @Bean
    Consumer<Message<Object>> recordAuditEvent(QueueConsumers consumers, Jdbi jdbi) {
        AuditInserts inserts = new AuditInserts(jdbi);
        return consumers.ofBatches(AuditEvent.class, inserts::insert, inserts::insertBatch);
    }

    /** Scheduled daily: deletes events older than the retention, counted back from the tick's scheduled time. */
    @Bean
    Consumer<Message<byte[]>> purgeAuditEvents(QueueConsumers consumers, AuditEvents events, AuditProperties properties) {
        return consumers.of(PurgeTick.class, tick -> {
            Instant cutoff = tick.scheduledTime().minus(Duration.ofDays(properties.retentionDays()));
            int deleted = events.deleteOlderThan(cutoff);
            log.info("Purged {} audit events older than {} ({} days before the tick of {})", deleted, cutoff,
                    properties.retentionDays(), tick.scheduledTime());
        });
    }
}
