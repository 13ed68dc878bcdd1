package app.tradebot.portfolio;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.audit.AuditTrail;
import app.tradebot.bots.BotMarks;
import app.tradebot.market.CandleHistory;
import app.tradebot.market.LatestCloses;
import app.tradebot.orders.BotOrders;
import app.tradebot.orders.FillListener;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.http.QueryParameter;
import app.tradebot.platform.messaging.Outbox;
import app.tradebot.platform.messaging.QueueConsumers;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The portfolio functions of template.yaml: getPortfolio, getEquity, and the snapshotEquity and reconcileBalances jobs. */
@Configuration(proxyBeanMethods = false)
class PortfolioFunctions {

    private static final Logger log = LoggerFactory.getLogger(PortfolioFunctions.class);

    private final Clock clock;

    PortfolioFunctions(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    EquityDao equityDao(Jdbi jdbi) {
        return jdbi.onDemand(EquityDao.class);
    }

    @Bean
    Valuations valuations(AccountExchanges accounts) {
        return new Valuations(accounts);
    }

    /**
     * After every fill, in the fill's transaction: the account's equity is snapshotted once the fill is stored.
     * A replay's fills are told once, as it ends ({@link FillListener}).
     */
    @Bean
    FillListener snapshotAfterFill(Outbox outbox) {
        return (transaction, accountId) -> outbox.publish(transaction, "snapshotEquity",
                new PortfolioTick("snapshotEquity", clock.instant(), accountId));
    }

    @Bean
    ApiFunction getPortfolio(ApiFunctions http, AccountExchanges accounts, Valuations valuations, BotMarks marks,
            LatestCloses closes) {
        return http.of(Void.class, PortfolioView.class, 200, new GetPortfolio(accounts, valuations, marks, closes, clock));
    }

    @Bean
    ApiFunction getEquity(ApiFunctions http, AccountExchanges accounts, EquityDao equity) {
        return http.of(Void.class, EquityView.class, 200, new GetEquity(accounts, equity, clock)).withQuery(List.of(
                new QueryParameter("accountId", "string", "The account whose equity history is read (required)."),
                new QueryParameter("from", "string", "ISO-8601 instant; default 7 days before to."),
                new QueryParameter("to", "string", "ISO-8601 instant; default now.")));
    }

    /** Scheduled every 5 minutes (every account), and triggered by each fill and each replay's end (its account). */
    @Bean
    Consumer<Message<byte[]>> snapshotEquity(QueueConsumers consumers, AccountExchanges accounts, Valuations valuations,
            LatestCloses closes, EquityDao equity) {
        SnapshotEquity job = new SnapshotEquity(accounts, valuations, closes, equity, clock);
        return consumers.of(PortfolioTick.class, tick -> {
            if (tick.accountId() != null) {
                job.one(tick.accountId());
            }
            else {
                log.debug("Equity snapshotted for {} accounts", job.all());
            }
        });
    }

    /** Scheduled every 15 minutes: every Binance account's balances against its bots'. */
    @Bean
    Consumer<Message<byte[]>> reconcileBalances(QueueConsumers consumers, AccountExchanges accounts, BotOrders orders,
            BotMarks marks, CandleHistory history, Jdbi jdbi, AuditTrail audit, JsonMapper json) {
        ReconcileBalances job = new ReconcileBalances(accounts, orders, marks, history, jdbi, audit, json, clock);
        return consumers.of(PortfolioTick.class, tick -> {
            if (tick.accountId() != null) {
                job.reconcile(tick.accountId());
            }
            else {
                log.debug("Balances reconciled for {} accounts", job.all());
            }
        });
    }
}
