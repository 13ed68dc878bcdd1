package app.tradebot.strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Signals for tests: records every intent with the index of the candle it was emitted on, and keeps
 * a simple position so that position-dependent strategies behave as in a run. Market intents fill at
 * the next candle's open; limit orders placed on a candle rest from the next one and fill at their
 * price when the candle's range touches it; exits (stop-loss, take-profit, trailing) are not
 * simulated. Call {@link #next(Bar)} before showing each candle to the strategy.
 */
public final class RecordingSignals implements Signals {

    /** One intent: {@code kind} is buy, sell, buyLimit, sellLimit or cancelLimits. */
    public record Intent(int index, String kind, double a, double b, Exits exits) {
    }

    /** A candle the strategy could not decide on, and why. */
    public record Unclear(int index, Undefined why) {
    }

    private final List<Intent> intents = new ArrayList<>();
    private final List<Unclear> unclear = new ArrayList<>();
    private final List<Intent> pendingMarket = new ArrayList<>();
    private final List<Intent> restingLimits = new ArrayList<>();
    private final List<Intent> placedLimits = new ArrayList<>();
    private int index = -1;
    private double quantity;
    private double cost;

    private final Position position = new Position() {
        @Override
        public double quantity() {
            return quantity;
        }

        @Override
        public double averagePrice() {
            return quantity > 0 ? cost / quantity : Double.NaN;
        }
    };

    /** Fills what the previous candles asked for against {@code bar}, then makes it the current candle. */
    public void next(Bar bar) {
        index++;
        for (Intent intent : pendingMarket) {
            if (intent.kind().equals("buy")) {
                double amount = Double.isNaN(intent.a()) ? 1000 : intent.a();
                quantity += amount / bar.open();
                cost += amount;
            }
            else {
                double sold = quantity * intent.a();
                cost -= cost * intent.a();
                quantity -= sold;
            }
        }
        pendingMarket.clear();
        restingLimits.addAll(placedLimits);
        placedLimits.clear();
        restingLimits.removeIf(order -> {
            if (order.kind().equals("buyLimit") && bar.low() <= order.a()) {
                double amount = Double.isNaN(order.b()) ? 1000 : order.b();
                quantity += amount / order.a();
                cost += amount;
                return true;
            }
            if (order.kind().equals("sellLimit") && bar.high() >= order.a() && quantity > 0) {
                double sold = Math.min(order.b(), quantity);
                cost -= cost * sold / quantity;
                quantity -= sold;
                return true;
            }
            return false;
        });
    }

    /** Runs {@code strategy} over every candle. */
    public static RecordingSignals run(Strategy strategy, List<? extends Bar> bars) {
        RecordingSignals signals = new RecordingSignals();
        for (Bar bar : bars) {
            signals.next(bar);
            strategy.onBar(bar, signals);
        }
        return signals;
    }

    public List<Intent> intents() {
        return intents;
    }

    /** The candles where the deciding rule was undefined, with the strategy's explanation. */
    public List<Unclear> unclear() {
        return unclear;
    }

    /** The candle indices of intents of one kind. */
    public List<Integer> indices(String kind) {
        return intents.stream().filter(i -> i.kind().equals(kind)).map(Intent::index).toList();
    }

    @Override
    public Position position() {
        return position;
    }

    @Override
    public void buy(double quoteAmount, Exits exits) {
        record(new Intent(index, "buy", quoteAmount, Double.NaN, exits), pendingMarket);
    }

    @Override
    public void sell(double fraction) {
        record(new Intent(index, "sell", fraction, Double.NaN, null), pendingMarket);
    }

    @Override
    public void buyLimit(double price, double quoteAmount) {
        record(new Intent(index, "buyLimit", price, quoteAmount, null), placedLimits);
    }

    @Override
    public void sellLimit(double price, double quantity) {
        record(new Intent(index, "sellLimit", price, quantity, null), placedLimits);
    }

    @Override
    public void cancelLimits() {
        intents.add(new Intent(index, "cancelLimits", Double.NaN, Double.NaN, null));
        restingLimits.clear();
        placedLimits.clear();
    }

    @Override
    public void undefined(Undefined why) {
        unclear.add(new Unclear(index, why));
    }

    private void record(Intent intent, List<Intent> queue) {
        intents.add(intent);
        queue.add(intent);
    }
}
