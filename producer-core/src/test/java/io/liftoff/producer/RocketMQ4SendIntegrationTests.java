package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same interop check as {@link SendIntegrationTests}, against the official RocketMQ 4.9.7
 * NameServer and Broker: 4.9 answers in the request's header format, has no transactionId in its
 * send response, and parses route requests by version.
 */
class RocketMQ4SendIntegrationTests {

    private static final int MESSAGES_PER_RUN = 500;

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void start() {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .serverClasspathFile(
                                Path.of(System.getProperty("liftoff.rocketmq4.classpath")))
                        .start();
        for (HeaderSerialization serialization : HeaderSerialization.values()) {
            rocketmq.createTopic(topicFor(serialization), 4);
        }
    }

    @AfterAll
    static void stop() {
        rocketmq.close();
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void sendShouldDeliverEveryMessageUnchanged(HeaderSerialization serialization)
            throws Exception {
        String topic = topicFor(serialization);
        Map<String, Message> sent = new LinkedHashMap<>();
        try (Producer producer = Producer.create(config("v4-" + serialization, serialization))) {
            for (int i = 0; i < MESSAGES_PER_RUN; i++) {
                Message message = SendIntegrationTests.message(topic, i);
                SendResult result = producer.send(message);
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                assertThat(result.transactionId()).isNull();
                sent.put(result.messageId(), message);
            }
        }

        // The push consumer (the lite pull one cannot read 4.9) is not replaced when it stalls; it
        // recovers through its own rebalance (every 20 s) and pull retries, so it gets a bound
        // that leaves several of those to a loaded machine. It returns as soon as all arrived.
        List<MessageExt> received =
                OfficialConsumer.pushAll(
                        rocketmq.nameServerAddress(), topic, sent.size(), Duration.ofSeconds(120));

        Delivery.assertDeliveredUnchanged(sent, received);
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void createShouldLearnThe49ClustersBrokerOrWarmUpATopic(HeaderSerialization serialization) {
        // generous: a loaded machine must not cut the warm-up that create waits for short
        ProducerConfig config =
                config("v4-warm-up-" + serialization, serialization).toBuilder()
                        .requestTimeout(Duration.ofSeconds(30))
                        .build();
        for (ProducerConfig warmingUp :
                List.of(config, config.toBuilder().warmUpTopics(topicFor(serialization)).build())) {
            try (Producer producer = Producer.create(warmingUp)) {
                // create waited for the warm-up: a 4.9 name server's cluster info or route, then
                // the broker's first heartbeat
                assertThat(producer.connectionStatus().brokers())
                        .singleElement()
                        .satisfies(
                                broker -> {
                                    assertThat(broker.brokerName())
                                            .isEqualTo(rocketmq.brokerName());
                                    assertThat(broker.status().address())
                                            .isEqualTo(rocketmq.brokerAddress());
                                    assertThat(broker.status().state())
                                            .isEqualTo(EndpointStatus.State.REACHABLE);
                                });
            }
        }
    }

    @Test
    void sendToUnknownTopicShouldCreateItFromTheTemplate() throws Exception {
        String topic = "v4-auto-created";
        try (Producer producer = Producer.create(config("v4-auto", HeaderSerialization.ROCKETMQ))) {
            assertThat(producer.send(Message.builder(topic).body("first").build()).status())
                    .isEqualTo(SendStatus.SEND_OK);
        }
        List<MessageExt> received =
                OfficialConsumer.pushAll(
                        rocketmq.nameServerAddress(), topic, 1, Duration.ofSeconds(120));
        assertThat(received)
                .extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .containsExactly("first");
    }

    @Test
    void sendWithDeliveryTimeShouldBeRefusedBecause49IgnoresTimers() {
        try (Producer producer =
                Producer.create(config("v4-timer", HeaderSerialization.ROCKETMQ))) {
            Message timer =
                    Message.builder(topicFor(HeaderSerialization.ROCKETMQ))
                            .deliverAfter(Duration.ofSeconds(30))
                            .body("must not arrive early")
                            .build();

            assertThatExceptionOfType(FeatureNotSupportedException.class)
                    .isThrownBy(() -> producer.send(timer))
                    .withMessageContaining("older than 5.0")
                    .withMessageContaining("delayLevel");
            assertThatExceptionOfType(FeatureNotSupportedException.class)
                    .isThrownBy(() -> producer.sendOneway(timer));
        }
    }

    private static ProducerConfig config(String group, HeaderSerialization serialization) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .headerSerialization(serialization)
                .sendTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static String topicFor(HeaderSerialization serialization) {
        return "v4-interop-" + serialization.name().toLowerCase();
    }
}
