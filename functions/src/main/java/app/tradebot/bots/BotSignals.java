package app.tradebot.bots;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import app.tradebot.exchange.Side;
import app.tradebot.exchange.fill.FillModel;
import app.tradebot.orders.BotPosition;
import app.tradebot.orders.OrderIntent;
import app.tradebot.strategy.Exits;
import app.tradebot.strategy.Position;
import app.tradebot.strategy.Signals;
import app.tradebot.strategy.Undefined;

/**
 * What a bot's strategy emits on one candle, turned into the order path's intents. A buy's own amount is
 * rounded down to 8 places; one without is sized by the bot: a fixed quote amount, or a percentage of the
 * equity marked at the decision candle's close ({@link FillModel#percentOfEquity}: all the account's quote
 * and base of the symbol), as the backtest sizes it. {@code maxOrderQuote} caps every
 * buy. A buy with protective exits is followed by a PROTECT intent carrying them as fractions: the order
 * path prices them off the position's average cost once the buy filled, as the backtest does. The position the strategy sees is
 * the bot's, from its fills.
 */
final class BotSignals implements Signals, Position {

    private static final MathContext MATH = MathContext.DECIMAL64;

    private final BotSizing sizing;
    private final BigDecimal maxOrderQuote;
    private final Supplier<Holdings> holdings;
    private final List<OrderIntent> intents = new ArrayList<>();
    private BotPosition position = BotPosition.NONE;
    private BigDecimal close;
    private boolean cancelLimits;
    private Undefined undefined;

    /** All the account's quote and base of the bot's symbol (free and reserved). */
    record Holdings(BigDecimal quote, BigDecimal base) {
    }

    /** {@code holdings} is asked only when a percent-sized buy needs the equity. */
    BotSignals(BotSizing sizing, BigDecimal maxOrderQuote, Supplier<Holdings> holdings) {
        this.sizing = sizing;
        this.maxOrderQuote = maxOrderQuote;
        this.holdings = holdings;
    }

    /** Starts a candle: no intents yet, the position as the fills say, the candle's close. */
    void decideOn(BigDecimal close, BotPosition position) {
        intents.clear();
        cancelLimits = false;
        undefined = null;
        this.close = close;
        this.position = position;
    }

    List<OrderIntent> intents() {
        return List.copyOf(intents);
    }

    /** Why the strategy could not decide on this candle; null when it could. */
    Undefined undefinedRule() {
        return undefined;
    }

    /** Whether the strategy asked for its resting limits to be cancelled on this candle. */
    boolean cancelsLimits() {
        return cancelLimits;
    }

    @Override
    public Position position() {
        return this;
    }

    @Override
    public double quantity() {
        return position.flat() ? 0 : position.quantity().doubleValue();
    }

    @Override
    public double averagePrice() {
        return position.flat() || position.averageEntryPrice() == null ? Double.NaN
                : position.averageEntryPrice().doubleValue();
    }

    @Override
    public void buy(double quoteAmount, Exits exits) {
        BigDecimal amount = amount(quoteAmount);
        if (amount == null) {
            return;
        }
        intents.add(OrderIntent.marketQuote(amount, "buy"));
        if (exits != null && !(Double.isNaN(exits.stopLoss()) && Double.isNaN(exits.takeProfit())
                && Double.isNaN(exits.trailingStop()))) {
            intents.add(OrderIntent.protect(fraction(exits.stopLoss()), fraction(exits.takeProfit()),
                    fraction(exits.trailingStop()), "exits of the buy"));
        }
    }

    @Override
    public void sell(double fraction) {
        if (!(fraction > 0) || position.flat()) {
            return;
        }
        if (fraction >= 1) {
            intents.add(OrderIntent.sellAll("sell all"));
            return;
        }
        BigDecimal quantity = position.quantity().multiply(decimal(fraction), MATH);
        intents.add(OrderIntent.market(Side.SELL, quantity, "sell " + fraction));
    }

    @Override
    public void buyLimit(double price, double quoteAmount) {
        BigDecimal amount = amount(quoteAmount);
        if (amount == null || !(price > 0)) {
            return;
        }
        BigDecimal limit = decimal(price);
        intents.add(OrderIntent.limit(Side.BUY, amount.divide(limit, MATH), limit, "limit buy"));
    }

    @Override
    public void sellLimit(double price, double quantity) {
        if (!(price > 0) || !(quantity > 0)) {
            return;
        }
        intents.add(OrderIntent.limit(Side.SELL, decimal(quantity), decimal(price), "limit sell"));
    }

    @Override
    public void cancelLimits() {
        cancelLimits = true;
    }

    @Override
    public void undefined(Undefined why) {
        undefined = why;
    }

    /** The quote amount of a buy: its own, else the bot's sizing; capped; null when nothing is to be spent. */
    private BigDecimal amount(double quoteAmount) {
        BigDecimal amount;
        if (!Double.isNaN(quoteAmount)) {
            if (!(quoteAmount > 0) || Double.isInfinite(quoteAmount)) {
                return null;
            }
            amount = FillModel.quote(quoteAmount);
        }
        else if (sizing.type() == BotSizing.Type.fixed) {
            amount = sizing.value();
        }
        else {
            Holdings held = holdings.get();
            amount = FillModel.percentOfEquity(held.quote(), held.base(), close, sizing.value());
        }
        if (maxOrderQuote != null && amount.compareTo(maxOrderQuote) > 0) {
            amount = maxOrderQuote;
        }
        return amount.signum() > 0 ? amount : null;
    }

    private static BigDecimal fraction(double value) {
        return Double.isNaN(value) ? null : decimal(value);
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value);
    }
}
