package app.tradebot.market;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.tradebot.TestServices;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line importer on a generated million-row file, against the test database. */
class ImportCandlesCommandIT {

    private final JdbcTemplate jdbc = new JdbcTemplate(TestServices.dataSource());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private final UUID user = UUID.randomUUID();

    /** The application's migrations, as a context would run them, when this class runs first. */
    @BeforeAll
    static void migrated() {
        Flyway.configure().dataSource(TestServices.dataSource()).load().migrate();
    }

    @BeforeEach
    void aUser() {
        jdbc.update("delete from users where email = 'importer@example.com'");
        jdbc.update("insert into users (id, email, password_hash) values (?, 'importer@example.com', 'x')", user);
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from users where id = ?", user);
    }

    private long imported(String symbol) {
        return jdbc.queryForObject("select count(*) from imported_candles where user_id = ? and symbol = ?", Long.class, user,
                symbol);
    }

    private int run(String... args) {
        return ImportCandlesCommand.run(args, TestServices.DATABASE_URL, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aMillionRowsImportInOneGo() throws IOException {
        Path file = dir.resolve("million.csv");
        CandleFiles.repeat(CandleCsvTest.REAL_4H, 1_000_000, Instant.parse("2020-01-01T00:00:00Z"), 60_000, file);

        assertThat(run("--user", " Importer@Example.com", "--symbol", "BIGFILE", "--interval", "1m", file.toString()))
                .as(err.toString()).isZero();

        assertThat(out.toString()).startsWith("symbol=BIGFILE interval=1m rows=1000000 imported=1000000 alreadyStored=0"
                + " supersededByExchange=0 first=2020-01-01T00:00:00Z last="
                + Instant.parse("2020-01-01T00:00:00Z").plusSeconds(60L * 999_999));
        // the user's own, as an upload of theirs would be; the exchange's table is untouched
        assertThat(imported("BIGFILE")).isEqualTo(1_000_000);
        assertThat(jdbc.queryForObject("select close::text from imported_candles where user_id = ? and symbol = 'BIGFILE'"
                + " and open_time = '2020-01-01T00:00:00Z'", String.class, user)).isEqualTo("456.02");
        assertThat(jdbc.queryForObject("select count(*) from candles where symbol = 'BIGFILE'", Long.class)).isZero();
    }

    @Test
    void aFileWithABadRowImportsNothingAndExitsOne() throws IOException {
        Path file = dir.resolve("bad.csv");
        CandleFiles.repeat(CandleCsvTest.REAL_4H, 5_000, Instant.parse("2020-01-01T00:00:00Z"), 60_000, file);
        Files.writeString(file, "1500000000000,1,1,1,1,1\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(run("--user", "importer@example.com", "--symbol", "BIGFILE", "--interval", "1m", file.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("1 row of the CSV is invalid (line 5002); nothing was imported.",
                "line 5002: is out of order: it opens before line 5001");
        assertThat(imported("BIGFILE")).isZero();
    }

    @Test
    void aWrongCommandLineExitsTwo() {
        assertThat(run("--symbol", "BTC-USD", "--interval", "4h")).isEqualTo(2);
        assertThat(err.toString()).contains("--user is required", "--symbol must be 2 to 20 letters and digits",
                "FILE is required", "usage:");
    }

    @Test
    void anUnknownUserExitsTwoAndImportsNothing() throws IOException {
        Path file = dir.resolve("small.csv");
        CandleFiles.repeat(CandleCsvTest.REAL_4H, 10, Instant.parse("2020-01-01T00:00:00Z"), 60_000, file);

        assertThat(run("--user", "nobody@example.com", "--symbol", "BIGFILE", "--interval", "1m", file.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("--user no user has signed up with nobody@example.com");
        assertThat(jdbc.queryForObject("select count(*) from imported_candles where symbol = 'BIGFILE'", Long.class)).isZero();
    }
}
