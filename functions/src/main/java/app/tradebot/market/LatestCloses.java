package app.tradebot.market;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * The latest stored close of a symbol, of any interval: a price that costs the exchange nothing and is the
 * same for every reader of the same moment (the portfolio values balances with it).
 */
public final class LatestCloses {

    private final CandleDao candles;

    LatestCloses(CandleDao candles) {
        this.candles = candles;
    }

    /** As {@code userId} sees the symbol: the exchange's candles, and their own imports where it has none. */
    public Optional<BigDecimal> of(UUID userId, String symbol) {
        return candles.latestClose(userId, symbol).map(CandleDao.LastClose::close);
    }
}
