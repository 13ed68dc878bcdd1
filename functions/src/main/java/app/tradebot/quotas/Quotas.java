package app.tradebot.quotas;

import java.util.UUID;
import java.util.function.LongSupplier;

import org.jdbi.v3.core.Handle;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The per-user quotas of {@code tradebot.quotas}. Each feature counts its own rows; this decides.
 *
 * <pre>{@code
 * jdbi.useTransaction(handle -> {
 *     quotas.require(handle, userId, Quota.RUNNING_BOTS, () -> handle.attach(BotDao.class).countRunning(userId));
 *     ... start the bot in the same transaction ...
 * });
 * }</pre>
 *
 * A transaction-scoped advisory lock per user and quota makes the count and the insert that follows it
 * one step: two concurrent requests cannot both take the last place.
 */
@Component
@EnableConfigurationProperties(QuotaProperties.class)
public class Quotas {

    /** First key of the advisory locks' quota space (pg_advisory_xact_lock(int, int)). */
    private static final int LOCK_SPACE = 0x5100;

    private final QuotaProperties properties;

    Quotas(QuotaProperties properties) {
        this.properties = properties;
    }

    /** The configured limit. */
    public int limit(Quota quota) {
        return properties.limit(quota);
    }

    /**
     * Throws {@link QuotaExceeded} (a 429 problem) when {@code inUse} — counted in {@code handle}'s
     * transaction after the lock is taken — leaves no room for one more.
     */
    public void require(Handle handle, UUID userId, Quota quota, LongSupplier inUse) {
        handle.createQuery("select 1 from (select pg_advisory_xact_lock(:key, hashtext(:user))) locked")
                .bind("key", LOCK_SPACE + quota.ordinal())
                .bind("user", userId.toString())
                .mapTo(Integer.class)
                .one();
        int limit = properties.limit(quota);
        if (inUse.getAsLong() >= limit) {
            throw new QuotaExceeded(quota, limit);
        }
    }
}
