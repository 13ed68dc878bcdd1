package app.tradebot.notify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.http.NotFound;
import app.tradebot.quotas.Quota;
import app.tradebot.quotas.Quotas;
import org.jdbi.v3.core.Jdbi;

/**
 * Creating and deleting a user's channels: input checked first, then the quota, the row and its audit
 * event in one transaction, so a refused request changes nothing.
 */
final class Channels {

    static final String INVALID = "The notification channel is not valid.";

    private final Jdbi jdbi;
    private final Fernet fernet;
    private final Targets targets;
    private final Quotas quotas;
    private final AuditTrail audit;
    private final Clock clock;

    Channels(Jdbi jdbi, Fernet fernet, Targets targets, Quotas quotas, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.fernet = fernet;
        this.targets = targets;
        this.quotas = quotas;
        this.audit = audit;
        this.clock = clock;
    }

    Views.CreatedWebhook createWebhook(Requests.CreateWebhookRequest body, ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();
        targets.refusal(body.url()).ifPresent(message -> errors.add(new FieldError("url", message)));
        List<EventType> events = events(body.events(), errors);
        if (!errors.isEmpty()) {
            throw new Invalid(INVALID, errors);
        }
        String secret = Signatures.newSecret();
        Channel channel = insert(request, ChannelKind.WEBHOOK, Quota.WEBHOOKS, body.url(), null, fernet.encrypt(secret),
                null, events, "webhook.created");
        return new Views.CreatedWebhook(channel.id(), channel.url(), channel.eventNames(), secret, channel.createdAt());
    }

    Views.TelegramView createTelegram(Requests.CreateTelegramRequest body, ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<EventType> events = events(body.events(), errors);
        if (!errors.isEmpty()) {
            throw new Invalid(INVALID, errors);
        }
        String token = body.botToken();
        Channel channel = insert(request, ChannelKind.TELEGRAM, Quota.TELEGRAM_CHANNELS, null, body.chatId(),
                fernet.encrypt(token), "..." + token.substring(token.length() - 4), events, "telegram.created");
        return Views.TelegramView.of(channel);
    }

    void delete(ApiRequest request, ChannelKind kind) {
        UUID id = request.pathId("id");
        UUID userId = request.userId();
        jdbi.useTransaction(handle -> {
            if (handle.attach(ChannelDao.class).delete(userId, kind, id) == 0) {
                throw notFound(kind);
            }
            audit.record(handle, event(request, kind == ChannelKind.WEBHOOK ? "webhook.deleted" : "telegram.deleted"));
        });
    }

    Channel find(ApiRequest request, ChannelKind kind) {
        UUID id = request.pathId("id");
        return jdbi.onDemand(ChannelDao.class).find(request.userId(), kind, id).orElseThrow(() -> notFound(kind));
    }

    static NotFound notFound(ChannelKind kind) {
        return new NotFound(kind == ChannelKind.WEBHOOK ? "No such webhook." : "No such Telegram channel.");
    }

    private Channel insert(ApiRequest request, ChannelKind kind, Quota quota, String url, String chatId, String secretEnc,
            String hint, List<EventType> events, String auditType) {
        UUID userId = request.userId();
        UUID id = UUID.randomUUID();
        return jdbi.inTransaction(handle -> {
            ChannelDao dao = handle.attach(ChannelDao.class);
            quotas.require(handle, userId, quota, () -> dao.count(userId, kind));
            dao.insert(id, userId, kind, url, chatId, secretEnc, hint, Channel.join(events), clock.instant());
            audit.record(handle, event(request, auditType));
            return dao.findById(id).orElseThrow();
        });
    }

    private AuditEvent event(ApiRequest request, String type) {
        return new AuditEvent(UUID.randomUUID(), request.userId(), type, request.clientIp(), request.userAgent(),
                clock.instant());
    }

    private static List<EventType> events(List<String> names, List<FieldError> errors) {
        List<EventType> events = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<EventType> type = EventType.fromWire(names.get(i)).filter(EventType::subscribable);
            if (type.isEmpty()) {
                errors.add(new FieldError("events[" + i + "]", "must be one of " + EventType.subscribableNames()));
            }
            else {
                events.add(type.get());
            }
        }
        return events;
    }
}
