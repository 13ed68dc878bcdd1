package app.tradebot.platform.jobs;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A kind of background job: the table its rows live in (every job table has the columns of
 * {@link JobRow}), the function whose MQ queue runs it, and how long a running job may go without a
 * heartbeat before its worker counts as gone. A {@code resumable} kind's stale run may be claimed again
 * by the next task (a bot's run picks up where the dead one stopped); otherwise a stale run is expired
 * to {@code failed} ({@link Jobs#expire}).
 */
public record JobKind(String table, String function, Duration staleAfter, boolean resumable) {

    private static final Pattern TABLE = Pattern.compile("[a-z][a-z_]{0,62}");

    public JobKind {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive: " + staleAfter);
        }
    }
}
