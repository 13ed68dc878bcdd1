package app.tradebot.market;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** A market job's schedule Input: {@code {"job":"refreshCandles","scheduledTime":"<aws.scheduler.scheduled-time>"}}. */
record MarketTick(String job, @NotNull Instant scheduledTime) {
}
