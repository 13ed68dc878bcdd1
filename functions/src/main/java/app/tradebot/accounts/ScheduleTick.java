package app.tradebot.accounts;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** The schedule's Input: {@code {"job":"reencryptSecrets","scheduledTime":"<aws.scheduler.scheduled-time>"}}. */
record ScheduleTick(String job, @NotNull Instant scheduledTime) {
}
