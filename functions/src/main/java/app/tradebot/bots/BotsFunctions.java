package app.tradebot.bots;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.audit.AuditTrail;
import app.tradebot.exchange.paper.PaperExchanges;
import app.tradebot.market.CandleFeed;
import app.tradebot.market.CandleHistory;
import app.tradebot.orders.BotEvents;
import app.tradebot.orders.BotOrders;
import app.tradebot.orders.Page;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.http.QueryParameter;
import app.tradebot.platform.jobs.JobKind;
import app.tradebot.platform.jobs.JobTask;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.platform.messaging.QueueConsumers;
import app.tradebot.quotas.Quotas;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.StrategyUsage;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The bots functions of template.yaml: the bot routes, the tickBots job and the runBot task. */
@Configuration(proxyBeanMethods = false)
class BotsFunctions {

    private static final Logger log = LoggerFactory.getLogger(BotsFunctions.class);

    /** A bot's runs: one row per bot in bot_runs, run by runBot; a run silent this long is taken over. */
    static final JobKind BOT_RUNS = new JobKind("bot_runs", "runBot", Duration.ofMinutes(2), true);

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };
    /** The query of the routes that answer page by page: listBots and a bot's orders, fills and events. */
    private static final List<QueryParameter> PAGING = QueryParameter.paging(BotViews.DEFAULT_LIMIT, BotViews.MAX_LIMIT);

    private final Clock clock;

    BotsFunctions(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    BotDao botDao(Jdbi jdbi) {
        return jdbi.onDemand(BotDao.class);
    }

    @Bean
    BotMarks botMarks(BotDao bots, BotOrders orders, CandleFeed feed, CandleHistory history) {
        return new BotMarks(bots, orders, feed, history);
    }

    @Bean
    BotViews botViews(BotDao bots, BotOrders orders, BotMarks marks, JsonMapper json) {
        return new BotViews(bots, orders, marks, json);
    }

    @Bean
    BotLifecycle botLifecycle(Jdbi jdbi, BotEvents events, AuditTrail audit, Quotas quotas) {
        return new BotLifecycle(jdbi, events, audit, quotas, clock);
    }

    @Bean
    BotSettlement botSettlement(BotOrders orders, BotExchanges exchanges, BotViews views, CandleFeed feed) {
        return new BotSettlement(orders, exchanges, views, feed, clock);
    }

    @Bean
    PreTradeChecks preTradeChecks(BotOrders orders, CandleFeed feed, AccountExchanges accounts, Jdbi jdbi) {
        return new PreTradeChecks(orders, feed, accounts, jdbi);
    }

    @Bean
    BotExchanges botExchanges(AccountExchanges accounts, PaperExchanges paper, CandleHistory history) {
        return new AccountBotExchanges(accounts, paper, history);
    }

    @Bean
    ApiFunction createBot(ApiFunctions http, StrategyCatalog catalog, AccountExchanges accounts, CandleFeed feed,
            CandleHistory history, BotDao bots, BotViews views, JsonMapper json) {
        return http.of(CreateBotRequest.class, BotView.class, 201,
                new CreateBot(new BotRules(catalog, accounts, feed, history), bots, views, json, clock));
    }

    /** A user strategy cannot be deleted while a bot, running or not, is configured with it. */
    @Bean
    StrategyUsage botStrategies(BotDao bots) {
        return StrategyUsage.of("A bot is configured with this strategy: delete the bot, or change its strategy, first.",
                bots::usesStrategy);
    }

    @Bean
    ApiFunction listBots(ApiFunctions http, BotDao bots, BotViews views) {
        return http.of(Void.class, BotList.class, 200, (body, request) -> {
            int limit = BotViews.limit(request.query("limit").orElse(null));
            ListCursor after = ListCursor.parse(request.query("cursor").orElse(null));
            List<Bot> rows = bots.list(request.userId(), after == null ? null : after.createdAt(),
                    after == null ? null : after.id(), limit + 1);
            List<Bot> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
            String next = rows.size() > limit ? ListCursor.of(shown.get(shown.size() - 1)) : null;
            Instant now = clock.instant();
            return new BotList(shown.stream().map(bot -> BotList.Summary.of(bot, views.pnl(bot, now))).toList(), next);
        }).withQuery(PAGING);
    }

    @Bean
    ApiFunction getBot(ApiFunctions http, BotViews views) {
        return http.of(Void.class, BotView.class, 200, (body, request) ->
                views.view(views.find(request.pathId("id"), request.userId()), clock.instant()));
    }

    @Bean
    ApiFunction updateBot(ApiFunctions http, StrategyCatalog catalog, AccountExchanges accounts, CandleFeed feed,
            CandleHistory history, BotDao bots, BotViews views, JsonMapper json) {
        BotRules rules = new BotRules(catalog, accounts, feed, history);
        return http.of(UpdateBotRequest.class, BotView.class, 200, (body, request) -> {
            Bot bot = views.find(request.pathId("id"), request.userId());
            if (bot.status() == BotStatus.running) {
                throw new Conflict("The bot is running: stop it before changing it.");
            }
            BotRules.Changed changed = rules.update(bot, body, json.readValue(bot.params(), PARAMS));
            BotRisk risk = body.risk() != null ? body.risk().withDefaults() : null;
            BotSizing sizing = body.sizing() != null ? body.sizing() : bot.sizing();
            Bot updated = bots.update(bot.id(), bot.userId(), body.name() != null ? body.name() : bot.name(),
                            changed.strategy() != null ? changed.strategy() : bot.strategy(),
                            changed.params() != null ? json.writeValueAsString(changed.params()) : bot.params(),
                            sizing.type(), sizing.value(),
                            risk != null ? json.writeValueAsString(risk) : bot.risk())
                    .orElseThrow(() -> new Conflict("The bot is running: stop it before changing it."));
            return views.view(updated, clock.instant());
        });
    }

    /** Its orders, fills and events stay for the audit trail. */
    @Bean
    ApiFunction deleteBot(ApiFunctions http, BotDao bots, BotViews views, BotOrders orders) {
        return http.of(Void.class, Void.class, 204, (body, request) -> {
            Bot bot = views.find(request.pathId("id"), request.userId());
            if (bot.status() == BotStatus.running) {
                throw new Conflict("The bot is running: stop it before deleting it.");
            }
            if (!orders.position(bot.id()).flat()) {
                throw new Conflict("The bot holds a position: stop it with flatten, or sell, before deleting it.");
            }
            if (orders.unresolved(bot.id())) {
                throw new Conflict("The bot has orders whose fate is not settled yet: try again in a minute.");
            }
            if (bots.delete(bot.id(), bot.userId()) == 0) {
                throw new Conflict("The bot is running: stop it before deleting it.");
            }
            return null;
        });
    }

    /** 429 when the user runs as many bots as the running-bots quota allows. */
    @Bean
    ApiFunction startBot(ApiFunctions http, BotViews views, BotLifecycle lifecycle, Jobs jobs) {
        return http.of(Void.class, BotView.class, 200, (body, request) -> {
            Bot bot = views.find(request.pathId("id"), request.userId());
            if (bot.status() == BotStatus.running) {
                throw new Conflict("The bot is running already.");
            }
            Bot started = lifecycle.start(bot.id(), bot.userId(), request.requestId(), request.clientIp(), request.userAgent())
                    .orElseThrow(() -> new Conflict("The bot is running already."));
            try {
                // its first run at once (a replay runs to its end; a live bot warms up and waits for its candle)
                jobs.requeue(BOT_RUNS, started.id(), started.userId());
            }
            catch (RuntimeException e) {
                log.warn("First run of bot {} not queued; tickBots queues it within a minute: {}", started.id(), e.getMessage());
            }
            return views.view(started, clock.instant());
        });
    }

    @Bean
    ApiFunction stopBot(ApiFunctions http, BotViews views, BotLifecycle lifecycle, Jobs jobs, BotSettlement settlement) {
        return http.of(StopBotRequest.class, BotView.class, 200, new StopBot(views, lifecycle, jobs, settlement, clock));
    }

    @Bean
    ApiFunction stopAllBots(ApiFunctions http, BotDao bots, BotViews views, BotLifecycle lifecycle, Jobs jobs,
            BotOrders orders, BotSettlement settlement, AuditTrail audit) {
        return http.of(StopAllBotsRequest.class, StopAllBotsResult.class, 200,
                new StopAllBots(bots, views, lifecycle, jobs, orders, settlement, audit, clock));
    }

    @Bean
    ApiFunction listBotOrders(ApiFunctions http, BotViews views, BotOrders orders) {
        return http.of(Void.class, Page.class, 200, (body, request) -> page(views, request, orders::orders))
                .withQuery(PAGING);
    }

    @Bean
    ApiFunction listBotFills(ApiFunctions http, BotViews views, BotOrders orders) {
        return http.of(Void.class, Page.class, 200, (body, request) -> page(views, request, orders::fills))
                .withQuery(PAGING);
    }

    @Bean
    ApiFunction listBotEvents(ApiFunctions http, BotViews views, BotEvents events) {
        return http.of(Void.class, Page.class, 200, (body, request) -> page(views, request, events::page))
                .withQuery(PAGING);
    }

    /** Scheduled every minute: one run queued per running bot with a closed candle it has not processed. */
    @Bean
    Consumer<Message<byte[]>> tickBots(QueueConsumers consumers, BotDao bots, Jobs jobs) {
        TickBots job = new TickBots(bots, jobs);
        return consumers.of(BotsTick.class, tick -> job.tick(clock.instant()));
    }

    @Bean
    Consumer<Message<byte[]>> runBot(QueueConsumers consumers, Jobs jobs, Jdbi jdbi, CandleFeed feed,
            StrategyCatalog catalog, BotExchanges exchanges, BotOrders orders, BotEvents events, BotLifecycle lifecycle,
            PreTradeChecks preTrade, BotSettlement settlement, JsonMapper json) {
        return consumers.of(JobTask.class, new RunBot(jobs, jdbi, feed, catalog, exchanges, orders, events, lifecycle, preTrade,
                settlement, json));
    }

    interface PageReader<T> {
        Page<T> read(UUID botId, String cursor, int limit);
    }

    private static <T> Page<T> page(BotViews views, ApiRequest request, PageReader<T> reader) {
        Bot bot = views.find(request.pathId("id"), request.userId());
        int limit = BotViews.limit(request.query("limit").orElse(null));
        try {
            return reader.read(bot.id(), request.query("cursor").orElse(null), limit);
        }
        catch (IllegalArgumentException e) {
            throw Invalid.field("cursor", "must be a cursor this list gave");
        }
    }
}
