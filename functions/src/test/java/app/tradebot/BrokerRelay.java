package app.tradebot;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

/**
 * A relay to the test broker ({@link TestServices#RABBITMQ_URL}) for tests that put something between a client and
 * RabbitMQ: it accepts connections on the server socket it is given and copies bytes both ways. Given a TLS server
 * socket it stands in for a broker's TLS listener (relaying the plain bytes, counting the handshakes it completed);
 * {@link #cut()} resets every relayed connection at once, as the connections of a killed process end.
 */
public final class BrokerRelay implements AutoCloseable {

    private final ServerSocket server;
    private final String host;
    private final int port;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private BrokerRelay(ServerSocket server) {
        URI broker = URI.create(TestServices.RABBITMQ_URL);
        this.server = server;
        this.host = broker.getHost();
        this.port = broker.getPort() < 0 ? 5672 : broker.getPort();
    }

    /** Relays what {@code server} accepts to the broker. */
    public static BrokerRelay start(ServerSocket server) {
        BrokerRelay relay = new BrokerRelay(server);
        relay.threads.execute(relay::accept);
        return relay;
    }

    /** A plain relay on a free loopback port. */
    public static BrokerRelay start() throws IOException {
        return start(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** TLS handshakes completed with clients (none for a plain server socket). */
    public int handshakes() {
        return handshakes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> relay(client));
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try {
            if (client instanceof SSLSocket tls) {
                tls.startHandshake();
                handshakes.incrementAndGet();
            }
            Socket upstream = new Socket(host, port);
            sockets.add(client);
            sockets.add(upstream);
            threads.execute(() -> pump(client, upstream));
            pump(upstream, client);
        }
        catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        }
        catch (IOException ended) {
            // the other side closed, or the relay was cut
        }
        closeQuietly(to);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // closing only
        }
    }

    /** Resets every relayed connection: no protocol close, as when the process at the other end is killed. */
    public void cut() throws IOException {
        // every socket to reset first: a pump that sees its peer gone closes the other side, with a reset too
        for (Socket socket : sockets) {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
        threads.shutdownNow();
    }
}
