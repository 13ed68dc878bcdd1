package app.tradebot.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The task behind a candle upload: streams the uploaded file from the object store through the
 * same import as {@code POST /api/market/candles/import} (one transaction, COPY, memory flat in the
 * file's size), records the result or the file's bad rows, and deletes the object. A task handed
 * out again (the broker redelivers) finds the upload finished and does nothing; a failure of the
 * database or the store propagates, so the task is retried and, failing, dead-lettered.
 */
class ImportCandleUpload implements Consumer<CandleUploadTask> {

    private static final Logger log = LoggerFactory.getLogger(ImportCandleUpload.class);

    private final CandleUploadDao uploads;
    private final CandleImports imports;
    private final ObjectStore store;
    private final JsonMapper json;
    private final Clock clock;

    ImportCandleUpload(CandleUploadDao uploads, CandleImports imports, ObjectStore store, JsonMapper json, Clock clock) {
        this.uploads = uploads;
        this.imports = imports;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void accept(CandleUploadTask task) {
        Optional<CandleUploadRow> found = uploads.find(task.uploadId());
        if (found.isEmpty() || found.get().status() != CandleUploadStatus.QUEUED) {
            log.info("Candle upload {} is {}: nothing to import", task.uploadId(),
                    found.map(r -> r.status().name()).orElse("gone"));
            return;
        }
        CandleUploadRow upload = found.get();
        Optional<InputStream> file = store.open(upload.objectKey());
        if (file.isEmpty()) {
            fail(upload, List.of(new FieldError("file", "nothing was uploaded")));
            return;
        }
        try (BufferedReader csv = new BufferedReader(new InputStreamReader(file.get(), StandardCharsets.UTF_8))) {
            // the candles become the uploader's own, as through the import route
            ImportResult result = imports.importCsv(upload.userId(), upload.symbol(), Interval.fromCode(upload.interval()).orElseThrow(), csv);
            uploads.finish(upload.id(), CandleUploadStatus.IMPORTED, json.writeValueAsString(result), null, clock.instant());
            log.info("Candle upload {} imported: {} rows of {} {}", upload.id(), result.rows(), upload.symbol(), upload.interval());
        }
        catch (Invalid e) {
            fail(upload, e.errors().isEmpty() ? List.of(new FieldError("file", e.getMessage())) : e.errors());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Reading candle upload " + upload.id(), e);
        }
        store.delete(upload.objectKey());
    }

    private void fail(CandleUploadRow upload, List<FieldError> errors) {
        uploads.finish(upload.id(), CandleUploadStatus.FAILED, null, json.writeValueAsString(errors), clock.instant());
        log.info("Candle upload {} refused: {} error(s)", upload.id(), errors.size());
    }
}
