package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.liftoff.producer.internal.route.StalledNameServer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sends to a topic whose route has no writable queue fail at once with a {@link NoRouteException}
 * that names the read-only brokers and says how to restore writes, for normal, async and orderly
 * sends alike; the producer asks the name server again rather than falling back to the auto-create
 * template. The name server answers a route as a 5.3.3 one does after {@code wipeWritePerm} of the
 * topic's only broker; no broker is reached.
 */
class ReadOnlyRouteTests {

    private static final String TOPIC = "read-only";
    private static final String READ_ONLY_ROUTE =
            StalledNameServer.route("broker-a", "127.0.0.1:1", 4)
                    .replace("\"perm\":6", "\"perm\":4");

    private final StalledNameServer nameServer = StalledNameServer.start();

    @AfterEach
    void close() {
        nameServer.close();
    }

    @Test
    void sendWhenNoQueueIsWritableShouldSayWhichBrokersAreReadOnlyAndWhatToDo() throws Exception {
        // a template route too: had the producer fallen back to it, its sends would have gone to
        // broker-b (and failed to connect) instead of failing with the route's explanation
        nameServer.answer(
                Map.of(
                        TOPIC,
                        READ_ONLY_ROUTE,
                        "TBW102",
                        StalledNameServer.route("broker-b", "127.0.0.1:2", 8)));
        try (Producer producer =
                Producer.create(
                        ProducerConfig.builder()
                                .nameServer(nameServer.address())
                                .group("read-only-route")
                                .sendTimeout(Duration.ofSeconds(30))
                                .build())) {
            assertThatExceptionOfType(NoRouteException.class)
                    .isThrownBy(() -> producer.send(message(null)))
                    .satisfies(ReadOnlyRouteTests::explainsReadOnly);
            assertThatExceptionOfType(NoRouteException.class)
                    .isThrownBy(() -> producer.send(message("order-1")))
                    .satisfies(ReadOnlyRouteTests::explainsReadOnly);
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> producer.sendAsync(message(null)).get(30, TimeUnit.SECONDS))
                    .havingCause()
                    .isInstanceOfSatisfying(
                            NoRouteException.class, ReadOnlyRouteTests::explainsReadOnly);
            // a send that found no writable queue asked for the route again
            await().atMost(Duration.ofSeconds(30)).until(() -> nameServer.requests(TOPIC) >= 2);
        }
    }

    private static void explainsReadOnly(NoRouteException e) {
        assertThat(e.topic()).isEqualTo(TOPIC);
        assertThat(e.getMessage())
                .contains(
                        "has no writable queue",
                        "[broker-a]",
                        "lack write permission",
                        "addWritePerm");
    }

    private static Message message(String shardingKey) {
        Message.Builder builder = Message.builder(TOPIC).body("x".getBytes(StandardCharsets.UTF_8));
        return shardingKey == null ? builder.build() : builder.shardingKey(shardingKey).build();
    }
}
