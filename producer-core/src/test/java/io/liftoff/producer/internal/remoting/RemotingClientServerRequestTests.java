package io.liftoff.producer.internal.remoting;

import static io.liftoff.producer.internal.remoting.RemotingClients.connect;
import static io.liftoff.producer.internal.remoting.RemotingClients.newClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests the server sends the client over the client's own connection, as a broker's transaction
 * check-backs: a registered handler answers them off the event loop, and the client answers on its
 * own when there is no handler, the handler fails or its executor refuses; oneway requests are
 * never answered.
 */
@ExtendWith(NettyLeakDetection.class)
class RemotingClientServerRequestTests {

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
            Channel connection = connect(client, server);

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
            Channel connection = connect(client, server);

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
            Channel connection = connect(client, server);

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
            Channel connection = connect(client, server);

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
            Channel connection = connect(client, server);

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
}
