package app.tradebot.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Imports a candle file too large for HTTP, with the same rules as {@code POST /api/market/candles/import}
 * and in one transaction, streaming it through COPY: memory does not grow with the file. The candles
 * become the imports of the user signed up with {@code --user}'s email, as if they had uploaded them. The
 * database is DATABASE_URL's (already migrated by the application). Usage:
 * <pre>
 * DATABASE_URL=postgresql://user:password@host:5432/tradebot \
 *   java -cp functions/target/tradebot-functions-aws.jar app.tradebot.market.ImportCandlesCommand \
 *   --user alice@example.com --symbol BTCUSDT --interval 4h candles.csv
 * </pre>
 * Exit status 0 when imported, 1 when the file has bad rows (listed on stderr, nothing imported),
 * 2 for a wrong command line (an unknown user among them).
 */
public final class ImportCandlesCommand {

    private ImportCandlesCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv("DATABASE_URL"), System.out, System.err));
    }

    static int run(String[] args, String databaseUrl, PrintStream out, PrintStream err) {
        String userArg = null;
        String symbolArg = null;
        String intervalArg = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--user" -> userArg = i + 1 < args.length ? args[++i] : null;
                case "--symbol" -> symbolArg = i + 1 < args.length ? args[++i] : null;
                case "--interval" -> intervalArg = i + 1 < args.length ? args[++i] : null;
                default -> file = args[i].startsWith("--") ? null : Path.of(args[i]);
            }
        }
        List<FieldError> errors = new ArrayList<>();
        String symbol = MarketParameters.symbol(symbolArg, "--symbol", errors);
        Interval interval = MarketParameters.interval(intervalArg, "--interval", errors);
        if (userArg == null || userArg.isBlank()) {
            errors.add(new FieldError("--user", "is required: the email of the user whose imports the candles become"));
        }
        if (file == null || !Files.isReadable(file)) {
            errors.add(new FieldError("FILE", file == null ? "is required" : "cannot be read: " + file));
        }
        if (databaseUrl == null || databaseUrl.isBlank()) {
            errors.add(new FieldError("DATABASE_URL", "is not set"));
        }
        Jdbi jdbi = errors.isEmpty() ? jdbi(databaseUrl) : null;
        UUID userId = null;
        if (jdbi != null) {
            String email = userArg.strip().toLowerCase(Locale.ROOT); // as emails are stored
            userId = jdbi.withHandle(handle -> handle.createQuery("select id from users where email = :email")
                    .bind("email", email).mapTo(UUID.class).findOne()).orElse(null);
            if (userId == null) {
                errors.add(new FieldError("--user", "no user has signed up with " + userArg.strip()));
            }
        }
        if (!errors.isEmpty()) {
            errors.forEach(e -> err.println(e.field() + " " + e.message()));
            err.println("usage: ImportCandlesCommand --user EMAIL --symbol SYMBOL --interval INTERVAL FILE"
                    + " (DATABASE_URL in the environment)");
            return 2;
        }
        CandleImports imports = new CandleImports(jdbi, Clock.systemUTC());
        long started = System.nanoTime();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ImportResult result = imports.importCsv(userId, symbol, interval, reader);
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("symbol=%s interval=%s rows=%d imported=%d alreadyStored=%d supersededByExchange=%d first=%s"
                    + " last=%s seconds=%.2f rowsPerSecond=%.0f%n",
                    result.symbol(), result.interval(), result.rows(), result.imported(), result.alreadyStored(),
                    result.supersededByExchange(), result.first(), result.last(), seconds, result.rows() / seconds);
            return 0;
        }
        catch (Invalid e) {
            err.println(e.detail());
            e.errors().forEach(error -> err.println(error.field() + ": " + error.message()));
            return 1;
        }
        catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
    }

    /** {@code postgresql://user:password@host:port/db}, {@code postgres://…} or a {@code jdbc:postgresql:} URL. */
    static Jdbi jdbi(String databaseUrl) {
        String url = databaseUrl.trim();
        Properties properties = new Properties();
        if (!url.startsWith("jdbc:")) {
            URI uri = URI.create(url);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                properties.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) {
                    properties.setProperty("password", decode(userInfo.substring(colon + 1)));
                }
            }
            url = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
                    + (uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        return Jdbi.create(url, properties).installPlugin(new PostgresPlugin()).installPlugin(new SqlObjectPlugin());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
