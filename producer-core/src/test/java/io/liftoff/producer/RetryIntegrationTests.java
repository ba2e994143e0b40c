package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real brokers under one NameServer; broker-b is killed while the producers' cached route still
 * lists it, so sends that pick broker-b must be retried on broker-a.
 */
class RetryIntegrationTests {

    private static final String TOPIC = "retry";

    private static EmbeddedRocketMQ clusterA;
    private static EmbeddedRocketMQ brokerB;

    @BeforeAll
    static void start() {
        clusterA = EmbeddedRocketMQ.builder().brokerName("broker-a").start();
        brokerB =
                EmbeddedRocketMQ.builder()
                        .brokerName("broker-b")
                        .joinNameServer(clusterA.nameServerAddress())
                        .start();
        clusterA.createTopic(TOPIC, 2);
        brokerB.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop() {
        brokerB.close();
        clusterA.close();
    }

    @Test
    void sendWhenPickedBrokerIsDeadShouldRetryOnAnotherBrokerOrReportTheFailure() throws Exception {
        try (Producer retrying = Producer.create(config("retrying", 2));
                Producer notRetrying = Producer.create(config("not-retrying", 0))) {
            // queues in route order: broker-a 0, 1, broker-b 0, 1; both producers see all four
            assertThat(brokersOf(retrying, 4))
                    .containsExactly("broker-a", "broker-a", "broker-b", "broker-b");
            assertThat(brokersOf(notRetrying, 4))
                    .containsExactly("broker-a", "broker-a", "broker-b", "broker-b");

            brokerB.close();

            assertThat(brokersOf(notRetrying, 2)).containsOnly("broker-a");
            assertThatExceptionOfType(ProducerException.class)
                    .isThrownBy(() -> notRetrying.send(message("lost-on-b")))
                    .withMessageContaining("failed after 1 attempt(s)")
                    .withMessageContaining(brokerB.brokerAddress());

            List<String> afterKill = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                SendResult result = retrying.send(message("after-kill-" + i));
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                afterKill.add(result.queue().brokerName());
            }
            assertThat(afterKill).containsOnly("broker-a");

            // the async path retries too (the official client's async retry was a no-op)
            List<CompletableFuture<SendResult>> asyncSends = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                asyncSends.add(retrying.sendAsync(message("async-after-kill-" + i)));
            }
            for (CompletableFuture<SendResult> send : asyncSends) {
                assertThat(send.get(60, TimeUnit.SECONDS).queue().brokerName())
                        .isEqualTo("broker-a");
            }
        }
        // until all 40 arrived, then as long as more come, so that a copy stored twice shows
        List<MessageExt> received =
                OfficialConsumer.readUntil(
                        clusterA.nameServerAddress(),
                        TOPIC,
                        messages -> afterKill(messages).size() >= 40,
                        Duration.ofSeconds(60));
        assertThat(afterKill(received)).hasSize(40);
    }

    private static List<String> afterKill(Collection<MessageExt> messages) {
        return messages.stream()
                .map(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .filter(body -> body.contains("after-kill-"))
                .toList();
    }

    private static List<String> brokersOf(Producer producer, int sends) {
        List<String> brokers = new ArrayList<>();
        for (int i = 0; i < sends; i++) {
            brokers.add(producer.send(message("warm-up-" + i)).queue().brokerName());
        }
        return brokers;
    }

    private static Message message(String body) {
        return Message.builder(TOPIC).body(body).build();
    }

    private static ProducerConfig config(String group, int retries) {
        return ProducerConfig.builder()
                .nameServer(clusterA.nameServerAddress())
                .group(group)
                .retryTimesWhenSendFailed(retries)
                // keep broker-b in the cached route after it dies
                .routeRefreshInterval(Duration.ofMinutes(10))
                // a plain round robin, so that the order of brokers asserted above holds however
                // slow a loaded machine makes a send (with latency fault tolerance an answer after
                // 550 ms sets a broker aside for 2 s); and so every send that picks broker-b after
                // its death goes there first and must be retried, rather than skipping it
                .sendLatencyFaultEnable(false)
                .build();
    }
}
