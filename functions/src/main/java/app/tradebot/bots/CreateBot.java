package app.tradebot.bots;

import java.time.Clock;
import java.util.UUID;

import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import tools.jackson.databind.json.JsonMapper;

/** {@code createBot}: a stopped bot on one of the caller's accounts, checked by {@link BotRules}. */
final class CreateBot implements ApiHandler<CreateBotRequest, BotView> {

    private final BotRules rules;
    private final BotDao bots;
    private final BotViews views;
    private final JsonMapper json;
    private final Clock clock;

    CreateBot(BotRules rules, BotDao bots, BotViews views, JsonMapper json, Clock clock) {
        this.rules = rules;
        this.bots = bots;
        this.views = views;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public BotView handle(CreateBotRequest body, ApiRequest request) {
        UUID userId = request.userId();
        BotRules.Checked checked = rules.create(body, userId);
        BotRisk risk = body.risk() == null ? null : body.risk().withDefaults();
        Bot bot = bots.insert(UUID.randomUUID(), userId, body.accountId(), body.name(), checked.symbol(),
                checked.interval().code(), checked.strategy(), json.writeValueAsString(checked.params()), body.sizing().type(),
                body.sizing().value(), risk == null ? null : json.writeValueAsString(risk),
                body.replay() == null ? null : body.replay().from(), body.replay() == null ? null : body.replay().to());
        return views.view(bot, clock.instant());
    }
}
