package app.tradebot.platform.messaging;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** The schedule's Input: {@code {"job":"relayOutbox","scheduledTime":"<aws.scheduler.scheduled-time>"}}. */
record RelayTick(String job, @NotNull Instant scheduledTime) {
}
