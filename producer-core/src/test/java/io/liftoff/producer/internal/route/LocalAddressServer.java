package io.liftoff.producer.internal.route;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP address server on 127.0.0.1 (the JDK's), answering {@code GET /rocketmq/nsaddr} with
 * whatever status and body the test sets.
 */
public final class LocalAddressServer implements AutoCloseable {

    private record Answer(int status, String body) {}

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Answer answer = new Answer(404, "");

    private LocalAddressServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free port; it answers 404 until {@link #answer} is called. */
    public static LocalAddressServer start() {
        try {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LocalAddressServer local = new LocalAddressServer(server);
            server.createContext(
                    "/rocketmq/nsaddr",
                    exchange -> {
                        local.requests.incrementAndGet();
                        Answer now = local.answer;
                        byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(
                                now.status(), body.length == 0 ? -1 : body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    });
            server.start();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every later request get {@code status} and {@code body}. */
    public void answer(int status, String body) {
        answer = new Answer(status, body);
    }

    /** The URL of the list. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rocketmq/nsaddr");
    }

    /** How many requests arrived so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
