package app.tradebot.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.http.DecimalStrings;
import app.tradebot.platform.http.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CandleCsvTest {

    static final Path REAL_4H = Path.of("src/test/resources/candles/coinbase-btcusd-4h-20160518-20251028.csv");

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<CandleRow> rows = new ArrayList<>();

    private CandleCsv.Result read(Interval interval, String csv) throws IOException {
        return new CandleCsv(interval, clock).read(new BufferedReader(new StringReader(csv)), rows::add);
    }

    @Test
    void theProjectsShapeWithItsHeaderIsRead() throws IOException {
        CandleCsv.Result result = read(Interval.H4, """
                open_time,open,high,low,close,volume
                1463544000000,456.16,456.81,455.3,456.02,561.88098307
                1463558400000,456.14,456.33,454.79,456.1,446.0329534
                """);

        assertThat(result.valid()).isTrue();
        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.first()).isEqualTo(Instant.parse("2016-05-18T04:00:00Z"));
        assertThat(result.last()).isEqualTo(Instant.parse("2016-05-18T08:00:00Z"));
        assertThat(rows.get(0)).isEqualTo(new CandleRow(Instant.parse("2016-05-18T04:00:00Z"), new BigDecimal("456.16"),
                new BigDecimal("456.81"), new BigDecimal("455.3"), new BigDecimal("456.02"), new BigDecimal("561.88098307")));
    }

    @Test
    void binancesDumpInMillisecondsAndInMicrosecondsIsRead() throws IOException {
        CandleCsv.Result result = read(Interval.M1, """
                1704067200000,42283.58,42298.62,42261.02,42298.61,35.92724,1704067259999,1519032.36,1327,18.2,770000.1,0
                1704067260000000,42298.62,42320.00,42298.61,42320.00,21.5,1704067319999999,909999.1,800,10.1,430000.5,0
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(rows).extracting(CandleRow::openTime)
                .containsExactly(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:01:00Z"));
        assertThat(rows.get(1).close()).isEqualByComparingTo("42320.00");
    }

    @Test
    void theRealFourHourFileIsValidWithItsGaps() throws IOException {
        CandleCsv.Result result;
        try (BufferedReader reader = Files.newBufferedReader(REAL_4H)) {
            result = new CandleCsv(Interval.H4, clock).read(reader, rows::add);
        }

        assertThat(result.errors()).isEmpty();
        assertThat(result.rows()).isEqualTo(20_695);
        assertThat(result.first()).isEqualTo(Instant.ofEpochMilli(1463544000000L));
    }

    @Test
    void everyBadRowIsReportedByLineAndNoRowReachesTheSinkAfterTheFirst() throws IOException {
        CandleCsv.Result result = read(Interval.H4, """
                open_time,open,high,low,close,volume
                1463544000000,456.16,456.81,455.3,456.02,561.8
                1463558400000,abc,456.33,454.79,456.1,446.0
                1463572800000,456.14,456.33,454.79,456.1,-1

                1463587200000,456.14,456.33,454.79,456.1,1
                1463587200000,456.14,456.33,454.79,456.1,1
                1463558400000,456.14,456.33,454.79,456.1,1
                1463601600000,456.14,456.33,454.79
                1463601600001,456.14,456.33,454.79,456.1,1
                1463601600,456.14,456.33,454.79,456.1,1
                1463616000000,456.14,450.00,454.79,456.1,1
                1463630400000,0,456.33,0,456.1,1
                1893456000000,456.14,456.33,454.79,456.1,1
                """);

        assertThat(result.valid()).isFalse();
        assertThat(result.badRows()).isEqualTo(10);
        assertThat(result.errors()).extracting(FieldError::field).containsExactly("line 3", "line 4", "line 7", "line 8",
                "line 9", "line 10", "line 11", "line 12", "line 13", "line 14");
        assertThat(result.errors()).extracting(FieldError::message).containsExactly(
                "open is not a decimal number: 'abc'",
                "volume is not a decimal number: '-1'",
                "repeats the open time of line 6",
                "is out of order: it opens before line 6",
                "has 4 columns; expected 6 (open_time,open,high,low,close,volume) or 12 (Binance klines)",
                "open_time 2016-05-18T20:00:00.001Z does not open a 4h candle",
                "open_time 1463601600 is not an epoch time in milliseconds or microseconds",
                "low must be at most and high at least open and close",
                "open must be greater than zero",
                "open_time 2030-01-01T00:00:00Z opens a candle that has not closed yet");
        assertThat(result.detail()).isEqualTo(
                "10 rows of the CSV are invalid (lines 3, 4, 7, 8, 9, 10, 11, 12, 13, 14); nothing was imported.");
        assertThat(rows).hasSize(1);
    }

    @Test
    void aForeignHeaderMixedShapesAndAnEmptyFileAreBad() throws IOException {
        assertThat(read(Interval.H1, "time,o,h,l,c,v\n1704067200000,1,1,1,1,1\n").errors())
                .containsExactly(new FieldError("line 1", "is not the header open_time,open,high,low,close,volume"
                        + " (Binance's 12-column files have none)"));
        assertThat(read(Interval.H1, "1704067200000,1,1,1,1,1\n1704070800000,1,1,1,1,1,1704074399999,1,1,1,1,0\n").errors())
                .containsExactly(new FieldError("line 2", "has 12 columns where the first row has 6"));
        CandleCsv.Result empty = read(Interval.H1, "open_time,open,high,low,close,volume\n");
        assertThat(empty.errors()).containsExactly(new FieldError("line 1", "the file holds no candle"));
        assertThat(empty.detail()).isEqualTo("1 row of the CSV is invalid (line 1); nothing was imported.");
    }

    @Test
    void weeksOpenOnMondayAndMonthsOnTheFirst() throws IOException {
        assertThat(read(Interval.W1, "1704067200000,1,1,1,1,1\n").valid()).isTrue(); // Monday 2024-01-01
        assertThat(read(Interval.W1, "1704153600000,1,1,1,1,1\n").errors()).hasSize(1); // Tuesday
        assertThat(read(Interval.MONTH, "1706745600000,1,1,1,1,1\n").valid()).isTrue(); // 2024-02-01
        assertThat(read(Interval.MONTH, "1706832000000,1,1,1,1,1\n").errors()).hasSize(1); // 2024-02-02
    }

    @Test
    void onlyTheFirstHundredBadRowsAreListedButAllAreCounted() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            csv.append("x,1,1,1,1,1\n");
        }
        CandleCsv.Result result = read(Interval.H1, "1704067200000,1,1,1,1,1\n" + csv);

        assertThat(result.badRows()).isEqualTo(150);
        assertThat(result.errors()).hasSize(CandleCsv.MAX_REPORTED);
        assertThat(result.detail()).startsWith("150 rows of the CSV are invalid (lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)");
    }

    @Test
    void aMillionDigitCellIsRefusedAtOnce() throws IOException {
        String nines = "9".repeat(1_500_000);

        long started = System.nanoTime();
        CandleCsv.Result result = read(Interval.H4, "1463544000000," + nines + "," + nines + ",1,1,1\n"
                + "1463558400000,1,1,1,1,0." + "1".repeat(19) + "\n");

        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
        assertThat(result.errors()).containsExactly(
                new FieldError("line 1", "open " + DecimalStrings.LIMITS + ": '" + "9".repeat(30) + "…'"),
                new FieldError("line 2", "volume " + DecimalStrings.LIMITS + ": '0." + "1".repeat(19) + "'"));
        assertThat(rows).isEmpty();
    }
}
