package io.liftoff.producer.internal.remoting;

import static io.liftoff.producer.internal.remoting.RemotingClients.assertFailure;
import static io.liftoff.producer.internal.remoting.RemotingClients.newClient;
import static io.liftoff.producer.internal.remoting.RemotingClients.unusedPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection that fails: closed by the server, fed garbage or a frame over the limit, or refused.
 * Each fault fails the requests it concerns with an exception naming the address, leaves nothing
 * pending and releases every buffer; the next request connects again, unless a refused address is
 * still in its back-off.
 */
@ExtendWith(NettyLeakDetection.class)
class RemotingClientConnectionFaultTests {

    private static final Duration WAIT = FakeServer.WAIT;

    private RemotingClient client;

    @BeforeEach
    void setUp() {
        client = newClient(RemotingOptions.builder());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void invokeWhenServerClosesTheConnectionShouldFailPendingAndReconnectNextTime()
            throws Exception {
        FakeServer.Script closeOn310 =
                (channel, request) -> {
                    if (request.code() == 310) {
                        channel.close();
                    } else {
                        FakeServer.reply(channel, request, FakeServer.response(0, null));
                    }
                };
        try (FakeServer server = FakeServer.start(HeaderSerialization.JSON, closeOn310)) {
            CompletableFuture<Command> future =
                    client.invoke(server.address(), Command.request(310, Map.of(), null), WAIT);

            int opaque = server.take().opaque();
            assertFailure(future)
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageStartingWith(
                            "connection to "
                                    + server.address()
                                    + " closed while request (code 310, opaque "
                                    + opaque
                                    + ") was pending");
            assertThat(client.pendingCount()).isZero();

            Command next =
                    client.invoke(server.address(), Command.request(34, Map.of(), null), WAIT)
                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(next.code()).isZero();
            assertThat(server.acceptedConnections()).isEqualTo(2);
        }
    }

    @Test
    void invokeWhenServerSendsGarbageShouldCloseTheConnectionAndFailPending() throws Exception {
        FakeServer.Script badHeaderLength =
                (channel, request) ->
                        channel.writeAndFlush(
                                Unpooled.wrappedBuffer(Frames.hex("00000008 00ffffff 00000000")));
        try (FakeServer server = FakeServer.start(HeaderSerialization.JSON, badHeaderLength)) {
            CompletableFuture<Command> future =
                    client.invoke(server.address(), Command.request(310, Map.of(), null), WAIT);

            assertFailure(future)
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining(server.address())
                    .hasCauseInstanceOf(CorruptedFrameException.class);
            assertThat(client.isConnected(server.address())).isFalse();
        }
    }

    @Test
    void invokeWhenResponseExceedsFrameLimitShouldCloseTheConnectionAndFailPending()
            throws Exception {
        client.close();
        client = newClient(RemotingOptions.builder().maxFrameLength(1024));
        FakeServer.Script hugeAnswer =
                (channel, request) ->
                        FakeServer.reply(
                                channel,
                                request,
                                Command.response(0, null, Map.of(), new byte[4096]));
        try (FakeServer server = FakeServer.start(HeaderSerialization.JSON, hugeAnswer)) {
            CompletableFuture<Command> future =
                    client.invoke(server.address(), Command.request(310, Map.of(), null), WAIT);

            assertFailure(future)
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining(server.address())
                    .hasCauseInstanceOf(TooLongFrameException.class);
        }
    }

    @Test
    void invokeWhenRequestExceedsFrameLimitShouldFailWithoutWritingIt() throws Exception {
        client.close();
        client = newClient(RemotingOptions.builder().maxFrameLength(1024));
        try (FakeServer server = FakeServer.echo()) {
            CompletableFuture<Command> tooLarge =
                    client.invoke(
                            server.address(), Command.request(310, Map.of(), new byte[2000]), WAIT);

            assertFailure(tooLarge)
                    .isInstanceOf(FrameTooLargeException.class)
                    .hasMessageContaining("request code 310")
                    .hasMessageContaining(server.address())
                    .hasMessageContaining("limit of 1024 bytes");
            assertThat(client.pendingCount()).isZero();
            client.invoke(server.address(), Command.request(34, Map.of(), null), WAIT)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(server.take().code()).isEqualTo(34);
        }
    }

    @Test
    void invokeWhenConnectionIsRefusedShouldFailWithConnectExceptionNamingTheAddress()
            throws Exception {
        String address = "127.0.0.1:" + unusedPort();

        CompletableFuture<Command> future =
                client.invoke(address, Command.request(310, Map.of(), null), WAIT);

        assertFailure(future)
                .isInstanceOf(RemotingConnectException.class)
                .hasMessageStartingWith("failed to connect to " + address)
                .hasCauseInstanceOf(IOException.class)
                .satisfies(
                        failure ->
                                assertThat(((RemotingException) failure).address())
                                        .isEqualTo(address));
        assertThat(client.pendingCount()).isZero();
        assertThat(client.isConnected(address)).isFalse();
    }

    @Test
    void invokeWhenAddressJustRefusedShouldFailAtOnceWithoutDialling() throws Exception {
        // a back-off no pause of a loaded machine outlasts (the default's first is 100 ms), so
        // that the second invoke surely comes while it runs
        client.close();
        client =
                newClient(
                        RemotingOptions.builder()
                                .reconnectBackoff(
                                        Backoff.exponential(
                                                Duration.ofMinutes(5), Duration.ofMinutes(5))));
        String address = "127.0.0.1:" + unusedPort();
        CompletableFuture<Command> first =
                client.invoke(address, Command.request(310, Map.of(), null), WAIT);
        Throwable refused =
                catchThrowable(() -> first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).getCause();
        assertThat(refused).isInstanceOf(RemotingConnectException.class);

        CompletableFuture<Command> second =
                client.invoke(address, Command.request(310, Map.of(), null), WAIT);

        // failed before any connect: completed by the time invoke returns
        assertThat(second).isCompletedExceptionally();
        assertFailure(second)
                .isInstanceOf(RemotingConnectException.class)
                .hasMessageContaining("not reconnecting to " + address)
                .hasMessageContaining("after 1 failed connect(s)")
                .hasCause(refused.getCause());
        assertThat(client.pendingCount()).isZero();
    }
}
