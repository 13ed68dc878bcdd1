package app.tradebot.platform.jobs;

/** Where a job is in its life: claimed only from {@code queued}; every other change is conditional too. */
public enum JobStatus {
    queued, running, succeeded, failed, cancelled;

    public boolean isOver() {
        return this == succeeded || this == failed || this == cancelled;
    }
}
