package app.tradebot.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressWriterTest {

    @Test
    void writesAtMostTwiceASecondAndStopsWhenTheJobIsNoLongerRunning() {
        AtomicLong clock = new AtomicLong(0);
        List<Integer> written = new ArrayList<>();
        boolean[] running = { true };
        ProgressWriter writer = new ProgressWriter(percent -> {
            written.add(percent);
            return running[0];
        }, clock::get);

        assertThat(writer.keepGoing(10, 100)).isTrue();
        clock.set(ProgressWriter.PERIOD_NANOS - 1);
        assertThat(writer.keepGoing(20, 100)).isTrue();
        assertThat(written).isEmpty();
        clock.set(ProgressWriter.PERIOD_NANOS);
        assertThat(writer.keepGoing(25, 100)).isTrue();
        clock.addAndGet(ProgressWriter.PERIOD_NANOS);
        assertThat(writer.keepGoing(100, 100)).isTrue();
        running[0] = false;
        clock.addAndGet(ProgressWriter.PERIOD_NANOS);
        assertThat(writer.keepGoing(50, 100)).isFalse();

        // 100 comes with the result only
        assertThat(written).containsExactly(25, 99, 50);
    }

    @Test
    void aLongRunWritesItsProgressAsItGoes() {
        AtomicLong clock = new AtomicLong();
        List<Integer> written = new ArrayList<>();
        ProgressWriter writer = new ProgressWriter(percent -> written.add(percent), clock::get);
        var candles = BtcCandles.repeated(BacktestEngine.CONTROL_EVERY * 4);

        // each time the engine asks, a second has passed
        new BacktestEngine(candles, new EngineSettings(1000, 0, 0, 0, true, 100)).run(new Scripted(), 0, candles.size(),
                (done, total) -> {
                    clock.addAndGet(1_000_000_000L);
                    return writer.keepGoing(done, total);
                });

        assertThat(written).containsExactly(25, 50, 75, 99);
    }
}
