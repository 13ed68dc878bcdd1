package app.tradebot;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.accounts.UnresolvedOrders;
import app.tradebot.orders.BotOrders;
import app.tradebot.orders.OrderExchanges;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Joins the order path and the accounts feature without either depending on the other: accounts asks
 * whether an account has unresolved orders through its {@link UnresolvedOrders}, the reconciliation
 * reaches an account's exchange through its {@link OrderExchanges}.
 */
@Configuration(proxyBeanMethods = false)
class OrderPathWiring {

    @Bean
    UnresolvedOrders unresolvedOrders(BotOrders orders) {
        return orders::unresolvedOnAccount;
    }

    @Bean
    OrderExchanges orderExchanges(AccountExchanges accounts) {
        // Paper accounts: OrderExchanges.sweep is where the paper exchange's sweep of resting orders and
        // protective exits is called once the paper exchange offers it (PaperExchanges' public sweep).
        return accounts::forAccount;
    }
}
