package app.tradebot.accounts;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.audit.AuditTrail;
import app.tradebot.exchange.Exchanges;
import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.messaging.QueueConsumers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/** The accounts functions of template.yaml: a user's exchange accounts, and the job that re-encrypts their keys. */
@Configuration(proxyBeanMethods = false)
class AccountsFunctions {

    @Bean
    ApiFunction createExchangeAccount(ApiFunctions http, ExchangeAccountDao accounts, Exchanges exchanges, Fernet fernet,
            TransactionTemplate transactions) {
        return http.of(CreateAccountRequest.class, AccountView.class, 201, new CreateAccount(accounts, exchanges, fernet, transactions));
    }

    @Bean
    ApiFunction listExchangeAccounts(ApiFunctions http, ExchangeAccountDao accounts) {
        return http.of(Void.class, AccountList.class, 200, (body, request) ->
                new AccountList(accounts.list(request.userId()).stream().map(AccountView::of).toList()));
    }

    @Bean
    ApiFunction getExchangeAccount(ApiFunctions http, ExchangeAccountDao accounts) {
        return http.of(Void.class, AccountView.class, 200, (body, request) -> {
            UUID id = request.pathId("id");
            return accounts.find(request.userId(), id).map(AccountView::of).orElseThrow(() -> Accounts.notFound(id));
        });
    }

    @Bean
    ApiFunction updateExchangeAccount(ApiFunctions http, ExchangeAccountDao accounts, Fernet fernet,
            ObjectProvider<UnresolvedOrders> unresolved, AuditTrail audit, ObjectProvider<Clock> clock) {
        return http.of(UpdateAccountRequest.class, AccountView.class, 200, new UpdateAccount(accounts, fernet,
                unresolved.getIfAvailable(() -> accountId -> false), audit, clock.getIfAvailable(Clock::systemUTC)));
    }

    @Bean
    ApiFunction deleteExchangeAccount(ApiFunctions http, ExchangeAccountDao accounts, Exchanges exchanges,
            TransactionTemplate transactions) {
        return http.of(Void.class, Void.class, 204, (body, request) -> {
            UUID id = request.pathId("id");
            // The account row and a paper account's ledger go together, or neither does.
            transactions.executeWithoutResult(status -> {
                if (accounts.delete(request.userId(), id) == 0) {
                    throw Accounts.notFound(id);
                }
                exchanges.closePaperAccount(id);
            });
            return null;
        });
    }

    @Bean
    ApiFunction testExchangeAccount(ApiFunctions http, ExchangeAccountDao accounts, AccountExchanges exchanges) {
        return http.of(Void.class, AccountTestResult.class, 200, new TestAccount(accounts, exchanges));
    }

    /** Scheduled hourly: moves stored API keys to the first of FERNET_KEYS; a no-op when they are there. */
    @Bean
    Consumer<Message<byte[]>> reencryptSecrets(QueueConsumers consumers, ExchangeAccountDao accounts, Fernet fernet) {
        ReencryptSecrets job = new ReencryptSecrets(accounts, fernet);
        return consumers.of(ScheduleTick.class, tick -> job.run());
    }
}
