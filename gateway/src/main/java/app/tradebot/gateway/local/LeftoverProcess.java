package app.tradebot.gateway.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server an earlier launcher left running on the same data directory (the JVM was killed with
 * kill -9, so no shutdown hook ran). A new server would refuse the directory (PostgreSQL) or the
 * old one would overwrite it later (Redis), so it is stopped first.
 */
final class LeftoverProcess {

    private static final Logger log = LoggerFactory.getLogger(LeftoverProcess.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private LeftoverProcess() {
    }

    /**
     * Stops the process named by the first line of {@code pidFile} if it is alive and its executable's
     * name starts with {@code executable} (a pid the system has since reused for something else is left alone).
     */
    static void stop(Path pidFile, String executable) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String firstLine = Files.readString(pidFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        Optional<ProcessHandle> leftover = pid(firstLine)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith(executable)).orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle process = leftover.get();
        log.warn("Stopping {} pid {} left running by an earlier launcher ({})", executable, process.pid(), pidFile);
        process.destroy();
        try {
            process.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new EmbeddedInfrastructureException(executable + " pid " + process.pid() + " (" + pidFile
                    + ") is still running; stop it, then start TradeBot again", e);
        }
    }

    private static Optional<Long> pid(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
