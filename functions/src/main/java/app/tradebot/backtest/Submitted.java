package app.tradebot.backtest;

import java.util.UUID;

/** The 202 answer of a submit: the job's id; its status is {@code queued}. */
record Submitted(UUID id, String status) {
}
