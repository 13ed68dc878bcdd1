package app.tradebot.strategy.indicators;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntToDoubleFunction;

import app.tradebot.strategy.RealCandles;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real series in ta4j (DecimalNum, from the files' decimal text; BTC/USD 4 h unless named) and
 * the comparison of a streaming indicator's outputs with ta4j's.
 */
final class Reference {

    /** The bound of issue 5 on the error after warm-up. */
    static final double TOLERANCE = 1e-9;

    static final RealCandles CANDLES = RealCandles.btcUsd4h();

    private static final Map<RealCandles, BarSeries> SERIES = new ConcurrentHashMap<>();

    private Reference() {
    }

    static BarSeries series() {
        return series(CANDLES);
    }

    static BarSeries series(RealCandles candles) {
        return SERIES.computeIfAbsent(candles, Reference::build);
    }

    private static BarSeries build(RealCandles candles) {
        BarSeries built = new BaseBarSeriesBuilder().withNumTypeOf(DecimalNum.class).build();
        // Only the order matters to the indicators; the real interval is not needed.
        Duration period = Duration.ofMinutes(1);
        for (int i = 0; i < candles.size(); i++) {
            ZonedDateTime end = ZonedDateTime.ofInstant(Instant.ofEpochMilli(candles.openTimes()[i]), ZoneOffset.UTC)
                    .plus(period);
            built.addBar(period, end, num(candles, i, 1), num(candles, i, 2), num(candles, i, 3), num(candles, i, 4),
                    num(candles, i, 5));
        }
        return built;
    }

    static ClosePriceIndicator close() {
        return new ClosePriceIndicator(series());
    }

    private static Num num(RealCandles candles, int i, int column) {
        return DecimalNum.valueOf(candles.text(i, column));
    }

    /**
     * Asserts |actual - expected| / max(|expected|, 1) &le; 1e-9 for every candle from
     * {@code warmUp} on: relative, except for values below 1 in magnitude (an oscillator or MACD
     * histogram near zero), where it is absolute. Both NaN counts as equal.
     */
    static void assertMatches(String what, double[] actual, Indicator<Num> expected, int warmUp) {
        assertMatches(what, actual, i -> expected.getValue(i).doubleValue(), warmUp);
    }

    static void assertMatches(String what, double[] actual, IntToDoubleFunction expected, int warmUp) {
        double worst = 0;
        int worstAt = -1;
        int compared = 0;
        for (int i = warmUp; i < actual.length; i++) {
            double e = expected.applyAsDouble(i);
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                assertThat(a).as(what + " at " + i + " is NaN exactly where ta4j's is").isNaN();
                assertThat(e).as(what + " at " + i + " is NaN exactly where ta4j's is").isNaN();
                continue;
            }
            double error = Math.abs(a - e) / Math.max(Math.abs(e), 1);
            if (error > worst) {
                worst = error;
                worstAt = i;
            }
            compared++;
        }
        assertThat(compared).as(what + ": candles compared").isGreaterThan(actual.length - warmUp - 10);
        assertThat(worst).as(what + ": worst error, at candle " + worstAt).isLessThanOrEqualTo(TOLERANCE);
    }

    /** Runs {@code update} over every candle and collects {@code output} after each. */
    static double[] stream(IntConsumerWithOutput step) {
        double[] out = new double[CANDLES.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = step.apply(i);
        }
        return out;
    }

    @FunctionalInterface
    interface IntConsumerWithOutput {
        double apply(int i);
    }
}
