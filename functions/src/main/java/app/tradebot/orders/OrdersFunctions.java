package app.tradebot.orders;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import app.tradebot.audit.AuditTrail;
import app.tradebot.notify.Notifications;
import app.tradebot.platform.messaging.Outbox;
import app.tradebot.platform.messaging.QueueConsumers;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The bots' order path (BotOrders, BotEvents) and the reconcileOrders job. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrdersProperties.class)
class OrdersFunctions {

    private static final Logger log = LoggerFactory.getLogger(OrdersFunctions.class);

    @Bean
    BotEvents botEvents(Jdbi jdbi, JsonMapper json, ObjectProvider<Clock> clock, Notifications notifications) {
        return new BotEvents(jdbi, json, clock.getIfAvailable(Clock::systemUTC), notifications::emit);
    }

    @Bean
    BotOrders botOrders(Jdbi jdbi, ObjectProvider<Clock> clock, BotEvents events, AuditTrail audit,
            Outbox outbox, ObjectProvider<FillListener> fillListeners) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        ReconcileTrigger trigger = accountId -> outbox.publish("reconcileAccountOrders", new AccountToReconcile(accountId));
        List<FillListener> listeners = fillListeners.orderedStream().toList();
        FillListener toAll = (transaction, accountId) -> listeners.forEach(l -> l.filled(transaction, accountId));
        return new BotOrders(jdbi, time, events, new OrderAudit(audit, time), trigger, SendHooks.NONE, toAll);
    }

    @Bean
    ReconcileOrders orderReconciliation(BotOrders orders, OrderExchanges exchanges, BotEvents events, AuditTrail audit,
            Jdbi jdbi, ObjectProvider<Clock> clock, OrdersProperties properties) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        return new ReconcileOrders(orders, exchanges, events, new OrderAudit(audit, time), jdbi, time, properties);
    }

    /**
     * Scheduled every minute: settles the orders whose fate is not known and follows the open ones, on
     * every account (one account when the tick names it).
     */
    @Bean
    Consumer<Message<byte[]>> reconcileOrders(QueueConsumers consumers, ReconcileOrders reconciliation) {
        return consumers.of(ReconcileTick.class, tick -> {
            int settled = tick.accountId() != null ? reconciliation.reconcile(tick.accountId()) : reconciliation.reconcileAll();
            log.debug("Reconciliation of {} settled {} orders", tick.accountId() != null ? tick.accountId() : "every account",
                    settled);
        });
    }

    /**
     * MQ event on order-reconciliations: a send of this account ended unknown; its orders are reconciled at
     * once, not at the next minute's tick (published through the outbox by {@link BotOrders}).
     */
    @Bean
    Consumer<Message<byte[]>> reconcileAccountOrders(QueueConsumers consumers, ReconcileOrders reconciliation) {
        return consumers.of(AccountToReconcile.class, request -> {
            int settled = reconciliation.reconcile(request.accountId());
            log.debug("Reconciliation of account {} (asked for after an unknown send) settled {} orders",
                    request.accountId(), settled);
        });
    }
}
