package app.tradebot.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.http.Invalid;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Imports a candle file as one user's own, in one transaction: rows are validated while they stream into
 * a temporary table with COPY, then moved into {@code imported_candles} with one insert. Any bad row rolls
 * everything back and is reported by line. Rows the user already imported (same symbol, interval and open
 * time) are left as they are and counted; rows repeated within the file are bad rows. Rows at open times
 * the exchange's candles hold are stored too, and counted: the user sees the exchange's there.
 */
final class CandleImports {

    /** The largest upload over HTTP: Lambda's 6 MiB synchronous payload; larger files go through the command. */
    static final long MAX_UPLOAD_BYTES = 6L * 1024 * 1024;

    /** COPY data is sent in chunks of about this size. */
    private static final int CHUNK_BYTES = 1 << 16;

    private final Jdbi jdbi;
    private final Clock clock;

    CandleImports(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Throws {@link Invalid} naming the bad lines; then nothing is stored. */
    ImportResult importCsv(UUID userId, String symbol, Interval interval, BufferedReader csv) {
        return jdbi.inTransaction(handle -> {
            try {
                return importInto(handle, userId, symbol, interval, csv);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (SQLException e) {
                throw new IllegalStateException("COPY of candles failed", e);
            }
        });
    }

    private ImportResult importInto(Handle handle, UUID userId, String symbol, Interval interval, BufferedReader csv)
            throws IOException, SQLException {
        handle.execute("""
                create temporary table candle_upload (
                    open_time timestamptz not null, open numeric not null, high numeric not null,
                    low numeric not null, close numeric not null, volume numeric not null
                ) on commit drop
                """);
        CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy candle_upload from stdin");
        CandleCsv.Result result;
        try {
            result = stream(csv, interval, copy);
        }
        finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        if (!result.valid()) {
            throw new Invalid(result.detail(), result.errors());
        }
        return store(handle, userId, symbol, interval, result);
    }

    private CandleCsv.Result stream(BufferedReader csv, Interval interval, CopyIn copy) throws IOException, SQLException {
        StringBuilder chunk = new StringBuilder(CHUNK_BYTES + 256);
        CandleCsv.Result result = new CandleCsv(interval, clock).read(csv, row -> {
            chunk.append(row.openTime()).append('\t')
                    .append(row.open().toPlainString()).append('\t')
                    .append(row.high().toPlainString()).append('\t')
                    .append(row.low().toPlainString()).append('\t')
                    .append(row.close().toPlainString()).append('\t')
                    .append(row.volume().toPlainString()).append('\n');
            if (chunk.length() >= CHUNK_BYTES) {
                write(copy, chunk);
            }
        });
        if (result.valid()) {
            write(copy, chunk);
            copy.endCopy();
        }
        return result;
    }

    private static void write(CopyIn copy, StringBuilder chunk) {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        chunk.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        }
        catch (SQLException e) {
            throw new UncheckedIOException(new IOException("COPY of candles failed", e));
        }
    }

    private static ImportResult store(Handle handle, UUID userId, String symbol, Interval interval,
            CandleCsv.Result result) {
        // an imported symbol's assets come from its name (a paper bot needs its quote)
        ImportedAssets assets = ImportedAssets.of(symbol);
        handle.attach(SymbolDao.class).imported(userId, symbol, assets.base(), assets.quote());
        CandleDao candles = handle.attach(CandleDao.class);
        long imported = candles.importUpload(userId, symbol, interval.code());
        long superseded = candles.supersededUpload(symbol, interval.code());
        return new ImportResult(symbol, interval.code(), result.rows(), imported, result.rows() - imported, superseded,
                result.first(), result.last());
    }
}
