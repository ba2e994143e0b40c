package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.internal.message.OffsetMessageId;
import io.liftoff.producer.message.Message;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sends through Liftoff to a real broker and reads every message back with the official consumer.
 */
@ExtendWith(EmbeddedRocketMQExtension.class)
class SendIntegrationTests {

    private static final int MESSAGES_PER_RUN = 1500;

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void createTopics(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        for (HeaderSerialization serialization : HeaderSerialization.values()) {
            cluster.createTopic(topicFor(serialization), 4);
        }
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void sendShouldDeliverEveryMessageUnchanged(HeaderSerialization serialization)
            throws Exception {
        String topic = topicFor(serialization);
        Map<String, Message> sent = new LinkedHashMap<>();
        Map<String, SendResult> results = new HashMap<>();
        try (Producer producer =
                Producer.create(config("interop-" + serialization, serialization))) {
            for (int i = 0; i < MESSAGES_PER_RUN; i++) {
                Message message = message(topic, i);
                SendResult result = producer.send(message);
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                assertThat(result.queue().topic()).isEqualTo(topic);
                assertThat(result.queue().brokerName()).isEqualTo(rocketmq.brokerName());
                sent.put(result.messageId(), message);
                results.put(result.messageId(), result);
            }
            Message large = nearLimit(topic);
            SendResult largeResult = producer.send(large);
            sent.put(largeResult.messageId(), large);
            results.put(largeResult.messageId(), largeResult);
        }

        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), topic, sent.size(), Duration.ofSeconds(60));

        Map<String, MessageExt> byId = Delivery.assertDeliveredUnchanged(sent, received);
        for (Map.Entry<String, SendResult> entry : results.entrySet()) {
            MessageExt consumed = byId.get(entry.getKey());
            SendResult result = entry.getValue();
            assertThat(consumed.getQueueId()).isEqualTo(result.queue().queueId());
            assertThat(consumed.getQueueOffset()).isEqualTo(result.queueOffset());
            assertThat(consumed.getCommitLogOffset())
                    .isEqualTo(OffsetMessageId.parse(result.offsetMessageId()).commitLogOffset());
        }
    }

    @Test
    void sendToUnknownTopicShouldCreateItFromTheTemplate() throws Exception {
        String topic = "auto-created-" + System.nanoTime();
        try (Producer producer =
                Producer.create(config("auto-create", HeaderSerialization.ROCKETMQ))) {
            SendResult result = producer.send(Message.builder(topic).body("first").build());

            assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        }
        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), topic, 1, Duration.ofSeconds(60));
        assertThat(received)
                .extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .containsExactly("first");
    }

    @Test
    void sendWhenFirstNameServerIsDownShouldFailOverToTheNext() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ProducerConfig config =
                config("fail-over", HeaderSerialization.ROCKETMQ).toBuilder()
                        .nameServer("127.0.0.1:" + closedPort + ";" + rocketmq.nameServerAddress())
                        .build();
        try (Producer producer = Producer.create(config)) {
            SendResult result =
                    producer.send(
                            Message.builder(topicFor(HeaderSerialization.JSON)).body("x").build());

            assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
            ConnectionStatus status = producer.connectionStatus();
            assertThat(status.nameServers())
                    .extracting(EndpointStatus::address, EndpointStatus::state)
                    .containsExactly(
                            tuple("127.0.0.1:" + closedPort, EndpointStatus.State.UNREACHABLE),
                            tuple(rocketmq.nameServerAddress(), EndpointStatus.State.REACHABLE));
            assertThat(status.nameServers().get(1).roundTrip()).isPositive();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(producer.connectionStatus().brokers())
                                            .extracting(
                                                    ConnectionStatus.BrokerStatus::brokerName,
                                                    b -> b.status().state())
                                            .containsExactly(
                                                    tuple(
                                                            rocketmq.brokerName(),
                                                            EndpointStatus.State.REACHABLE)));
        }
    }

    static Message message(String topic, int i) {
        Message.Builder builder = Message.builder(topic).tags("tag-" + (i % 7));
        if (i % 3 != 0) {
            builder.keys("order-" + i, "customer-" + (i % 11));
        }
        builder.property("index", Integer.toString(i)).property("region", i % 2 == 0 ? "eu" : "us");
        if (i % 5 == 0) {
            builder.property("note", "größe ✓ 注文");
        }
        if (i % 2 == 0) {
            builder.body("hello ünïcødé 🚀 #" + i);
        } else {
            byte[] body = new byte[1 + (i % 300)];
            new Random(i).nextBytes(body);
            body[0] = 0x01;
            body[body.length - 1] = 0x02;
            builder.body(body);
        }
        return builder.build();
    }

    static Message nearLimit(String topic) {
        byte[] body = new byte[ProducerConfig.DEFAULT_MAX_MESSAGE_SIZE - 1024];
        new Random(42).nextBytes(body);
        return Message.builder(topic).tags("large").body(body).build();
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
        return "interop-" + serialization.name().toLowerCase();
    }
}
