package app.tradebot.backtest;

import app.tradebot.platform.jobs.JobStatus;

import java.util.UUID;

/** The 202 answer of a submit: the job's id; its status is {@code queued}. */
record Submitted(UUID id, JobStatus status) {
}
