package io.liftoff.producer.internal.remoting;

import static io.liftoff.producer.internal.remoting.RemotingClients.assertFailure;
import static io.liftoff.producer.internal.remoting.RemotingClients.connect;
import static io.liftoff.producer.internal.remoting.RemotingClients.newClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.liftoff.producer.HeaderSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests from the client and the server's answers: each response reaches the request of its
 * opaque, in any order, or the request times out; oneway requests; arguments the client rejects;
 * and closing a connection or the client, which fails what is pending. Connection faults are in
 * {@link RemotingClientConnectionFaultTests}, requests the server sends in {@link
 * RemotingClientServerRequestTests}. Every path must also release its buffers.
 */
@ExtendWith(NettyLeakDetection.class)
class RemotingClientTests {

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
    void invokeWhenServerRespondsShouldCompleteWithTheResponseToThatOpaque() throws Exception {
        try (FakeServer server = FakeServer.echo()) {
            CompletableFuture<Command> future =
                    client.invoke(
                            server.address(),
                            Command.request(310, Map.of("a", "PG"), new byte[] {0, 1, 2}),
                            WAIT);

            Command response = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Command request = server.take();
            assertThat(request.flags()).isZero();
            assertThat(request.version()).isEqualTo(RemotingOptions.DEFAULT_PROTOCOL_VERSION);
            assertThat(response.isResponse()).isTrue();
            assertThat(response.opaque()).isEqualTo(request.opaque());
            assertThat(response.code()).isZero();
            assertThat(response.extFields()).containsExactly(Map.entry("a", "PG"));
            assertThat(response.body()).containsExactly(0, 1, 2);
            assertThat(client.pendingCount()).isZero();
            assertThat(client.isConnected(server.address())).isTrue();
        }
    }

    @Test
    void invokeWhenServerAnswersJsonToBinaryRequestShouldDecodeTheResponse() throws Exception {
        try (FakeServer server = FakeServer.echo()) {
            Command response =
                    client.invoke(
                                    server.address(),
                                    Command.request(34, Map.of("k", "v"), null),
                                    WAIT)
                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(server.take().serialization()).isEqualTo(HeaderSerialization.ROCKETMQ);
            assertThat(response.serialization()).isEqualTo(HeaderSerialization.JSON);
            assertThat(response.extFields()).containsExactly(Map.entry("k", "v"));
        }
    }

