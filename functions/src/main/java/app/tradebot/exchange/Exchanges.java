package app.tradebot.exchange;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/** Makes {@link Exchange}s: the one way into this package for other features. */
public interface Exchanges {

    /** Public market data of a venue (paper accounts price against Binance's production data). */
    MarketData marketData(Venue venue);

    /**
     * A Binance account (production or spot testnet). {@code accountId} keys its circuit breaker and
     * rate-limit state.
     */
    Exchange binance(Venue venue, UUID accountId, ApiCredentials credentials);

    /** A paper account: simulated fills against real prices, balances in a ledger. */
    Exchange paper(UUID accountId);

    /** Credits a new paper account's starting balances (asset → amount). */
    void openPaperAccount(UUID accountId, Map<String, BigDecimal> startingBalances);

    /** Deletes a paper account's orders, trades and ledger; nothing happens for an unknown id. */
    void closePaperAccount(UUID accountId);
}
