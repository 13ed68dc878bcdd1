package app.tradebot;

import java.util.UUID;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.accounts.UnresolvedOrders;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.Venue;
import app.tradebot.exchange.paper.PaperExchanges;
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
    OrderExchanges orderExchanges(AccountExchanges accounts, PaperExchanges paper) {
        return new OrderExchanges() {
            @Override
            public Exchange exchange(UUID userId, UUID accountId) {
                return accounts.forAccount(userId, accountId);
            }

            /** A paper account's resting orders and protective exits fill here, whether or not anyone reads it. */
            @Override
            public void sweep(UUID userId, UUID accountId) {
                if (accounts.venue(userId, accountId) == Venue.PAPER) {
                    paper.sweep(accountId);
                }
            }
        };
    }
}