    @Test
    void invokeWhenResponsesArriveInReverseOrderShouldMatchEachByOpaque() throws Exception {
        AtomicReference<Command> held = new AtomicReference<>();
        FakeServer.Script answerBothInReverse =
                (channel, request) -> {
                    if (held.compareAndSet(null, request)) {
                        return;
                    }
                    for (Command each : List.of(request, held.get())) {
                        FakeServer.reply(
                                channel, each, FakeServer.response(0, "answer to " + each.code()));
                    }
                };
        try (FakeServer server = FakeServer.start(HeaderSerialization.JSON, answerBothInReverse)) {
            CompletableFuture<Command> first =
                    client.invoke(server.address(), Command.request(1, Map.of(), null), WAIT);
            CompletableFuture<Command> second =
                    client.invoke(server.address(), Command.request(2, Map.of(), null), WAIT);

            assertThat(first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).remark())
                    .isEqualTo("answer to 1");
            assertThat(second.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).remark())
                    .isEqualTo("answer to 2");
            assertThat(client.pendingCount()).isZero();
        }
    }

    @Test
    void invokeWhenNoResponseArrivesShouldTimeOutAndRemoveThePendingEntry() throws Exception {
        try (FakeServer server =
                FakeServer.start(HeaderSerialization.JSON, (channel, request) -> {})) {
            // connected first: the 100 ms include connecting, which a loaded machine may not
            // finish in time, and the connection must be there to be kept
            connect(client, server);
            Duration timeout = Duration.ofMillis(100);

            CompletableFuture<Command> future =
                    client.invoke(server.address(), Command.request(310, Map.of(), null), timeout);

            assertFailure(future)
                    .isInstanceOf(RemotingTimeoutException.class)
                    .hasMessage(
                            "request code 310 to " + server.address() + " timed out after 100 ms")
                    .satisfies(
                            failure -> {
                                RemotingTimeoutException timedOut =
                                        (RemotingTimeoutException) failure;
                                assertThat(timedOut.timeout()).isEqualTo(timeout);
                                assertThat(timedOut.address()).isEqualTo(server.address());
                            });
            assertThat(client.pendingCount()).isZero();
            assertThat(client.isConnected(server.address())).isTrue();
        }
    }

    @Test
    void invokeWhenResponseHasUnknownOpaqueShouldDropItAndKeepWaiting() throws Exception {
        FakeServer.Script strayThenReal =
                (channel, request) -> {
                    Command stray =
                            FakeServer.response(0, "stray")
                                    .stamped(request.opaque() + 1000, 479, Command.FLAG_RESPONSE);
                    channel.writeAndFlush(stray);
                    FakeServer.reply(channel, request, FakeServer.response(0, "real"));
                };
        try (FakeServer server = FakeServer.start(HeaderSerialization.ROCKETMQ, strayThenReal)) {
            CompletableFuture<Command> future =
                    client.invoke(server.address(), Command.request(310, Map.of(), null), WAIT);

            assertThat(future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).remark())
                    .isEqualTo("real");
            assertThat(client.pendingCount()).isZero();
            assertThat(client.isConnected(server.address())).isTrue();
        }
    }

    @Test
    void invokeWhenCalledConcurrentlyForANewAddressShouldShareOneConnection() throws Exception {
        try (FakeServer server = FakeServer.echo()) {
            int callers = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(callers);
            try {
                List<CompletableFuture<CompletableFuture<Command>>> calls = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    int code = 100 + i;
                    calls.add(
                            CompletableFuture.supplyAsync(
                                    () -> {
                                        awaitQuietly(start);
                                        return client.invoke(
                                                server.address(),
                                                Command.request(code, Map.of(), null),
                                                WAIT);
                                    },
                                    threads));
                }
                start.countDown();
                for (CompletableFuture<CompletableFuture<Command>> call : calls) {
                    assertThat(call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                            .succeedsWithin(WAIT);
                }
                assertThat(server.acceptedConnections()).isEqualTo(1);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void invokeOnewayShouldSendTheOnewayFlagAndCompleteOnceWritten() throws Exception {
        try (FakeServer server = FakeServer.echo()) {
            client.invokeOneway(server.address(), Command.request(37, Map.of("x", "1"), null))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            Command received = server.take();
            assertThat(received.isOneway()).isTrue();
            assertThat(received.isResponse()).isFalse();
            assertThat(received.extFields()).containsExactly(Map.entry("x", "1"));
            assertThat(client.pendingCount()).isZero();
        }
    }

    @Test
    void closeConnectionShouldFailPendingRequestsAndDisconnect() throws Exception {
        try (FakeServer server =
                FakeServer.start(HeaderSerialization.JSON, (channel, request) -> {})) {
            CompletableFuture<Command> future =
                    client.invoke(server.address(), Command.request(310, Map.of(), null), WAIT);
            server.take();

            client.closeConnection(server.address());

            assertFailure(future)
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining(server.address());
            assertThat(client.isConnected(server.address())).isFalse();
        }
    }

    @Test
    void closeShouldFailPendingRequestsAndBeIdempotent() throws Exception {
        try (FakeServer server =
                FakeServer.start(HeaderSerialization.JSON, (channel, request) -> {})) {
            CompletableFuture<Command> future =
                    client.invoke(server.address(), Command.request(310, Map.of(), null), WAIT);
            int opaque = server.take().opaque();

            client.close();

            assertFailure(future)
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessage(
                            "RemotingClient closed while request (code 310, opaque "
                                    + opaque
                                    + ") to "
                                    + server.address()
                                    + " was pending");
            assertThat(client.pendingCount()).isZero();
            assertThatNoException().isThrownBy(client::close);
            assertFailure(
                            client.invoke(
                                    server.address(), Command.request(34, Map.of(), null), WAIT))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining(server.address());
            assertFailure(
                            client.invokeOneway(
                                    server.address(), Command.request(34, Map.of(), null)))
                    .isInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    void invokeWhenAddressIsMalformedShouldRejectItSayingWhy() {
        Command request = Command.request(310, Map.of(), null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> client.invoke("localhost", request, WAIT))
                .withMessageContaining("'localhost'")
                .withMessageContaining("host:port");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client.invoke("127.0.0.1:99999", request, WAIT))
                .withMessageContaining("between 1 and 65535");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client.invokeOneway("127.0.0.1:port", request))
                .withMessageContaining("not a number");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client.isConnected(null))
                .withMessage("address must not be null");
    }

    @Test
    void invokeWhenArgumentsAreInvalidShouldRejectThem() {
        String address = "127.0.0.1:10911";
        Command request = Command.request(310, Map.of(), null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> client.invoke(address, request, Duration.ZERO))
                .withMessageContaining("timeout must be positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client.invoke(address, null, WAIT))
                .withMessage("request must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client.invoke(address, FakeServer.response(0, null), WAIT))
                .withMessageContaining("not be a response");
        assertThat(client.pendingCount()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to start", e);
        }
    }
}
