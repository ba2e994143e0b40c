package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * What the {@link RemotingClient} tests share: a client under test, a connection the fake server
 * can write to, and the cause a failed request reports.
 */
final class RemotingClients {

    private static final Duration WAIT = FakeServer.WAIT;

    private RemotingClients() {}

    static RemotingClient newClient(RemotingOptions.Builder options) {
        return new RemotingClient(options.threadNamePrefix("test-remoting").build());
    }

    /**
     * Connects {@code client} to {@code server} with a oneway request and returns the server's end
     * of the connection.
     */
    static Channel connect(RemotingClient client, FakeServer server) throws Exception {
        client.invokeOneway(server.address(), Command.request(34, Map.of(), null))
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(server.take().code()).isEqualTo(34);
        return server.takeClient();
    }

    /** Asserts that {@code future} fails and goes on with its cause. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(
            CompletableFuture<?> future) {
        return assertThatThrownBy(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause();
    }

    /** A port on 127.0.0.1 that nothing listens on, for refused connections. */
    static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
