package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.tradebot.bots.BotStatus;

/**
 * {@code GET /api/portfolio}: every account of the caller with its balances valued in USDT and its bots'
 * positions and PnL, and the totals. Money is in decimal strings; a value that has no price is null and
 * its asset is listed in {@code unpriced}.
 */
record PortfolioView(Instant asOf, Totals totals, List<AccountHoldings> accounts) {

    /**
     * The accounts' worth, and their bots' realised and unrealised PnL, in USDT (a bot whose quote asset has
     * no price is not in the PnL totals; an account whose balances could not be read is not in the value).
     */
    record Totals(BigDecimal valueUsdt, BigDecimal realisedPnl, BigDecimal unrealisedPnl) {
    }

    /** {@code error} says why the balances could not be read (the exchange is down, the keys are refused); else null. */
    record AccountHoldings(UUID accountId, String name, String venue, BigDecimal valueUsdt, List<String> unpriced,
            List<BalanceView> balances, List<BotHolding> bots, String error) {
    }

    record BalanceView(String asset, BigDecimal free, BigDecimal locked, BigDecimal priceUsdt, BigDecimal valueUsdt) {
    }

    /**
     * A bot's position (base asset), average entry price, last price and PnL in its {@code quoteAsset}: the
     * figures of {@code GET /api/bots/{id}}.
     */
    record BotHolding(UUID botId, String name, String symbol, BotStatus status, String quoteAsset, BigDecimal position,
            BigDecimal avgEntryPrice, BigDecimal lastPrice, BigDecimal realisedPnl, BigDecimal unrealisedPnl) {
    }
}
