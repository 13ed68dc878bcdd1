package app.tradebot.audit;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** The schedule's Input: {@code {"job":"purgeAuditEvents","scheduledTime":"<aws.scheduler.scheduled-time>"}}. */
record PurgeTick(String job, @NotNull Instant scheduledTime) {
}
