package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A difference between what an exchange account holds of an asset ({@code actual}, free plus locked) and what
 * its bots account for ({@code expected}).
 */
record BalanceDrift(UUID id, UUID accountId, UUID userId, String asset, Kind kind, BigDecimal expected, BigDecimal actual,
        Instant at) {

    enum Kind {
        /** The balance moved other than by the bots' fills since the last reconciliation: a deposit, a withdrawal, a trade by hand. */
        UNEXPLAINED,
        /** The account holds less than its bots' positions add up to: they would sell what is not there. */
        SHORTFALL
    }

    String describe() {
        return kind + " " + asset + ": expected " + expected.toPlainString() + ", the exchange holds " + actual.toPlainString();
    }
}
