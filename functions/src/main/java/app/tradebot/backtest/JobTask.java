package app.tradebot.backtest;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The message on backtest-runs and optimization-runs: which row to run. The row holds the rest. */
record JobTask(@NotNull UUID id) {
}
