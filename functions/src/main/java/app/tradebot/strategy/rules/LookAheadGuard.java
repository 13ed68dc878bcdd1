package app.tradebot.strategy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import app.tradebot.strategy.Bar;
import app.tradebot.strategy.Exits;
import app.tradebot.strategy.Position;
import app.tradebot.strategy.Signals;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.Undefined;

/**
 * The look-ahead guard every saved strategy passes: run with its defaults over a fixed synthetic series,
 * then over copies whose candles after a cut are changed, its decision on every candle up to the cut must
 * be the same. The language makes a later candle unreadable by construction; this checks the compiler
 * keeps that promise for each strategy, in a few milliseconds.
 */
public final class LookAheadGuard {

    static final int MAX_CANDLES = 12_000;

    private LookAheadGuard() {
    }

    /** Throws {@link RuleException} when the strategy's decisions depend on a later candle. */
    public static void check(CompiledRules rules) {
        Strategy probe = rules.create(rules.defaults());
        int warmUp = Math.max(1, probe.warmUp());
        int candles = Math.min(MAX_CANDLES, warmUp + 300);
        int cut = firstLookAhead(bars -> rules.create(rules.defaults()), candles,
                new int[] { warmUp / 2, warmUp + 10, warmUp + 150 });
        if (cut >= 0) {
            throw new RuleException(1, 1, "the strategy's decision on candle " + cut + " of the look-ahead check changed "
                    + "when later candles did; it would read the future. This is a fault of ours, not of the source: "
                    + "please report it");
        }
    }

    /**
     * The first candle at or before a cut whose decision changed when the candles after the cut did; -1 when
     * none. {@code fresh} makes a new instance for each run and is given that run's candles (a strategy that
     * looked at them would be caught).
     */
    static int firstLookAhead(Function<List<Bar>, Strategy> fresh, int candles, int[] cuts) {
        List<Bar> base = series(candles, -1);
        int[] decided = decisions(fresh.apply(base), base);
        for (int cut : cuts) {
            if (cut < 0 || cut >= candles - 1) {
                continue;
            }
            List<Bar> changed = series(candles, cut);
            int[] again = decisions(fresh.apply(changed), changed);
            for (int i = 0; i <= cut; i++) {
                if (again[i] != decided[i]) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * A seeded random walk with varying volume and, now and then, a candle whose high is its low; after
     * {@code changedAfter} (-1: none) every candle is moved and its volume changed.
     */
    static List<Bar> series(int candles, int changedAfter) {
        Random random = new Random(20_261_206L);
        List<Bar> bars = new ArrayList<>(candles);
        double price = 100;
        for (int i = 0; i < candles; i++) {
            double open = price;
            price = Math.max(1, price * (1 + (random.nextDouble() - 0.5) * 0.04));
            double close = price;
            boolean doji = random.nextInt(40) == 0;
            double high = doji ? close : Math.max(open, close) * (1 + random.nextDouble() * 0.01);
            double low = doji ? close : Math.min(open, close) * (1 - random.nextDouble() * 0.01);
            double volume = 1 + random.nextInt(1_000);
            if (doji) {
                open = close;
            }
            if (changedAfter >= 0 && i > changedAfter) {
                double k = 1.3 + (i % 5) * 0.1;
                bars.add(new Synthetic(i * 60_000L, open * k, high * k, low * k, close * k, volume * 3 + i % 7));
            }
            else {
                bars.add(new Synthetic(i * 60_000L, open, high, low, close, volume));
            }
        }
        return bars;
    }

    /** Per candle: 0 nothing, 1 buy, 2 sell, 3 undefined. A buy or sell flips the position for the next candle. */
    private static int[] decisions(Strategy strategy, List<Bar> bars) {
        Recorder signals = new Recorder();
        int[] decided = new int[bars.size()];
        for (int i = 0; i < bars.size(); i++) {
            signals.decision = 0;
            strategy.onBar(bars.get(i), signals);
            decided[i] = signals.decision;
            if (signals.decision == 1) {
                signals.quantity = 1;
            }
            else if (signals.decision == 2) {
                signals.quantity = 0;
            }
        }
        return decided;
    }

    private record Synthetic(long openTime, double open, double high, double low, double close, double volume)
            implements Bar {
    }

    private static final class Recorder implements Signals, Position {

        int decision;
        double quantity;

        @Override
        public Position position() {
            return this;
        }

        @Override
        public double quantity() {
            return quantity;
        }

        @Override
        public double averagePrice() {
            return quantity > 0 ? 100 : Double.NaN;
        }

        @Override
        public void buy(double quoteAmount, Exits exits) {
            decision = 1;
        }

        @Override
        public void sell(double fraction) {
            decision = 2;
        }

        @Override
        public void buyLimit(double price, double quoteAmount) {
            decision = 1;
        }

        @Override
        public void sellLimit(double price, double quantity) {
            decision = 2;
        }

        @Override
        public void cancelLimits() {
        }

        @Override
        public void undefined(Undefined why) {
            decision = 3;
        }
    }
}
