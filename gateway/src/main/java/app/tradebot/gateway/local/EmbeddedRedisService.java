package app.tradebot.gateway.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.Redis;
import redis.embedded.RedisServer;

/**
 * The redis-server binary packaged in codemonstur's embedded-redis, bound to loopback, its
 * snapshot in {@code <data-dir>/redis/dump.rdb}: Redis' default save points plus a save on
 * shutdown, so keys survive a restart of the launcher. The library unpacks the binary and writes
 * the config; the process is ours, because the library's own start registers a JVM shutdown hook
 * that would stop Redis while the context is still closing.
 */
final class EmbeddedRedisService implements EmbeddedService {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisService.class);
    private static final Logger serverLog = LoggerFactory.getLogger("app.tradebot.gateway.local.redis-server");
    private static final long START_WAIT_SECONDS = 60;
    private static final long STOP_WAIT_SECONDS = 30;

    static final long BUSY_WAIT_MS = 2000;

    private final Process process;
    private final int port;
    private final Path dataDir;

    private EmbeddedRedisService(Process process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
    }

    static EmbeddedRedisService start(Path dataRoot, int preferredPort) {
        Path dataDir = dataRoot.resolve("redis");
        try {
            Files.createDirectories(dataDir);
            LeftoverProcess.stop(dataDir.resolve("redis.pid"), "redis-server");
            int port = Ports.preferredOrFree(preferredPort);
            List<String> command = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + quoted(dataDir))
                    .setting("dbfilename dump.rdb")
                    .setting("pidfile " + quoted(dataDir.resolve("redis.pid")))
                    .buildCommandArgs();
            Process process = startWhenNotBusy(new ProcessBuilder(command).redirectErrorStream(true));
            awaitReady(process);
            log.info("Embedded Redis running on 127.0.0.1:{}, data in {}", port, dataDir);
            return new EmbeddedRedisService(process, port, dataDir);
        }
        catch (IOException | RuntimeException e) {
            throw new EmbeddedInfrastructureException("Embedded Redis did not start (data " + dataDir + "): "
                    + e.getMessage() + ". Set REDIS_URL to use a Redis server instead.", e);
        }
    }

    /**
     * Starts a binary just written to disk. While another thread starts a process (the embedded PostgreSQL starts
     * beside Redis), its child holds a copy of every open file for a moment, the binary's write handle too if it is
     * still being written, and running the binary then fails with ETXTBSY ("error=26, Text file busy"). Tried again
     * every 50 ms for up to {@value #BUSY_WAIT_MS} ms.
     */
    static Process startWhenNotBusy(ProcessBuilder builder) throws IOException {
        long deadline = System.nanoTime() + BUSY_WAIT_MS * 1_000_000L;
        while (true) {
            try {
                return builder.start();
            }
            catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("error=26") || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public String name() {
        return "Redis";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("spring.data.redis.url", "redis://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        // SIGTERM: redis-server saves its snapshot, removes its pid file and exits.
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                log.warn("Embedded Redis did not stop within {} s and was killed; its last changes may be lost", STOP_WAIT_SECONDS);
                return;
            }
            log.info("Embedded Redis stopped (data kept in {})", dataDir);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Reads the server's log until it is ready; the same thread then keeps draining it into our debug log. */
    private static void awaitReady(Process process) throws IOException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    serverLog.debug(line);
                    if (!ready.isDone()) {
                        output.append(line).append('\n');
                        if (Redis.SERVER_READY_PATTERN.matcher(line).matches()) {
                            ready.complete(null);
                        }
                    }
                }
            }
            catch (IOException e) {
                // The process is gone; its exit shows below.
            }
            ready.completeExceptionally(new IOException("redis-server exited: " + output.toString().strip()));
        }, "embedded-redis-log");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("redis-server not ready after " + START_WAIT_SECONDS + " s", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while redis-server was starting", e);
        }
        catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
