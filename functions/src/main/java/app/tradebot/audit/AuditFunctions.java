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
     * MQ event on audit-events: stores the event once, however often it is delivered. A worker given
     * several consumers of audit-events (its binding's {@code consumer.concurrency}) writes their events
     * together ({@link AuditInserts}); with one consumer each event is its own batch.
     */
    @Bean
    Consumer<Message<byte[]>> recordAuditEvent(QueueConsumers consumers, Jdbi jdbi) {
        AuditInserts inserts = new AuditInserts(jdbi);
        return consumers.of(AuditEvent.class, inserts::insert);
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
