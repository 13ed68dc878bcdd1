package app.tradebot.bots;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.fill.FillModel;
import app.tradebot.market.CandleFeed;
import app.tradebot.orders.BotOrders;
import app.tradebot.orders.BotPosition;
import app.tradebot.orders.OrderIntent;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checks every intent of a bot passes before it becomes an order, and the loss limits that stop a bot.
 * The runner asks once per closed candle ({@link Run#check}); a refused intent comes back with its reason
 * (the runner records it as an event: never an order, never an error), a loss limit reached comes back as
 * the reason to stop the bot.
 *
 * <p>In order: a loss limit reached refuses everything (the bot's {@code maxDailyLossPct} of its allocation,
 * its account's {@code dailyLossLimitQuote} across all its bots); a live bot trades on no candle older than
 * {@code maxSignalAgeSeconds}; {@code maxOpenOrders} (market sells, which only lower the risk, pass); then a
 * buy: the {@code cooldownCandles} after a stop-loss exit, {@code maxPositionQuote} (the position at the
 * candle's close, the open buys and this one), the symbol's minimum notional and the free quote balance; a
 * sell of a quantity: the minimum notional and the free base balance (a sell-all sells what there is). The
 * balances are judged as the order path and the fill model spend them: a market buy for a quote amount is
 * clipped to the free quote and a limit sell to the free base, so only a buy or sell with nothing free to
 * spend is refused for its balance (as the exchange would refuse it), and a replay bot still trades exactly
 * as its backtest.
 *
 * <p>The daily PnL is realised plus unrealised since 00:00 UTC (of the candle's day: a replay's clock is its
 * candles): by average cost, the PnL to date now (at the candle's close) less the PnL to date at midnight (the
 * position then at the close of the day's first candle's predecessor). A bot's allocation is its
 * {@code maxPositionQuote}, else its fixed sizing, else its percentage of the account's equity in its symbol at
 * the first check of the day. The account's loss, checked on every candle of a bot whose account has a limit,
 * sums its bots' daily PnL (the others' from their fills and their symbols' stored closes), each in its own
 * quote asset: the limit is meant for accounts whose bots share one quote asset.
 */
final class PreTradeChecks {

    private static final MathContext MATH = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BotOrders orders;
    private final CandleFeed feed;
    private final AccountExchanges accounts;
    private final Jdbi jdbi;

    PreTradeChecks(BotOrders orders, CandleFeed feed, AccountExchanges accounts, Jdbi jdbi) {
        this.orders = orders;
        this.feed = feed;
        this.accounts = accounts;
        this.jdbi = jdbi;
    }

    /** What refused an intent: a loss limit, or the risk setting or balance check of that name. */
    enum Check {
        riskLimit, maxSignalAgeSeconds, maxOpenOrders, cooldownCandles, maxPositionQuote, minNotional, freeBalance
    }

    /** An intent not sent: which check refused it and why. */
    record Refusal(OrderIntent intent, Check check, String reason) {
    }

    /** A loss limit the bot reached: which, and the figures ({@code details}) for its event and notification. */
    record LimitReached(String detail, Map<String, Object> details) {
    }

    /** What becomes of a candle's intents. */
    record Verdict(List<OrderIntent> accepted, List<Refusal> refused, LimitReached limit) {

        static final Verdict NONE = new Verdict(List.of(), List.of(), null);
    }

    /**
     * The checks of one run of {@code bot}: {@code exchange} is the one it trades on (a replay's for a replay),
     * {@code holdings} the account's quote and base of the symbol (asked only for a percent allocation).
     */
    Run start(Bot bot, BotRisk risk, Exchange exchange, Supplier<BotSignals.Holdings> holdings) {
        return new Run(bot, risk, exchange, holdings);
    }

    final class Run {

        private final Bot bot;
        private final BotRisk risk;
        private final Exchange exchange;
        private final Supplier<BotSignals.Holdings> holdings;
        private final Duration maxSignalAge;
        private final Duration candle;
        private final BigDecimal accountLimit;
        private SymbolRules rules;
        private Instant day;
        private BigDecimal pnlAtMidnight;
        private BigDecimal allocation;
        /** The account's other bots and their PnL to date at midnight, read once a day. */
        private Map<Bot, BigDecimal> othersAtMidnight;

        Run(Bot bot, BotRisk risk, Exchange exchange, Supplier<BotSignals.Holdings> holdings) {
            this.bot = bot;
            this.risk = risk;
            this.exchange = exchange;
            this.holdings = holdings;
            this.maxSignalAge = Bot.maxSignalAge(risk);
            this.candle = bot.candleInterval().duration();
            this.accountLimit = accounts.dailyLossLimit(bot.userId(), bot.accountId()).orElse(null);
        }

        /**
         * The candle {@code kline} closed with the bot holding {@code position}; {@code now} is the time the
         * decision is taken (a replay's: the candle's close).
         */
        Verdict check(Kline kline, BotPosition position, List<OrderIntent> intents, Instant now) {
            if (intents.isEmpty() && risk.maxDailyLossPct() == null && accountLimit == null) {
                return Verdict.NONE;
            }
            LimitReached limit = null;
            if (risk.maxDailyLossPct() != null || accountLimit != null) {
                Instant at = kline.closeTime().plusMillis(1);
                BigDecimal pnl = dailyPnl(kline, position, at);
                limit = botLoss(kline, pnl);
                if (limit == null && accountLimit != null) {
                    limit = accountLoss(pnl, at);
                }
            }
            if (limit != null) {
                String reason = "the bot stops: " + limit.detail();
                return new Verdict(List.of(), intents.stream().map(i -> new Refusal(i, Check.riskLimit, reason)).toList(), limit);
            }
            if (intents.isEmpty()) {
                return Verdict.NONE;
            }
            List<OrderIntent> accepted = new ArrayList<>();
            List<Refusal> refused = new ArrayList<>();
            Duration age = Duration.between(kline.closeTime(), now);
            if (!bot.isReplay() && age.compareTo(maxSignalAge) > 0) {
                String reason = "the candle closed " + age.toSeconds() + " s ago, longer than maxSignalAgeSeconds "
                        + maxSignalAge.toSeconds() + " allows";
                intents.forEach(i -> refused.add(new Refusal(i, Check.maxSignalAgeSeconds, reason)));
                return new Verdict(List.of(), refused, null);
            }
            Funds funds = null;
            int open = risk.maxOpenOrders() == null ? 0 : orders.openOrderCount(bot.id());
            BigDecimal buying = BigDecimal.ZERO;
            BigDecimal selling = BigDecimal.ZERO;
            for (OrderIntent intent : intents) {
                // a sell at market or a protective exit only lowers the bot's risk: never kept back by an order cap
                boolean exit = intent.side() == Side.SELL
                        && (intent.type() == OrderType.MARKET || intent.type() == OrderType.PROTECT);
                if (risk.maxOpenOrders() != null && !exit && open >= risk.maxOpenOrders()) {
                    refused.add(new Refusal(intent, Check.maxOpenOrders, "the bot has " + open + " orders not settled, "
                            + "maxOpenOrders is " + risk.maxOpenOrders()));
                    continue;
                }
                if (funds == null) {
                    funds = funds();
                }
                Refusal refusal = intent.side() == Side.BUY
                        ? buy(intent, kline, position, funds, buying)
                        : sell(intent, kline, funds, selling);
                if (refusal != null) {
                    refused.add(refusal);
                    continue;
                }
                accepted.add(intent);
                open++;
                if (intent.side() == Side.BUY) {
                    buying = buying.add(spend(intent, kline.close(), funds.quote.subtract(buying)));
                }
                else if (intent.quantity() != null) {
                    selling = selling.add(sold(intent, funds.base.subtract(selling)));
                }
            }
            return new Verdict(accepted, refused, null);
        }

        /** Null when the buy passes. */
        private Refusal buy(OrderIntent intent, Kline kline, BotPosition position, Funds funds, BigDecimal buying) {
            BigDecimal free = funds.quote.subtract(buying);
            BigDecimal quote = spend(intent, kline.close(), free);
            if (quote.signum() <= 0) {
                return noQuote(intent, kline, funds, free);
            }
            if (risk.cooldownCandles() != null && risk.cooldownCandles() > 0) {
                Optional<Instant> exit = orders.lastStopLossExit(bot.id());
                if (exit.isPresent()) {
                    // candles closed since the fill, a candle in which it filled counting once it closed
                    Duration after = Duration.between(exit.get(), kline.closeTime().plusMillis(1));
                    long since = after.isNegative() || after.isZero() ? 0
                            : (after.toMillis() + candle.toMillis() - 1) / candle.toMillis();
                    if (since <= risk.cooldownCandles()) {
                        return new Refusal(intent, Check.cooldownCandles, "a stop-loss exit filled at " + exit.get() + ", "
                                + since + " of " + risk.cooldownCandles() + " cooldown candles have closed since");
                    }
                }
            }
            if (risk.maxPositionQuote() != null) {
                BigDecimal held = position.flat() ? BigDecimal.ZERO : position.quantity().multiply(kline.close());
                BigDecimal exposure = held.add(orders.openBuyQuote(bot.id())).add(buying).add(quote);
                if (exposure.compareTo(risk.maxPositionQuote()) > 0) {
                    return new Refusal(intent, Check.maxPositionQuote, "the position (" + plain(held) + " at the close) with "
                            + "the open buys and this one (" + plain(quote) + ") would be worth " + plain(exposure)
                            + ", more than maxPositionQuote " + plain(risk.maxPositionQuote()));
                }
            }
            if (belowMinNotional(intent, quote)) {
                return new Refusal(intent, Check.minNotional, plain(quote) + " " + funds.quoteAsset + " is below "
                        + rules.symbol() + "'s minimum order value of " + plain(rules.minNotional()));
            }
            if (quote.compareTo(free) > 0) {
                return noQuote(intent, kline, funds, free);
            }
            return null;
        }

        private Refusal noQuote(OrderIntent intent, Kline kline, Funds funds, BigDecimal free) {
            return new Refusal(intent, Check.freeBalance, "the buy needs " + plain(quoteOf(intent, kline.close())) + " "
                    + funds.quoteAsset + ", the account has " + plain(free.max(BigDecimal.ZERO)) + " free");
        }

        private Refusal sell(OrderIntent intent, Kline kline, Funds funds, BigDecimal selling) {
            // a protective exit is sized when it is sent, from what the bot then holds
            if (intent.isSellAll() || intent.type() == OrderType.PROTECT) {
                return null;
            }
            BigDecimal free = funds.base.subtract(selling);
            BigDecimal quantity = sold(intent, free);
            BigDecimal value = quantity.multiply(intent.price() != null ? intent.price() : kline.close());
            if (quantity.signum() > 0 && belowMinNotional(intent, value)) {
                return new Refusal(intent, Check.minNotional, "the sell is worth " + plain(value) + " " + funds.quoteAsset
                        + ", below " + rules.symbol() + "'s minimum order value of " + plain(rules.minNotional()));
            }
            if (quantity.signum() <= 0 || quantity.compareTo(free) > 0) {
                return new Refusal(intent, Check.freeBalance, "the sell needs " + plain(intent.quantity()) + " "
                        + funds.baseAsset + ", the account has " + plain(free.max(BigDecimal.ZERO)) + " free");
            }
            return null;
        }

        private boolean belowMinNotional(OrderIntent intent, BigDecimal value) {
            boolean applies = intent.type() != OrderType.MARKET || rules.applyMinToMarket();
            return applies && value.compareTo(rules.minNotional()) < 0;
        }

        private Funds funds() {
            if (rules == null) {
                rules = exchange.symbol(bot.symbol()).orElseThrow(() -> new ExchangeException(0, 0,
                        "The exchange does not list " + bot.symbol() + "."));
            }
            BigDecimal quote = BigDecimal.ZERO;
            BigDecimal base = BigDecimal.ZERO;
            for (Balance balance : exchange.account().balances()) {
                if (balance.asset().equals(rules.quoteAsset())) {
                    quote = balance.free();
                }
                else if (balance.asset().equals(rules.baseAsset())) {
                    base = balance.free();
                }
            }
            return new Funds(rules.quoteAsset(), quote, rules.baseAsset(), base);
        }

        /** The bot's realised plus unrealised PnL since 00:00 UTC of the candle's day, at its close. */
        private BigDecimal dailyPnl(Kline kline, BotPosition position, Instant at) {
            Instant midnight = at.truncatedTo(ChronoUnit.DAYS);
            if (!midnight.equals(day)) {
                day = midnight;
                pnlAtMidnight = pnlToDate(orders.positionBefore(bot.id(), midnight), closeBefore(bot, midnight));
                allocation = null;
                othersAtMidnight = null;
            }
            return pnlToDate(position, kline.close()).subtract(pnlAtMidnight);
        }

        private LimitReached botLoss(Kline kline, BigDecimal pnl) {
            if (risk.maxDailyLossPct() == null) {
                return null;
            }
            if (allocation == null) {
                allocation = allocation(kline);
            }
            if (allocation.signum() <= 0) {
                return null;
            }
            BigDecimal limit = allocation.multiply(risk.maxDailyLossPct()).divide(HUNDRED, MATH);
            if (pnl.negate().compareTo(limit) < 0) {
                return null;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("limit", "maxDailyLossPct");
            details.put("maxDailyLossPct", plain(risk.maxDailyLossPct()));
            details.put("allocation", plain(allocation));
            details.put("dailyPnl", plain(pnl));
            details.put("since", day.toString());
            return new LimitReached("its loss since " + day + " (" + plain(pnl.negate()) + ") reached maxDailyLossPct "
                    + plain(risk.maxDailyLossPct()) + " % of its allocation of " + plain(allocation), details);
        }

        private LimitReached accountLoss(BigDecimal ownPnl, Instant at) {
            if (othersAtMidnight == null) {
                othersAtMidnight = new LinkedHashMap<>();
                for (Bot other : jdbi.withExtension(BotDao.class, dao -> dao.ofAccount(bot.accountId()))) {
                    if (!other.id().equals(bot.id())) {
                        othersAtMidnight.put(other, pnlToDate(orders.positionBefore(other.id(), day), closeBefore(other, day)));
                    }
                }
            }
            BigDecimal pnl = ownPnl;
            for (Map.Entry<Bot, BigDecimal> other : othersAtMidnight.entrySet()) {
                Bot o = other.getKey();
                pnl = pnl.add(pnlToDate(orders.positionBefore(o.id(), at), closeBefore(o, at)).subtract(other.getValue()));
            }
            if (pnl.negate().compareTo(accountLimit) < 0) {
                return null;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("limit", "dailyLossLimitQuote");
            details.put("accountId", bot.accountId().toString());
            details.put("dailyLossLimitQuote", plain(accountLimit));
            details.put("dailyPnl", plain(pnl));
            details.put("since", day.toString());
            return new LimitReached("the loss of its account's bots since " + day + " (" + plain(pnl.negate())
                    + ") reached the account's dailyLossLimitQuote " + plain(accountLimit), details);
        }

        private BigDecimal allocation(Kline kline) {
            if (risk.maxPositionQuote() != null) {
                return risk.maxPositionQuote();
            }
            BotSizing sizing = bot.sizing();
            if (sizing.type() == BotSizing.Type.fixed) {
                return sizing.value();
            }
            BotSignals.Holdings held = holdings.get();
            return FillModel.percentOfEquity(held.quote(), held.base(), kline.close(), sizing.value());
        }
    }

    /** The free balances of the symbol's assets on the account. */
    private record Funds(String quoteAsset, BigDecimal quote, String baseAsset, BigDecimal base) {
    }

    /** Realised plus unrealised PnL to date, the position marked at {@code price} (null: unmarked). */
    private static BigDecimal pnlToDate(BotPosition position, BigDecimal price) {
        BigDecimal pnl = position.realisedPnl();
        if (!position.flat() && price != null && position.averageEntryPrice() != null) {
            pnl = pnl.add(price.subtract(position.averageEntryPrice()).multiply(position.quantity()));
        }
        return pnl;
    }

    /** The close of the bot's symbol at {@code at}: the last stored candle opening before it, as the bot reads candles. */
    private BigDecimal closeBefore(Bot bot, Instant at) {
        List<Kline> last = bot.candles(feed).before(bot.symbol(), bot.candleInterval(), at, 1);
        return last.isEmpty() ? null : last.get(0).close();
    }

    /** What a buy spends: its quote amount, else its quantity at its limit price or the close. */
    /**
     * The quote a buy will spend, as the order path and the fill model spend it: a MARKET buy for a quote
     * amount is clipped to the free quote ({@code free}); any other buy needs all of it.
     */
    static BigDecimal spend(OrderIntent intent, BigDecimal close, BigDecimal free) {
        BigDecimal quote = quoteOf(intent, close);
        return intent.type() == OrderType.MARKET && intent.quoteQuantity() != null ? quote.min(free.max(BigDecimal.ZERO))
                : quote;
    }

    /**
     * The base a sell of a quantity will sell, as the order path sends it: a LIMIT sell sells at most the free
     * base ({@code free}: a buy's fee was taken in coins); any other sell needs all of it.
     */
    static BigDecimal sold(OrderIntent intent, BigDecimal free) {
        return intent.type() == OrderType.LIMIT ? intent.quantity().min(free.max(BigDecimal.ZERO)) : intent.quantity();
    }

    static BigDecimal quoteOf(OrderIntent intent, BigDecimal close) {
        if (intent.quoteQuantity() != null) {
            return intent.quoteQuantity();
        }
        return intent.quantity().multiply(intent.price() != null ? intent.price() : close);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
