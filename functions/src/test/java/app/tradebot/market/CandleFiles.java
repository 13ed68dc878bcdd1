package app.tradebot.market;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Candle files larger than the real ones: the real series' prices repeated as often as needed, one
 * row per interval from {@code start} on. (A million 4-hour candles would span 456 years; on a
 * one-minute grid they span two.)
 */
final class CandleFiles {

    private CandleFiles() {
    }

    /** Writes a header and {@code rows} candles with {@code source}'s prices to {@code target}. */
    static void repeat(Path source, long rows, Instant start, long intervalMillis, Path target) throws IOException {
        List<String> prices = Files.readAllLines(source).stream().skip(1).map(line -> line.substring(line.indexOf(','))).toList();
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write("open_time,open,high,low,close,volume\n");
            long time = start.toEpochMilli();
            for (long i = 0; i < rows; i++) {
                out.write(Long.toString(time));
                out.write(prices.get((int) (i % prices.size())));
                out.write('\n');
                time += intervalMillis;
            }
        }
    }
}
