package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// every fault path here must also release its buffers
@ExtendWith(NettyLeakDetection.class)
class RemotingClientTests {

    private static final Duration WAIT = FakeServer.WAIT;

    private RemotingClient client;
    private ExecutorService handlerExecutor;
    private final AtomicReference<String> handlerThread = new AtomicReference<>();

    @BeforeEach
    void setUp() {
        client = newClient(RemotingOptions.builder());
        handlerExecutor =
                Executors.newSingleThreadExecutor(task -> new Thread(task, "test-handler"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        client.close();
        handlerExecutor.shutdownNow();
        assertThat(handlerExecutor.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();
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
            connect(server);
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
    void serverRequestWhenHandlerIsRegisteredShouldRunOffTheEventLoopAndSendItsResponse()
            throws Exception {
        AtomicReference<String> remote = new AtomicReference<>();
        client.registerHandler(
                326,
                (request, remoteAddress) -> {
                    handlerThread.set(Thread.currentThread().getName());
                    remote.set(remoteAddress);
                    return Command.response(0, null, Map.of("echo", request.extField("x")), null);
                },
                handlerExecutor);
        try (FakeServer server = FakeServer.echo()) {
            Channel connection = connect(server);

            connection.writeAndFlush(
                    Command.request(326, Map.of("x", "y"), null).stamped(99, 479, 0));

            Command answer = server.take();
            assertThat(answer.isResponse()).isTrue();
            assertThat(answer.opaque()).isEqualTo(99);
            assertThat(answer.code()).isZero();
            assertThat(answer.version()).isEqualTo(RemotingOptions.DEFAULT_PROTOCOL_VERSION);
            assertThat(answer.extFields()).containsExactly(Map.entry("echo", "y"));
            assertThat(handlerThread.get()).isEqualTo("test-handler");
            assertThat(remote.get()).isEqualTo(server.address());
        }
    }

    @Test
    void serverRequestWhenNoHandlerIsRegisteredShouldAnswerRequestCodeNotSupported()
            throws Exception {
        try (FakeServer server = FakeServer.echo()) {
            Channel connection = connect(server);

            connection.writeAndFlush(Command.request(777, Map.of(), null).stamped(5, 479, 0));

            Command answer = server.take();
            assertThat(answer.isResponse()).isTrue();
            assertThat(answer.opaque()).isEqualTo(5);
            assertThat(answer.code()).isEqualTo(3);
            assertThat(answer.remark()).isEqualTo(" request type 777 not supported");
        }
    }

    @Test
    void serverRequestWhenHandlerThrowsShouldAnswerSystemErrorWithTheMessage() throws Exception {
        client.registerHandler(
                326,
                (request, remoteAddress) -> {
                    throw new IllegalStateException("no such request");
                },
                handlerExecutor);
        try (FakeServer server = FakeServer.echo()) {
            Channel connection = connect(server);

            connection.writeAndFlush(Command.request(326, Map.of(), null).stamped(8, 479, 0));

            Command answer = server.take();
            assertThat(answer.opaque()).isEqualTo(8);
            assertThat(answer.code()).isEqualTo(1);
            assertThat(answer.remark()).isEqualTo("no such request");
        }
    }

    @Test
    void serverRequestWhenExecutorRejectsItShouldAnswerSystemBusy() throws Exception {
        client.registerHandler(
                326,
                (request, remoteAddress) -> FakeServer.response(0, "must not run"),
                task -> {
                    throw new RejectedExecutionException("queue full");
                });
        try (FakeServer server = FakeServer.echo()) {
            Channel connection = connect(server);

            connection.writeAndFlush(Command.request(326, Map.of(), null).stamped(4, 479, 0));

            Command answer = server.take();
            assertThat(answer.opaque()).isEqualTo(4);
            assertThat(answer.code()).isEqualTo(2);
            assertThat(answer.remark()).contains("request code 326 rejected", "queue full");
        }
    }

    @Test
    void serverRequestWhenOnewayShouldNeverBeAnswered() throws Exception {
        CountDownLatch onewayHandled = new CountDownLatch(1);
        client.registerHandler(
                39,
                (request, remoteAddress) -> {
                    onewayHandled.countDown();
                    return FakeServer.response(0, "must not be sent");
                },
                handlerExecutor);
        client.registerHandler(
                40, (request, remoteAddress) -> FakeServer.response(0, "marker"), handlerExecutor);
        try (FakeServer server = FakeServer.echo()) {
            Channel connection = connect(server);

            connection.writeAndFlush(
                    Command.request(39, Map.of(), null).stamped(1, 479, Command.FLAG_ONEWAY));
            connection.writeAndFlush(
                    Command.request(778, Map.of(), null).stamped(2, 479, Command.FLAG_ONEWAY));
            connection.writeAndFlush(Command.request(40, Map.of(), null).stamped(3, 479, 0));

            // Both handlers share one thread, so an answer to 39 would arrive before this one.
            Command first = server.take();
            assertThat(onewayHandled.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(first.opaque()).isEqualTo(3);
            assertThat(first.remark()).isEqualTo("marker");
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

    private Channel connect(FakeServer server) throws Exception {
        client.invokeOneway(server.address(), Command.request(34, Map.of(), null))
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(server.take().code()).isEqualTo(34);
        return server.takeClient();
    }

    private static RemotingClient newClient(RemotingOptions.Builder options) {
        return new RemotingClient(options.threadNamePrefix("test-remoting").build());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(
            CompletableFuture<?> future) {
        return assertThatThrownBy(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
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
