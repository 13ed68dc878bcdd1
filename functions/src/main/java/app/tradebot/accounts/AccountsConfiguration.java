package app.tradebot.accounts;

import app.tradebot.exchange.Exchanges;
import app.tradebot.platform.crypto.Fernet;
import org.jdbi.v3.core.Jdbi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the accounts functions stand on: the exchange_accounts table and the account → exchange lookup. */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    @Bean
    ExchangeAccountDao exchangeAccountDao(Jdbi jdbi) {
        return jdbi.onDemand(ExchangeAccountDao.class);
    }

    @Bean
    AccountExchanges accountExchanges(ExchangeAccountDao accounts, Exchanges exchanges, Fernet fernet) {
        return new AccountExchanges(accounts, exchanges, fernet);
    }
}
