package app.tradebot.bots;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.exchange.Exchange;

/** A bot's exchange from its account: Binance or the live paper exchange; a replay's from the paper replay. */
final class AccountBotExchanges implements BotExchanges {

    private final AccountExchanges accounts;

    AccountBotExchanges(AccountExchanges accounts) {
        this.accounts = accounts;
    }

    @Override
    public Exchange live(Bot bot) {
        return accounts.forAccount(bot.userId(), bot.accountId());
    }

    @Override
    public Replay replay(Bot bot) {
        throw new IllegalStateException("replay exchange not wired yet");
    }
}
