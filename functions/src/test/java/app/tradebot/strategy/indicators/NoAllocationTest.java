package app.tradebot.strategy.indicators;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indicators allocate nothing per candle: a million updates of every one of them allocate no
 * more than a few bytes of measuring noise (not a timing test: it counts bytes).
 */
class NoAllocationTest {

    private static final int UPDATES = 1_000_000;

    private final Sma sma = new Sma(50);
    private final Ema ema = new Ema(26);
    private final Wma wma = new Wma(30);
    private final Rsi rsi = new Rsi(14);
    private final Macd macd = new Macd(12, 26, 9);
    private final BollingerBands bands = new BollingerBands(20, 2);
    private final Atr atr = new Atr(14);
    private final Stochastic stochastic = new Stochastic(14, 3);
    private final Vwap vwap = new Vwap(42);
    private final Donchian donchian = new Donchian(55);
    private double sink;

    @Test
    void aMillionUpdatesOfEveryIndicatorAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        run(UPDATES); // warm up and compile
        long before = threads.getThreadAllocatedBytes(thread);
        run(UPDATES);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated by %d updates of each indicator", UPDATES).isLessThan(4096);
        assertThat(sink).isNotNaN();
    }

    private void run(int updates) {
        double price = 100;
        for (int i = 0; i < updates; i++) {
            // A deterministic wobble, no Random (it would be what allocates).
            price += ((i * 7919) % 13 - 6) * 0.1;
            double high = price + 1 + (i % 3);
            double low = price - 1 - (i % 5);
            sink += sma.update(price) + ema.update(price) + wma.update(price) + rsi.update(price);
            macd.update(price);
            bands.update(price);
            sink += macd.histogram() + bands.upper();
            sink += atr.update(high, low, price);
            stochastic.update(high, low, price);
            sink += stochastic.d();
            sink += vwap.update(high, low, price, 1 + i % 7);
            donchian.update(high, low);
            sink += donchian.middle();
        }
    }
}
