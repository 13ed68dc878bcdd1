package app.tradebot.strategy.rules;

import java.util.List;

import app.tradebot.strategy.Bar;
import app.tradebot.strategy.Signals;
import app.tradebot.strategy.Strategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The guard every saved strategy passes catches a strategy that reads a later candle, and passes honest ones. */
class LookAheadGuardTest {

    /** Buys when the next candle closes higher: it reads the run's candles ahead of the one it decides on. */
    static Strategy peeking(List<Bar> bars) {
        return new Strategy() {
            private int index;

            @Override
            public void onBar(Bar bar, Signals signals) {
                boolean rises = index + 1 < bars.size() && bars.get(index + 1).close() > bar.close();
                if (signals.position().isFlat() && rises) {
                    signals.enterLong();
                }
                else if (!signals.position().isFlat() && !rises) {
                    signals.exit();
                }
                index++;
            }
        };
    }

    @Test
    void aStrategyThatReadsALaterCandleIsCaught() {
        int cut = LookAheadGuard.firstLookAhead(LookAheadGuardTest::peeking, 400, new int[] { 100, 250 });
        assertThat(cut).isBetween(0, 100);
    }

    @Test
    void theExamplesAndEveryFunctionPass() {
        for (String source : RulesLookAheadTest.EXAMPLES) {
            CompiledRules rules = CompiledRules.compile(source);
            assertThatCode(() -> LookAheadGuard.check(rules)).as(source).doesNotThrowAnyException();
            CompiledRules honest = rules;
            assertThat(LookAheadGuard.firstLookAhead(bars -> honest.create(honest.defaults()), 600,
                    new int[] { 0, 40, 300, 598 })).isEqualTo(-1);
        }
    }

    @Test
    void theSeriesChangesOnlyAfterTheCutAndHasCandlesWithoutARange() {
        List<Bar> base = LookAheadGuard.series(300, -1);
        List<Bar> changed = LookAheadGuard.series(300, 120);
        assertThat(changed.subList(0, 121)).isEqualTo(base.subList(0, 121));
        for (int i = 121; i < 300; i++) {
            assertThat(changed.get(i).close()).isNotEqualTo(base.get(i).close());
        }
        assertThat(base).anyMatch(bar -> bar.high() == bar.low());
    }
}
