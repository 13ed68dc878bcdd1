package app.tradebot.market;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The latest stored close of a symbol, of any interval: a price that costs the exchange nothing and is the
 * same for every reader of the same moment (the portfolio values balances with it).
 */
public final class LatestCloses {

    private final CandleDao candles;

    LatestCloses(CandleDao candles) {
        this.candles = candles;
    }

    public Optional<BigDecimal> of(String symbol) {
        return candles.latestClose(symbol).map(CandleDao.LastClose::close);
    }
}
