package app.tradebot.market;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A candle file through the upload path, with the object store a directory: presign, PUT (here:
 * write the file where the URL points), start, the task imports, the outcome is shown. The same
 * rules as the direct route: bad rows refuse the file, nothing stored.
 */
@TestPropertySource(properties = "tradebot.uploads.directory=target/candle-uploads-it")
class CandleUploadsIT extends MarketFunctionsSupport {

    @Autowired @Qualifier("createCandleUpload") ApiFunction createCandleUpload;
    @Autowired @Qualifier("startCandleImport") ApiFunction startCandleImport;
    @Autowired @Qualifier("getCandleUpload") ApiFunction getCandleUpload;
    @Autowired @Qualifier("importCandleUpload") Consumer<Message<byte[]>> importCandleUpload;

    private JsonNode create(String body, UUID user) {
        return ok(createCandleUpload.apply(ApiEvents.post("/api/market/candle-uploads", body).authorizedAs(user).event()), 201);
    }

    private APIGatewayV2HTTPResponse start(String id, UUID user) {
        return startCandleImport.apply(ApiEvents.post("/api/market/candle-uploads/" + id + "/import", "")
                .pathParameter("id", id).authorizedAs(user).event());
    }

    private APIGatewayV2HTTPResponse status(String id, UUID user) {
        return getCandleUpload.apply(ApiEvents.get("/api/market/candle-uploads/" + id).pathParameter("id", id)
                .authorizedAs(user).event());
    }

    private void runTask(String id) {
        importCandleUpload.accept(MessageBuilder.withPayload(("{\"uploadId\":\"" + id + "\"}").getBytes()).build());
    }

    private static void put(JsonNode upload, String csv) throws IOException {
        assertThat(upload.get("method").asString()).isEqualTo("PUT");
        Files.writeString(Path.of(URI.create(upload.get("url").asString())), csv);
    }

    @Test
    void aFileUploadedThenStartedIsImportedByTheTaskAndItsObjectRemoved() throws IOException {
        JsonNode created = create("{\"symbol\": \"btcusdt\", \"interval\": \"4h\"}", alice);
        String id = created.get("id").asString();
        assertThat(created.get("status").asString()).isEqualTo("AWAITING_UPLOAD");
        assertThat(created.get("symbol").asString()).isEqualTo("BTCUSDT");
        assertThat(created.get("upload").get("headers").get("content-type").asString()).isEqualTo("text/csv");
        Path file = Path.of(URI.create(created.get("upload").get("url").asString()));

        assertProblem(start(id, alice), 409);
        put(created.get("upload"), REAL_4H_CSV);
        assertThat(ok(start(id, alice), 202).get("status").asString()).isEqualTo("QUEUED");
        assertProblem(start(id, alice), 409);
        runTask(id);
        // Handed out again by the broker: already imported, nothing more happens.
        runTask(id);

        JsonNode done = ok(status(id, alice), 200);
        assertThat(done.get("status").asString()).isEqualTo("IMPORTED");
        assertThat(done.get("result").get("rows").asLong()).isEqualTo(20_695);
        assertThat(done.get("upload").isNull()).isTrue();
        assertThat(imported(alice, "BTCUSDT", "4h")).as("the uploader's own candles").isEqualTo(20_695);
        assertThat(candles("BTCUSDT", "4h")).as("the exchange's table is not written").isZero();
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileWithBadRowsIsRefusedWithItsErrorsAndStoresNothing() throws IOException {
        JsonNode created = create("{\"symbol\": \"ETHUSDT\", \"interval\": \"1h\"}", alice);
        String id = created.get("id").asString();
        put(created.get("upload"), "open_time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\nnot,a,row\n");
        ok(start(id, alice), 202);

        runTask(id);

        JsonNode failed = ok(status(id, alice), 200);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("errors").size()).isPositive();
        assertThat(imported(alice, "ETHUSDT", "1h")).as("nothing of the file is among the uploader's imports").isZero();
        assertThat(candles("ETHUSDT", "1h")).isZero();
    }

    @Test
    void anotherUsersUploadIsAbsentAndBadInputIsRefusedNamingTheField() {
        String id = create("{\"symbol\": \"BTCUSDT\", \"interval\": \"4h\"}", alice).get("id").asString();

        assertProblem(status(id, bob), 404);
        assertProblem(start(id, bob), 404);
        assertThat(errors(assertProblem(createCandleUpload.apply(ApiEvents.post("/api/market/candle-uploads",
                "{\"symbol\": \"BTCUSDT\", \"interval\": \"2d\"}").authorizedAs(alice).event()), 400))).anyMatch(e -> e.startsWith("interval"));
        assertProblem(createCandleUpload.apply(ApiEvents.post("/api/market/candle-uploads", "{\"symbol\": ")
                .authorizedAs(alice).event()), 400);
        assertThat(jdbc.queryForObject("select count(*) from candle_uploads", Long.class)).isEqualTo(1);
    }
}
