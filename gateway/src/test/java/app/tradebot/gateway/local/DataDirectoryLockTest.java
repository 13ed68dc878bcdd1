package app.tradebot.gateway.local;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryLockTest {

    @TempDir
    Path temp;

    @Test
    void aSecondLauncherOnTheSameDataDirectoryIsRefusedUntilTheFirstLetsGo() {
        Path dataDir = temp.resolve("data");
        DataDirectoryLock first = DataDirectoryLock.acquire(dataDir);

        assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDir))
                .isInstanceOf(EmbeddedInfrastructureException.class)
                .hasMessageContaining("Another TradeBot launcher is using " + dataDir)
                .hasMessageContaining("TRADEBOT_DATA_DIR");

        first.close();
        DataDirectoryLock.acquire(dataDir).close();
    }

    @Test
    void otherDataDirectoriesAreIndependent() {
        try (DataDirectoryLock one = DataDirectoryLock.acquire(temp.resolve("one"));
                DataDirectoryLock two = DataDirectoryLock.acquire(temp.resolve("two"))) {
            assertThat(temp.resolve("one/.lock")).exists();
            assertThat(temp.resolve("two/.lock")).exists();
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedSaysSo() throws Exception {
        Path file = Files.writeString(temp.resolve("plain-file"), "x");

        assertThatThrownBy(() -> DataDirectoryLock.acquire(file.resolve("data")))
                .isInstanceOf(EmbeddedInfrastructureException.class)
                .hasMessageContaining("Cannot use data directory");
    }
}
