package app.tradebot.notify;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import app.tradebot.audit.AuditTrail;
import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.messaging.Outbox;
import app.tradebot.platform.messaging.QueueConsumers;
import app.tradebot.quotas.Quotas;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The notify functions of template.yaml: webhooks, Telegram channels, and the tasks and job that deliver to them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
class NotifyFunctions {

    private static final Logger log = LoggerFactory.getLogger(NotifyFunctions.class);

    /** {@code GET /api/webhooks/{id}/deliveries} shows this many, newest first. */
    static final int DELIVERIES_SHOWN = 50;
    /** {@code retryDeliveries} hands out at most this many per run. */
    static final int RETRY_BATCH = 1000;

    @Bean
    ChannelDao channelDao(Jdbi jdbi) {
        return jdbi.onDemand(ChannelDao.class);
    }

    @Bean
    DeliveryDao deliveryDao(Jdbi jdbi) {
        return jdbi.onDemand(DeliveryDao.class);
    }

    @Bean
    Targets webhookTargets(NotifyProperties properties) {
        return new Targets(properties.allowPrivateTargets());
    }

    @Bean
    Channels notificationChannels(Jdbi jdbi, Fernet fernet, Targets targets, Quotas quotas, AuditTrail audit,
            ObjectProvider<Clock> clock) {
        return new Channels(jdbi, fernet, targets, quotas, audit, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    ApiFunction createWebhook(ApiFunctions http, Channels channels) {
        return http.of(Requests.CreateWebhookRequest.class, Views.CreatedWebhook.class, 201, channels::createWebhook);
    }

    @Bean
    ApiFunction listWebhooks(ApiFunctions http, ChannelDao dao) {
        return http.of(Void.class, Views.WebhookList.class, 200, (body, request) -> new Views.WebhookList(
                dao.list(request.userId(), ChannelKind.WEBHOOK).stream().map(Views.WebhookView::of).toList()));
    }

    @Bean
    ApiFunction deleteWebhook(ApiFunctions http, Channels channels) {
        return http.of(Void.class, Void.class, 204, (body, request) -> {
            channels.delete(request, ChannelKind.WEBHOOK);
            return null;
        });
    }

    /** Queues a {@code webhook.test} delivery to this webhook alone; its outcome shows in the deliveries. */
    @Bean
    ApiFunction testWebhook(ApiFunctions http, Channels channels, Notifications notifications, Jdbi jdbi, JsonMapper json) {
        return http.of(Void.class, Views.TestQueued.class, 202, (body, request) -> {
            Channel webhook = channels.find(request, ChannelKind.WEBHOOK);
            return new Views.TestQueued(jdbi.inTransaction(handle -> notifications.queue(handle, webhook,
                    EventType.WEBHOOK_TEST, json.valueToTree(java.util.Map.of("webhookId", webhook.id())))));
        });
    }

    @Bean
    ApiFunction listWebhookDeliveries(ApiFunctions http, Channels channels, DeliveryDao deliveries) {
        return http.of(Void.class, Views.DeliveryList.class, 200, (body, request) -> {
            Channel webhook = channels.find(request, ChannelKind.WEBHOOK);
            return new Views.DeliveryList(deliveries.recent(webhook.id(), DELIVERIES_SHOWN).stream()
                    .map(Views.DeliveryView::of).toList());
        });
    }

    @Bean
    ApiFunction createTelegramChannel(ApiFunctions http, Channels channels) {
        return http.of(Requests.CreateTelegramRequest.class, Views.TelegramView.class, 201, channels::createTelegram);
    }

    @Bean
    ApiFunction listTelegramChannels(ApiFunctions http, ChannelDao dao) {
        return http.of(Void.class, Views.TelegramList.class, 200, (body, request) -> new Views.TelegramList(
                dao.list(request.userId(), ChannelKind.TELEGRAM).stream().map(Views.TelegramView::of).toList()));
    }

    @Bean
    ApiFunction deleteTelegramChannel(ApiFunctions http, Channels channels) {
        return http.of(Void.class, Void.class, 204, (body, request) -> {
            channels.delete(request, ChannelKind.TELEGRAM);
            return null;
        });
    }

    /** Sends a test message to this Telegram channel now and answers how Telegram took it. */
    @Bean
    ApiFunction testTelegramChannel(ApiFunctions http, Channels channels, DeliverNotification deliver) {
        return http.of(Void.class, Views.TelegramTest.class, 200, (body, request) -> {
            DeliverNotification.Attempt attempt = deliver.sendTelegramTest(channels.find(request, ChannelKind.TELEGRAM));
            return new Views.TelegramTest(attempt.succeeded(), attempt.status(), attempt.error());
        });
    }

    @Bean
    DeliverNotification deliverNotification(ChannelDao channels, DeliveryDao deliveries, Fernet fernet, Targets targets,
            NotifyProperties properties, JsonMapper json, ObjectProvider<Clock> clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new DeliverNotification(channels, deliveries, fernet, targets, properties, http, json,
                clock.getIfUnique(Clock::systemUTC));
    }

    /** MQ event on webhook-deliveries: one attempt of one webhook delivery. */
    @Bean
    Consumer<Message<byte[]>> deliverWebhook(QueueConsumers consumers, DeliverNotification deliver) {
        return consumers.of(DeliveryTask.class, deliver::attempt);
    }

    /** MQ event on telegram-deliveries: one attempt of one Telegram message. */
    @Bean
    Consumer<Message<byte[]>> deliverTelegram(QueueConsumers consumers, DeliverNotification deliver) {
        return consumers.of(DeliveryTask.class, deliver::attempt);
    }

    /** Scheduled every minute: sends again the deliveries whose retry is due or whose attempt lost its worker. */
    @Bean
    Consumer<Message<byte[]>> retryDeliveries(QueueConsumers consumers, Jdbi jdbi, Outbox outbox,
            ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return consumers.of(RetryTick.class, tick -> {
            int sent = jdbi.inTransaction(handle -> {
                List<java.util.UUID> due = handle.attach(DeliveryDao.class).due(time.instant(), RETRY_BATCH);
                ChannelDao channels = handle.attach(ChannelDao.class);
                DeliveryDao deliveries = handle.attach(DeliveryDao.class);
                for (java.util.UUID id : due) {
                    Delivery delivery = deliveries.find(id).orElseThrow();
                    channels.findById(delivery.channelId()).ifPresent(channel ->
                            outbox.publish(handle, channel.kind().function(), new DeliveryTask(id)));
                }
                return due.size();
            });
            if (sent > 0) {
                log.info("Handed out {} due notification deliveries again", sent);
            }
        });
    }
}
