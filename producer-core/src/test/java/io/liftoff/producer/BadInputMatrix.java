package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.liftoff.producer.internal.remoting.FakeServer;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The harness of the bad-input tables ({@link BadMessageInputTests}, {@link BadSendInputTests},
 * {@link BadConfigInputTests}), which list everything a user can get wrong: each case must be
 * rejected with the exception type and a message that says what was wrong and how to fix it, and
 * before the wire. So the producers' only server is a fake name server, which must receive no
 * command and no connection while a case runs.
 */
final class BadInputMatrix implements AutoCloseable {

    static final int MAX_MESSAGE_SIZE = 4096;
    static final String TOPIC = "orders";

    /** One use of the API that must fail. */
    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }

    private final FakeServer nameServer;
    private Producer producer;
    private Producer namespaced;

    private BadInputMatrix(FakeServer nameServer) {
        this.nameServer = nameServer;
    }

    /** Starts the fake name server and a plain and a namespaced producer wired to it. */
    static BadInputMatrix start() throws InterruptedException {
        // answers the producers' one name-server probe: no route for anything
        BadInputMatrix matrix =
                new BadInputMatrix(
                        FakeServer.start(
                                HeaderSerialization.JSON,
                                (channel, command) ->
                                        FakeServer.reply(
                                                channel,
                                                command,
                                                FakeServer.response(17, "no route"))));
        try {
            matrix.producer = Producer.create(matrix.config().build());
            matrix.namespaced =
                    Producer.create(
                            matrix.config().group("tenant-producer").namespace("tenant-a").build());
            // wait for the probe both producers' shared client sends soon after start, so that it
            // cannot land in the middle of a case; refreshes and heartbeats come an hour later
            matrix.nameServer.take();
            return matrix;
        } catch (InterruptedException | RuntimeException e) {
            matrix.close();
            throw e;
        }
    }

    Producer producer() {
        return producer;
    }

    /** A producer with namespace {@code tenant-a}. */
    Producer namespaced() {
        return namespaced;
    }

    /** A valid configuration for a producer of this matrix, to be spoilt by a case. */
    ProducerConfig.Builder config() {
        return ProducerConfig.builder()
                .nameServer(nameServer.address())
                .group("matrix-producer")
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .sendTimeout(Duration.ofSeconds(3))
                .requestTimeout(Duration.ofSeconds(3))
                .routeRefreshInterval(Duration.ofHours(1))
                .heartbeatInterval(Duration.ofHours(1));
    }

    /** Runs a case: {@code attempt} fails as expected and nothing reaches the wire. */
    void assertRejectedBeforeTheWire(
            Class<? extends Throwable> type, String fragment, Attempt attempt) {
        int commands = nameServer.receivedCount();
        int connections = nameServer.acceptedConnections();

        assertThatThrownBy(attempt::run).isExactlyInstanceOf(type).hasMessageContaining(fragment);

        assertThat(nameServer.receivedCount()).as("commands on the wire").isEqualTo(commands);
        assertThat(nameServer.acceptedConnections())
                .as("connections opened")
                .isEqualTo(connections);
    }

    @Override
    public void close() {
        if (namespaced != null) {
            namespaced.close();
        }
        if (producer != null) {
            producer.close();
        }
        nameServer.close();
    }

    static Arguments invalid(String name, String fragment, Attempt attempt) {
        return invalid(InvalidMessageException.class, name, fragment, attempt);
    }

    static Arguments invalid(
            Class<? extends Throwable> type, String name, String fragment, Attempt attempt) {
        return arguments(name, type, fragment, attempt);
    }

    static Arguments nullArgument(String name, String fragment, Attempt attempt) {
        return invalid(NullPointerException.class, name, fragment, attempt);
    }

    static Message.Builder message() {
        return message(TOPIC);
    }

    static Message.Builder message(String topic) {
        return Message.builder(topic).body("payload");
    }

    /** A message one byte over the producers' {@code maxMessageSize}. */
    static Message oversized() {
        return message().body(new byte[MAX_MESSAGE_SIZE + 1]).build();
    }
}
