package app.tradebot.gateway.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting the extracted redis-server while a write handle to it is still open somewhere (ETXTBSY). */
class EmbeddedRedisServiceTest {

    @Test
    void aBinaryStillOpenForWritingIsStartedOnceItIsClosed(@TempDir Path dir) throws Exception {
        Path binary = executable(dir.resolve("server"));
        OutputStream writer = Files.newOutputStream(binary, StandardOpenOption.APPEND);
        // as the embedded PostgreSQL's forked child holds it for a moment
        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(300);
                writer.close();
            }
            catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });

        Process process = EmbeddedRedisService.startWhenNotBusy(new ProcessBuilder(binary.toString()));

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aBinaryThatStaysBusyFailsWithTheSystemsReason(@TempDir Path dir) throws Exception {
        Path binary = executable(dir.resolve("server"));
        try (OutputStream writer = Files.newOutputStream(binary, StandardOpenOption.APPEND)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> EmbeddedRedisService.startWhenNotBusy(new ProcessBuilder(binary.toString())))
                    .isInstanceOf(IOException.class).hasMessageContaining("error=26");
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(EmbeddedRedisService.BUSY_WAIT_MS * 1_000_000L);
        }
    }

    @Test
    void anyOtherFailureIsNotTriedAgain(@TempDir Path dir) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> EmbeddedRedisService.startWhenNotBusy(new ProcessBuilder(dir.resolve("absent").toString())))
                .isInstanceOf(IOException.class).hasMessageNotContaining("error=26");
        assertThat(System.nanoTime() - started).isLessThan(EmbeddedRedisService.BUSY_WAIT_MS * 1_000_000L);
    }

    private static Path executable(Path path) throws IOException {
        Files.writeString(path, "#!/bin/sh\nexit 0\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }
}
