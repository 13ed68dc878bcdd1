package app.tradebot.platform.jobs;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The message on a job's queue: which row to run. The row holds the rest. */
public record JobTask(@NotNull UUID id) {
}
