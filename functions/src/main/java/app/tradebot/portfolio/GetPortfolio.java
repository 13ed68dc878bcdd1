package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.accounts.OwnedAccount;
import app.tradebot.bots.BotMarks;
import app.tradebot.exchange.OrderFilters;
import app.tradebot.market.LatestCloses;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.portfolio.PortfolioView.AccountHoldings;
import app.tradebot.portfolio.PortfolioView.BotHolding;

/**
 * {@code GET /api/portfolio}: the caller's accounts, each with its balances valued in USDT and its bots'
 * positions and PnL (as their own views show them: {@link BotMarks}), and the totals in USDT.
 */
final class GetPortfolio implements ApiHandler<Void, PortfolioView> {

    private final AccountExchanges accounts;
    private final Valuations valuations;
    private final BotMarks marks;
    private final LatestCloses closes;
    private final Clock clock;

    GetPortfolio(AccountExchanges accounts, Valuations valuations, BotMarks marks, LatestCloses closes, Clock clock) {
        this.accounts = accounts;
        this.valuations = valuations;
        this.marks = marks;
        this.closes = closes;
        this.clock = clock;
    }

    @Override
    public PortfolioView handle(Void body, ApiRequest request) {
        UUID userId = request.userId();
        Instant now = clock.instant();
        UsdtPrices prices = new UsdtPrices(closes, userId);
        Map<UUID, List<BotMarks.Marked>> botsByAccount = marks.ofUser(userId, now).stream()
                .collect(Collectors.groupingBy(BotMarks.Marked::accountId));
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal realised = BigDecimal.ZERO;
        BigDecimal unrealised = BigDecimal.ZERO;
        List<AccountHoldings> holdings = new ArrayList<>();
        for (OwnedAccount account : accounts.ofUser(userId)) {
            AccountValue worth = valuations.value(account, prices);
            if (worth.readable()) {
                value = value.add(worth.valueUsdt());
            }
            List<BotHolding> bots = new ArrayList<>();
            for (BotMarks.Marked bot : botsByAccount.getOrDefault(account.id(), List.of())) {
                bots.add(holding(bot));
                Optional<BigDecimal> quotePrice = prices.of(bot.quoteAsset());
                if (quotePrice.isPresent()) {
                    realised = realised.add(bot.position().realisedPnl().multiply(quotePrice.get()));
                    unrealised = unrealised.add(bot.unrealisedPnl().multiply(quotePrice.get()));
                }
            }
            holdings.add(new AccountHoldings(account.id(), account.name(), account.venue().kind(), worth.valueUsdt(),
                    worth.unpriced(), worth.balances(), bots, worth.error()));
        }
        return new PortfolioView(now, new PortfolioView.Totals(OrderFilters.plain(value), OrderFilters.plain(realised),
                OrderFilters.plain(unrealised)), holdings);
    }

    private static BotHolding holding(BotMarks.Marked bot) {
        return new BotHolding(bot.botId(), bot.name(), bot.symbol(), bot.status(), bot.quoteAsset(), bot.position().quantity(),
                bot.position().averageEntryPrice(), bot.lastPrice(), bot.position().realisedPnl(), bot.unrealisedPnl());
    }
}
