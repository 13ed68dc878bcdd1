package app.tradebot.quotas;

/** What a user may have only so many of at once; the setting under {@code tradebot.quotas}. */
public enum Quota {
    /** Bots in a running state. */
    RUNNING_BOTS("running bots"),
    /** Backtests queued or running. */
    ACTIVE_BACKTESTS("queued or running backtests"),
    /** Optimisations queued or running. */
    ACTIVE_OPTIMIZATIONS("queued or running optimisations"),
    WEBHOOKS("webhooks"),
    TELEGRAM_CHANNELS("Telegram channels");

    private final String label;

    Quota(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
