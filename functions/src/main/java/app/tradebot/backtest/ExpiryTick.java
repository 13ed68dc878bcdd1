package app.tradebot.backtest;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** The schedule's Input: {@code {"job":"expireBacktests","scheduledTime":"<aws.scheduler.scheduled-time>"}}. */
record ExpiryTick(String job, @NotNull Instant scheduledTime) {
}
