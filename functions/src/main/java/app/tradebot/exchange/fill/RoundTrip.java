package app.tradebot.exchange.fill;

import java.math.BigDecimal;

/**
 * One closed round trip, flat to long to flat. {@code entryAt}/{@code exitAt} are the caller's clock (a
 * candle index or an epoch millisecond); prices are the fills' quantity-weighted averages (one fill's own
 * price when there was one); {@code quantity} is the base bought (before base commissions); {@code fees}
 * every commission valued in the quote asset; {@code pnl} the quote received from sells net of their
 * commissions less the quote spent on buys.
 */
public record RoundTrip(long entryAt, long exitAt, BigDecimal entryPrice, BigDecimal exitPrice, BigDecimal quantity,
        BigDecimal fees, BigDecimal pnl, String exitReason) {
}
