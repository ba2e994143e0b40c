package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a caller sees when a send cannot work: each failure is a clear exception, raised before
 * anything goes on the wire where the input alone is wrong.
 */
class SendFailureIntegrationTests {

    private static EmbeddedRocketMQ noAutoCreate;

    @BeforeAll
    static void startBrokerThatForbidsAutoCreation() {
        noAutoCreate =
                EmbeddedRocketMQ.builder()
                        .autoCreateTopics(false)
                        // smaller than the producer's limit, so the broker is the one to refuse
                        .brokerProperty("maxMessageSize", "65536")
                        .start();
        noAutoCreate.createTopic("small-messages", 1);
    }

    @AfterAll
    static void stop() {
        noAutoCreate.close();
    }

    @AfterEach
    void noThreadIsLeftBehind() {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                Thread.getAllStackTraces().keySet().stream()
                                        .filter(Thread::isAlive)
                                        .noneMatch(t -> t.getName().startsWith("liftoff-")));
    }

    @Test
    void sendWhenTopicHasNoRouteAndBrokerForbidsAutoCreationShouldSaySo() {
        try (Producer producer =
                Producer.create(config(noAutoCreate.nameServerAddress(), "no-route"))) {
            assertThatExceptionOfType(NoRouteException.class)
                    .isThrownBy(
                            () -> producer.send(Message.builder("never-created").body("x").build()))
                    .withMessageContaining("'never-created'")
                    .withMessageContaining("autoCreateTopicEnable")
                    .satisfies(e -> assertThat(e.topic()).isEqualTo("never-created"));
        }
    }

    @Test
    void sendWhenBrokerRefusesTheMessageShouldCarryItsCodeAndRemark() {
        try (Producer producer =
                Producer.create(config(noAutoCreate.nameServerAddress(), "too-large"))) {
            // random bytes: compression must not shrink the body under the broker's limit
            byte[] body = new byte[100_000];
            new Random(1).nextBytes(body);
            Message tooLarge = Message.builder("small-messages").body(body).build();

            assertThatExceptionOfType(BrokerRejectedException.class)
                    .isThrownBy(() -> producer.send(tooLarge))
                    .withMessageContaining("MESSAGE_ILLEGAL")
                    .withMessageContaining(noAutoCreate.brokerAddress())
                    .satisfies(
                            e -> {
                                assertThat(e.responseCode()).isEqualTo(13);
                                assertThat(e.remark()).isNotBlank();
                                assertThat(e.brokerAddress())
                                        .isEqualTo(noAutoCreate.brokerAddress());
                            });
        }
    }

    @Test
    void sendWhenNameServerIsUnreachableShouldNameTheAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + closedPort;
        try (Producer producer = Producer.create(config(address, "unreachable"))) {
            assertThatExceptionOfType(ProducerException.class)
                    .isThrownBy(() -> producer.send(Message.builder("t").body("x").build()))
                    .withMessageContaining(address)
                    .withMessageContaining("no name server answered");
        }
    }

    @Test
    void sendWhenInputIsInvalidShouldFailBeforeAnythingGoesOnTheWire() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            String address = "127.0.0.1:" + listener.socket().getLocalPort();
            ProducerConfig config =
                    config(address, "bad-input").toBuilder().maxMessageSize(16).build();
            try (Producer producer = Producer.create(config)) {
                // create's warm-up asked this name server, which never answers, for its brokers
                try (SocketChannel warmUp = listener.accept()) {
                    assertThat(warmUp).as("the warm-up's connection").isNotNull();
                    warmUp.configureBlocking(false);
                    assertThat(readAvailable(warmUp)).as("the warm-up's request").isPositive();

                    assertThatNullPointerException()
                            .isThrownBy(() -> producer.send(null))
                            .withMessageContaining("message must not be null");
                    assertThatExceptionOfType(InvalidMessageException.class)
                            .isThrownBy(
                                    () ->
                                            producer.send(
                                                    Message.builder("t")
                                                            .body(new byte[17])
                                                            .build()))
                            .withMessageContaining("17")
                            .withMessageContaining("16");

                    assertThat(readAvailable(warmUp)).as("bytes the sends wrote").isZero();
                    assertThat(listener.accept()).as("a connection the sends opened").isNull();
                }
            }
        }
    }

    /** Reads what the peer has written so far, without waiting; returns how many bytes. */
    private static int readAvailable(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int total = 0;
        for (int read = channel.read(buffer); read > 0; read = channel.read(buffer)) {
            total += read;
            buffer.clear();
        }
        return total;
    }

    private static ProducerConfig config(String nameServer, String group) {
        return ProducerConfig.builder()
                .nameServer(nameServer)
                .group(group)
                .sendTimeout(Duration.ofSeconds(5))
                .build();
    }
}
