package app.tradebot.gateway.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LeftoverProcessTest {

    @TempDir
    Path dir;

    @Test
    void aLeftoverServerNamedInThePidFileIsStopped() throws Exception {
        Process leftover = new ProcessBuilder("sleep", "300").start();
        try {
            Path pidFile = Files.writeString(dir.resolve("server.pid"), leftover.pid() + "\n/some/data\n");

            LeftoverProcess.stop(pidFile, "sleep");

            assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void aPidNowUsedByAnotherProgramIsLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "300").start();
        try {
            Path pidFile = Files.writeString(dir.resolve("postmaster.pid"), other.pid() + "\n");

            LeftoverProcess.stop(pidFile, "postgres");

            assertThat(other.isAlive()).isTrue();
        }
        finally {
            other.destroyForcibly();
        }
    }

    @Test
    void noPidFileOrAGarbledOneIsNothingToStop() throws Exception {
        LeftoverProcess.stop(dir.resolve("missing.pid"), "postgres");
        LeftoverProcess.stop(Files.writeString(dir.resolve("garbled.pid"), "not a pid"), "postgres");
        LeftoverProcess.stop(Files.writeString(dir.resolve("empty.pid"), ""), "postgres");
        LeftoverProcess.stop(Files.writeString(dir.resolve("dead.pid"), "999999999"), "postgres");

        assertThat(dir.resolve("garbled.pid")).exists();
    }
}
