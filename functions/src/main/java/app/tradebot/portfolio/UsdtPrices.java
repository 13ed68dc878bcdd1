package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.market.LatestCloses;

/**
 * What one unit of an asset is worth in USDT: 1 for USDT, else the latest stored close of {@code <asset>USDT}
 * (any interval). Stored closes rather than the venue's ticker: valuing a portfolio costs the exchange no
 * request weight, works for imported symbols and offline, and marks balances at the prices the bots' PnL
 * is marked at. An asset without a stored {@code <asset>USDT} candle has no price. Prices are those one user
 * sees (the exchange's candles, and their own imports where the exchange has none). One instance serves one
 * user's reading (a request, a job run): every asset is priced once in it.
 */
final class UsdtPrices {

    static final String USDT = "USDT";

    private final LatestCloses closes;
    private final UUID userId;
    private final Map<String, Optional<BigDecimal>> seen = new HashMap<>();

    UsdtPrices(LatestCloses closes, UUID userId) {
        this.closes = closes;
        this.userId = userId;
    }

    Optional<BigDecimal> of(String asset) {
        if (asset == null) {
            return Optional.empty();
        }
        if (asset.equals(USDT)) {
            return Optional.of(BigDecimal.ONE);
        }
        return seen.computeIfAbsent(asset, a -> closes.of(userId, a + USDT));
    }
}
