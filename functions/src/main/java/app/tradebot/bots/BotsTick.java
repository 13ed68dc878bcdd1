package app.tradebot.bots;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** The schedule's Input: {@code {"job":"tickBots","scheduledTime":"<aws.scheduler.scheduled-time>"}}. */
record BotsTick(String job, @NotNull Instant scheduledTime) {
}
