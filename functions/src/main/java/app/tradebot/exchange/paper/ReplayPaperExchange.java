package app.tradebot.exchange.paper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Ticker;
import app.tradebot.exchange.Trade;
import app.tradebot.exchange.fill.FillCosts;
import app.tradebot.exchange.fill.FillModel;
import org.jdbi.v3.core.Jdbi;

/**
 * The replay form of a paper account. Fast by keeping the account's resting orders in memory between
 * candles: a candle costs a database write only when an order fills or a trailing stop's high-water mark
 * rises (so a replay continued by another instance finds the orders as they are).
 */
final class ReplayPaperExchange extends PaperExchange implements ReplayExchange {

    private final SymbolRules rules;
    private final FillModel model;
    private List<PaperOrderRow> resting;
    private Kline next;
    private Instant now = Instant.EPOCH;

    ReplayPaperExchange(UUID accountId, MarketData market, Jdbi jdbi, SymbolRules rules, FillCosts costs) {
        super(accountId, market, jdbi, costs, Clock.systemUTC());
        this.rules = rules;
        this.model = new FillModel(rules, costs);
    }

    @Override
    public List<Trade> candleClosed(Kline closed, Kline following) {
        List<Trade> fills = new ArrayList<>();
        if (resting == null) {
            resting = new ArrayList<>(jdbi.withExtension(PaperDao.class, dao -> dao.open(accountId, rules.symbol())));
        }
        // resting limits first, then protective exits, each in the order they were placed (as the backtest)
        List<PaperOrderRow> due = new ArrayList<>(resting);
        due.sort(Comparator.comparing((PaperOrderRow o) -> o.type() == OrderType.PROTECT)
                .thenComparingLong(PaperOrderRow::orderId));
        for (PaperOrderRow order : due) {
            if (closed.openTime().isBefore(order.createdAt())) {
                continue;
            }
            Optional<PaperOrderRow> stays = check(model, order, closed, fills);
            if (stays.isPresent() && stays.get() != order) {
                PaperOrderRow raised = stays.get();
                resting.set(resting.indexOf(order), raised);
                jdbi.useExtension(PaperDao.class, dao -> dao.checked(accountId, order.clientOrderId(),
                        closed.closeTime().plusMillis(1), raised.highWater()));
            }
        }
        next = following;
        now = following != null ? following.openTime() : closed.closeTime().plusMillis(1);
        return fills;
    }

    @Override
    public void openAt(Kline following) {
        next = following;
        now = following.openTime();
    }

    @Override
    Instant now() {
        return now;
    }

    @Override
    BigDecimal reference(SymbolRules symbol) {
        if (next == null) {
            throw new OrderRejected(400, -1013, "The replay of " + rules.symbol() + " has no candle to fill at"
                    + " (it ended, or no candle has closed yet)");
        }
        return next.open();
    }

    @Override
    Optional<SymbolRules> rules(String symbol) {
        return rules.symbol().equals(symbol) ? Optional.of(rules) : Optional.empty();
    }

    @Override
    public Optional<SymbolRules> symbol(String symbol) {
        return rules(symbol);
    }

    @Override
    public Ticker ticker(String symbol) {
        if (next == null || !rules.symbol().equals(symbol)) {
            throw new OrderRejected(400, -1121, "No replayed price of " + symbol + " now");
        }
        return new Ticker(symbol, next.open(), now);
    }

    @Override
    public Instant serverTime() {
        return now;
    }

    @Override
    boolean pricedRemotely() {
        return false;
    }

    @Override
    void catchUp(String symbol) {
        // the replay's orders are checked candle by candle in candleClosed
    }

    @Override
    void rested(PaperOrderRow order) {
        if (resting != null) {
            resting.add(order);
        }
    }

    @Override
    void ended(PaperOrderRow order) {
        if (resting != null) {
            resting.removeIf(o -> o.orderId() == order.orderId());
        }
    }
}
