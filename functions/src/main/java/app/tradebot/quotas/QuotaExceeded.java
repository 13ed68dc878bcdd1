package app.tradebot.quotas;

import app.tradebot.platform.http.TooManyRequests;

/** A 429 naming the quota that is full; trying again helps only once something finishes or is removed. */
public class QuotaExceeded extends TooManyRequests {

    private final Quota quota;

    QuotaExceeded(Quota quota, int limit) {
        super("Quota reached: at most " + limit + " " + quota.label() + " per user.", RETRY_AFTER_SECONDS);
        this.quota = quota;
    }

    static final long RETRY_AFTER_SECONDS = 60;

    public Quota quota() {
        return quota;
    }
}
