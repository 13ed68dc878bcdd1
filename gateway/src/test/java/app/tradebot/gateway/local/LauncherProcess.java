package app.tradebot.gateway.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/tradebot.jar} as a child process, exactly as a user starts it after the
 * build, its output in a file. The inherited environment loses every variable that would point
 * the launcher at a server or change its ports, so each test says what it wants.
 */
final class LauncherProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "tradebot.jar");

    /** Generous: a guard against a hung start on a loaded machine, not a timing assertion. */
    private static final Duration START_LIMIT = Duration.ofMinutes(6);
    private static final Duration STOP_LIMIT = Duration.ofMinutes(2);
    private static final List<String> CLEARED = List.of("DATABASE_URL", "REDIS_URL", "RABBITMQ_URL", "PORT",
            "TRADEBOT_ROLES", "TRADEBOT_DATA_DIR", "MANAGEMENT_SERVER_PORT", "SERVER_PORT", "SECRET_KEY", "FERNET_KEY", "FERNET_KEYS",
            "ENVIRONMENT");

    private final Process process;
    private final Path log;

    private LauncherProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LauncherProcess start(Map<String, String> environment, Path log) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the gateway module's package phase first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        CLEARED.forEach(env::remove);
        env.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("TRADEBOT_EMBEDDED_"));
        env.putAll(environment);
        return new LauncherProcess(builder.start(), log);
    }

    /** Waits for Spring Boot's "Started TradeBotLauncher" line; fails with the log if the process dies first. */
    LauncherProcess awaitStarted() throws IOException, InterruptedException {
        Instant limit = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(limit)) {
            String output = log();
            if (output.contains("Started TradeBotLauncher")) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("The launcher exited with " + process.exitValue() + " before it started:\n" + output);
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("The launcher did not start within " + START_LIMIT + ":\n" + log());
    }

    /** SIGTERM, as Ctrl-C or `docker stop` would send; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The launcher did not exit within " + STOP_LIMIT + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** For a launcher expected to give up on its own; returns the exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The launcher was expected to exit but still runs after " + START_LIMIT);
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
