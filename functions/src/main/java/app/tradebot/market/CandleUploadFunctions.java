package app.tradebot.market;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.NotFound;
import app.tradebot.platform.messaging.Outbox;
import app.tradebot.platform.messaging.QueueConsumers;
import app.tradebot.platform.storage.ObjectStore;
import app.tradebot.platform.storage.PresignedUpload;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Candle files of any size, in AWS where a synchronous request carries at most 6 MB and lasts at
 * most 30 s: {@code createCandleUpload} hands out a presigned URL the file is PUT to (straight to
 * S3), {@code startCandleImport} queues the task once it is there, {@code importCandleUpload} (the
 * task, up to 15 minutes) imports it, and {@code getCandleUpload} shows how it went. The direct
 * route {@code importCandles} stays for files that fit a request, locally and in AWS.
 */
@Configuration(proxyBeanMethods = false)
class CandleUploadFunctions {

    /** How long the upload URL works. */
    static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(15);
    static final String CONTENT_TYPE = "text/csv";

    @Bean
    CandleUploadDao candleUploadDao(Jdbi jdbi) {
        return jdbi.onDemand(CandleUploadDao.class);
    }

    @Bean
    ApiFunction createCandleUpload(ApiFunctions http, CandleUploadDao uploads, ObjectStore store, ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfUnique(Clock::systemUTC);
        return http.of(CandleUploadRequest.class, CandleUploadView.class, 201, (body, request) -> {
            List<FieldError> errors = new ArrayList<>();
            String symbol = MarketParameters.symbol(body.symbol(), "symbol", errors);
            Interval interval = MarketParameters.interval(body.interval(), "interval", errors);
            MarketParameters.throwIfAny(errors);
            UUID id = UUID.randomUUID();
            String key = "candle-uploads/" + request.userId() + "/" + id + ".csv";
            PresignedUpload upload = store.presignUpload(key, CONTENT_TYPE, UPLOAD_VALIDITY);
            CandleUploadRow row = new CandleUploadRow(id, request.userId(), symbol, interval.code(), key,
                    CandleUploadStatus.AWAITING_UPLOAD, null, null, clock.instant(), upload.expiresAt());
            uploads.insert(row.id(), row.userId(), row.symbol(), row.interval(), row.objectKey(), row.status(),
                    row.createdAt(), row.expiresAt());
            return new CandleUploadView(id, symbol, interval.code(), row.status(), upload, null, null, row.createdAt());
        });
    }

    /** Another user's upload is as absent as one that never was; an upload queues once. */
    @Bean
    ApiFunction startCandleImport(ApiFunctions http, Jdbi jdbi, CandleUploadDao uploads, ObjectStore store, Outbox outbox,
            JsonMapper json, ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfUnique(Clock::systemUTC);
        return http.of(Void.class, CandleUploadView.class, 202, (body, request) -> {
            UUID id = request.pathId("id");
            CandleUploadRow upload = uploads.find(id, request.userId()).orElseThrow(() -> new NotFound("No such upload."));
            if (upload.status() != CandleUploadStatus.AWAITING_UPLOAD) {
                throw new Conflict("The upload is " + upload.status() + ": its import was already started.");
            }
            if (store.open(upload.objectKey()).map(CandleUploadFunctions::close).isEmpty()) {
                throw new Conflict("Nothing was uploaded yet: PUT the file to the upload URL first.");
            }
            boolean queued = jdbi.inTransaction(handle -> {
                if (!handle.attach(CandleUploadDao.class).queue(id, request.userId(), clock.instant())) {
                    return false;
                }
                outbox.publish(handle, "importCandleUpload", new CandleUploadTask(id));
                return true;
            });
            if (!queued) {
                throw new Conflict("The upload's import was already started.");
            }
            return view(uploads.find(id).orElseThrow(), json);
        });
    }

    @Bean
    ApiFunction getCandleUpload(ApiFunctions http, CandleUploadDao uploads, JsonMapper json) {
        return http.of(Void.class, CandleUploadView.class, 200, (body, request) -> view(
                uploads.find(request.pathId("id"), request.userId()).orElseThrow(() -> new NotFound("No such upload.")), json));
    }

    @Bean
    Consumer<Message<byte[]>> importCandleUpload(QueueConsumers consumers, CandleUploadDao uploads, Jdbi jdbi,
            ObjectStore store, JsonMapper json, ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfUnique(Clock::systemUTC);
        return consumers.of(CandleUploadTask.class,
                new ImportCandleUpload(uploads, new CandleImports(jdbi, clock), store, json, clock));
    }

    static CandleUploadView view(CandleUploadRow row, JsonMapper json) {
        ImportResult result = row.result() == null ? null : json.readValue(row.result(), ImportResult.class);
        List<FieldError> errors = row.errors() == null ? null
                : json.readValue(row.errors(), new TypeReference<List<FieldError>>() { });
        return new CandleUploadView(row.id(), row.symbol(), row.interval(), row.status(), null, result, errors, row.createdAt());
    }

    private static boolean close(java.io.InputStream in) {
        try {
            in.close();
        }
        catch (java.io.IOException e) {
            // Only its existence was asked.
        }
        return true;
    }
}
