package app.tradebot.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback (JDK HttpServer): records every request per path and answers with
 * the status its path is set to; a path set to hang holds the request until {@link #release()}.
 */
final class Receiver implements AutoCloseable {

    record Received(String path, Map<String, List<String>> headers, String body, Instant at) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    static final int HANG = -1;

    private final HttpServer server;
    private final Map<String, IntSupplier> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<Received>> received = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(String path, IntSupplier status) {
        statuses.put(path, status);
    }

    /** Answers this path with this status and body (Telegram's refusals carry a JSON description). */
    void answer(String path, int status, String body) {
        statuses.put(path, () -> status);
        bodies.put(path, body);
    }

    BlockingQueue<Received> at(String path) {
        return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    Received next(String path, Duration patience) throws InterruptedException {
        Received r = at(path).poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("nothing reached " + path + " within " + patience);
        }
        return r;
    }

    void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        at(path).add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
        int status = statuses.getOrDefault(path, () -> 200).getAsInt();
        if (status == HANG) {
            try {
                released.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = 200;
        }
        byte[] answer = bodies.getOrDefault(path, "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
