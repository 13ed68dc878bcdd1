package app.tradebot.notify;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** The schedule's Input: {@code {"job":"retryDeliveries","scheduledTime":"<aws.scheduler.scheduled-time>"}}. */
record RetryTick(String job, @NotNull Instant scheduledTime) {
}
