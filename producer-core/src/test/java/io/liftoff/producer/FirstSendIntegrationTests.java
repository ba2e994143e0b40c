package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.internal.route.StalledNameServer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first sends to a topic never wait for its route: with a name server that holds every route
 * request, {@code sendAsync} and {@code sendBatchAsync} return pending futures, the sends share one
 * look-up, and they go out once the name server answers (with the route of a real broker), read
 * back by the official consumer; a look-up that fails fails them. A burst to a new topic is held at
 * its caller all the same, so that it does not enter the broker's send window all at once when the
 * route arrives.
 */
@ExtendWith(EmbeddedRocketMQExtension.class)
class FirstSendIntegrationTests {

    private static final String TOPIC = "first-send";
    private static final String BURST_TOPIC = "first-send-burst";
    // generous: nothing here should wait for a budget to run out
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void createTopic(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        cluster.createTopic(TOPIC, 4);
        cluster.createTopic(BURST_TOPIC, 4);
    }

    @Test
    void sendAsyncShouldReturnBeforeAStalledNameServerAnswersAndSendOnceItDoes() throws Exception {
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        CompletableFuture<List<SendResult>> batch;
        try (StalledNameServer nameServer = StalledNameServer.start();
                Producer producer = Producer.create(config(nameServer, "first-send"))) {
            for (int i = 0; i < 10; i++) {
                sends.add(producer.sendAsync(message("async-" + i)));
            }
            // a timer message checks the broker's version too, without waiting for it
            sends.add(
                    producer.sendAsync(
                            Message.builder(TOPIC)
                                    .body("timer".getBytes(StandardCharsets.UTF_8))
                                    .deliverAfter(Duration.ofSeconds(1))
                                    .build()));
            batch = producer.sendBatchAsync(List.of(message("batch-0"), message("batch-1")));

            // every call returned while the name server still holds the look-up
            nameServer.awaitRequests(TOPIC, 1);
            assertThat(sends).noneMatch(CompletableFuture::isDone);
            assertThat(batch).isNotDone();
            assertThat(nameServer.requests(TOPIC)).as("one look-up, shared").isOne();

            nameServer.answer(
                    Map.of(
                            TOPIC,
                            StalledNameServer.route(
                                    rocketmq.brokerName(), rocketmq.brokerAddress(), 4)));

            Set<String> ids = new HashSet<>();
            for (CompletableFuture<SendResult> send : sends) {
                SendResult result = send.get(SEND_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                ids.add(result.messageId());
            }
            for (SendResult result : batch.get(SEND_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                ids.add(result.messageId());
            }
            assertThat(nameServer.requests(TOPIC)).isOne();

            List<MessageExt> received =
                    OfficialConsumer.readAll(
                            rocketmq.nameServerAddress(), TOPIC, ids.size(), SEND_TIMEOUT);
            assertThat(received)
                    .extracting(MessageExt::getMsgId)
                    .containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void sendAsyncBurstWhileTheRouteIsLookedUpShouldHoldTheCallerBeyondAFew() throws Exception {
        // the producer's backlog lets 64 sends wait before it knows how fast they drain
        int admitted = 65;
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        try (StalledNameServer nameServer = StalledNameServer.start();
                Producer producer =
                        Producer.create(
                                config(nameServer, "first-send-burst").toBuilder()
                                        .backPressureTimeout(Duration.ofMillis(200))
                                        .build())) {
            for (int i = 0; i < admitted; i++) {
                sends.add(producer.sendAsync(message(BURST_TOPIC, "burst-" + i)));
            }
            nameServer.awaitRequests(BURST_TOPIC, 1);

            // held at the caller for backPressureTimeout, then failed without a send
            assertThat(producer.sendAsync(message(BURST_TOPIC, "one too many")))
                    .failsWithin(Duration.ZERO)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(BackPressureException.class)
                    .withMessageContaining(
                            admitted + " sends wait for the first route look-up of their topic")
                    .withMessageContaining("200 ms (backPressureTimeout)");
            assertThat(sends).noneMatch(CompletableFuture::isDone);

            nameServer.answer(
                    Map.of(
                            BURST_TOPIC,
                            StalledNameServer.route(
                                    rocketmq.brokerName(), rocketmq.brokerAddress(), 4)));
            Set<String> ids = new HashSet<>();
            for (CompletableFuture<SendResult> send : sends) {
                ids.add(send.get(SEND_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS).messageId());
            }
            // the caller held back may send once the route is known
            ids.add(producer.send(message(BURST_TOPIC, "after the look-up")).messageId());

            List<MessageExt> received =
                    OfficialConsumer.readAll(
                            rocketmq.nameServerAddress(), BURST_TOPIC, ids.size(), SEND_TIMEOUT);
            assertThat(received)
                    .extracting(MessageExt::getMsgId)
                    .containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void sendAsyncWhenTheLookUpFailsShouldFailTheFuture() throws Exception {
        try (StalledNameServer nameServer = StalledNameServer.start();
                Producer producer = Producer.create(config(nameServer, "first-send-fails"))) {
            CompletableFuture<SendResult> send = producer.sendAsync(message("refused"));
            nameServer.awaitRequests(TOPIC, 1);
            assertThat(send).isNotDone();

            nameServer.refuseHeld();

            assertThat(send)
                    .failsWithin(SEND_TIMEOUT.multipliedBy(2))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(ProducerException.class)
                    .withMessageContaining(nameServer.address());
        }
    }

    private static ProducerConfig config(StalledNameServer nameServer, String group) {
        return ProducerConfig.builder()
                .nameServer(nameServer.address())
                .group(group)
                .sendTimeout(SEND_TIMEOUT)
                .build();
    }

    private static Message message(String body) {
        return message(TOPIC, body);
    }

    private static Message message(String topic, String body) {
        return Message.builder(topic).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }
}
