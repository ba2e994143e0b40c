package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.internal.message.MessageSysFlag;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batch, orderly, delayed and compressed sends, read back with the official consumer. */
@ExtendWith(EmbeddedRocketMQExtension.class)
class SendModesIntegrationTests {

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void createTopics(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        cluster.createTopic("modes-batch", 4);
        cluster.createTopic("modes-orderly", 8);
        cluster.createTopic("modes-delayed", 2);
        cluster.createTopic("modes-compressed", 2);
    }

    @Test
    void sendBatchShouldSplitAndKeepEveryMessagesOwnId() throws Exception {
        List<Message> batch = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            // 300 bodies of up to 30 KiB: over 4 MiB together, so the batch must be split
            byte[] body = new byte[1 + random.nextInt(30 * 1024)];
            random.nextBytes(body);
            batch.add(
                    Message.builder("modes-batch")
                            .tags("batch")
                            .keys("item-" + i)
                            .property("index", Integer.toString(i))
                            .body(body)
                            .build());
        }
        Map<String, Message> sent = new LinkedHashMap<>();
        Set<String> requests = new HashSet<>();
        try (Producer producer = Producer.create(config("modes-batch"))) {
            List<SendResult> results = producer.sendBatch(batch);

            assertThat(results).hasSize(batch.size());
            for (int i = 0; i < results.size(); i++) {
                SendResult result = results.get(i);
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                sent.put(result.messageId(), batch.get(i));
                requests.add(result.queue() + "@" + (result.queueOffset() - i));
            }
            List<SendResult> small =
                    producer.sendBatchAsync(
                                    List.of(
                                            Message.builder("modes-batch").body("a").build(),
                                            Message.builder("modes-batch").body("b").build()))
                            .get();
            sent.put(small.get(0).messageId(), Message.builder("modes-batch").body("a").build());
            sent.put(small.get(1).messageId(), Message.builder("modes-batch").body("b").build());
        }
        assertThat(sent).hasSize(302);
        assertThat(requests).as("one request per part").hasSizeGreaterThan(1);

        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), "modes-batch", 302, Duration.ofSeconds(60));
        Delivery.assertDeliveredUnchanged(sent, received);
    }

    @Test
    void sendWithShardingKeyShouldKeepEachKeysOrderOnOneQueue() throws Exception {
        OrderlySends sends;
        try (Producer producer = Producer.create(config("modes-orderly"))) {
            sends =
                    OrderlySends.send(
                            producer,
                            "modes-orderly",
                            List.of("customer-1", "customer-2", "customer-3", "customer-4"),
                            100);
        }
        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(),
                        "modes-orderly",
                        sends.count(),
                        Duration.ofSeconds(60));

        assertThat(sends.assertEachKeysOrderOnOneQueue(OrderlySends.Stored.of(received)))
                .as("keys spread over queues")
                .doesNotHaveDuplicates()
                .hasSizeGreaterThan(1);
    }

    @Test
    void sendWithDelayLevelOrTimerShouldNotBeDeliveredEarly() throws Exception {
        try (Producer producer = Producer.create(config("modes-delayed"))) {
            producer.send(Message.builder("modes-delayed").delayLevel(2).body("level-2").build());
            producer.send(
                    Message.builder("modes-delayed")
                            .deliverAfter(Duration.ofSeconds(3))
                            .body("after-3s")
                            .build());
        }
        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), "modes-delayed", 2, Duration.ofSeconds(60));

        Map<String, MessageExt> byBody =
                received.stream()
                        .collect(
                                Collectors.toMap(
                                        m -> new String(m.getBody(), StandardCharsets.UTF_8),
                                        m -> m));
        assertThat(byBody).containsOnlyKeys("level-2", "after-3s");
        // level 2 is 5 s; the broker stores the message in the topic when it is due
        assertThat(delayOf(byBody.get("level-2"))).isGreaterThanOrEqualTo(4_500);
        // the timer wheel rounds down to its 1 s precision
        assertThat(delayOf(byBody.get("after-3s"))).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void sendOfLargeBodyShouldBeCompressedAndDecodedByTheOfficialConsumer() throws Exception {
        byte[] large = ("compressible text ".repeat(2_000)).getBytes(StandardCharsets.UTF_8);
        byte[] small = "small".getBytes(StandardCharsets.UTF_8);
        try (Producer producer = Producer.create(config("modes-compressed"))) {
            producer.send(Message.builder("modes-compressed").tags("large").body(large).build());
            producer.send(Message.builder("modes-compressed").tags("small").body(small).build());
        }
        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(),
                        "modes-compressed",
                        2,
                        Duration.ofSeconds(60));

        Map<String, MessageExt> byTag =
                received.stream().collect(Collectors.toMap(MessageExt::getTags, m -> m));
        assertThat(byTag.get("large").getBody()).isEqualTo(large);
        assertThat(byTag.get("large").getStoreSize()).isLessThan(large.length);
        assertThat(byTag.get("small").getBody()).isEqualTo(small);
        assertThat(byTag.get("small").getSysFlag() & MessageSysFlag.COMPRESSED).isZero();
    }

    private static long delayOf(MessageExt message) {
        return message.getStoreTimestamp() - message.getBornTimestamp();
    }

    private static ProducerConfig config(String group) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .sendTimeout(Duration.ofSeconds(10))
                .build();
    }
}
