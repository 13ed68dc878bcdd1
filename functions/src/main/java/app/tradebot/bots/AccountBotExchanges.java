package app.tradebot.bots;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.paper.PaperExchanges;
import app.tradebot.exchange.paper.ReplayExchange;
import app.tradebot.market.CandleHistory;

/**
 * A bot's exchange from its account: Binance or the live paper exchange. A replay trades on its paper
 * account through the paper exchange's replay form, with the symbol's filters as the market store keeps
 * them and the paper exchange's fees and slippage.
 */
final class AccountBotExchanges implements BotExchanges {

    private final AccountExchanges accounts;
    private final PaperExchanges paper;
    private final CandleHistory history;

    AccountBotExchanges(AccountExchanges accounts, PaperExchanges paper, CandleHistory history) {
        this.accounts = accounts;
        this.paper = paper;
        this.history = history;
    }

    @Override
    public Exchange live(Bot bot) {
        return accounts.forAccount(bot.userId(), bot.accountId());
    }

    @Override
    public Replay replay(Bot bot) {
        // the account is the user's own (NotFound otherwise), checked like a live bot's
        accounts.venue(bot.userId(), bot.accountId());
        ReplayExchange exchange = paper.replay(bot.accountId(), history.rules(bot.userId(), bot.symbol()), paper.costs());
        return new Replay(exchange, exchange::candleClosed, exchange::openAt);
    }
}
