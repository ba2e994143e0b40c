package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.embedded.OfficialConsumerProcess;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * send response, and parses route requests by version. And the send modes 4.9 has (orderly, delay
 * level, transaction with check-back), read back by the official 4.9.7 consumer.
 */
class RocketMQ4SendIntegrationTests {

    private static final int MESSAGES_PER_RUN = 500;
    private static final Path CLASSPATH =
            Path.of(System.getProperty("liftoff.rocketmq4.classpath"));
    private static final String ORDERLY = "v4-orderly";
    private static final String DELAYED = "v4-delayed";
    private static final String TRANSACTIONS = "v4-transactions";
    private static final String AUTO_BATCH = "v4-auto-batch";
    private static final String ORDERLY_ASYNC = "v4-orderly-async";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void start() {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .serverClasspathFile(CLASSPATH)
                        // check-backs soon after an open transaction is 6 s old (default 60 s)
                        .brokerProperty("transactionCheckInterval", "1000")
                        .start();
        for (HeaderSerialization serialization : HeaderSerialization.values()) {
            rocketmq.createTopic(topicFor(serialization), 4);
        }
        rocketmq.createTopic(ORDERLY, 8);
        rocketmq.createTopic(AUTO_BATCH, 4);
        rocketmq.createTopic(ORDERLY_ASYNC, 4);
        rocketmq.createTopic(DELAYED, 2);
        rocketmq.createTopic(TRANSACTIONS, 2);
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

    @Test
    void sendWithShardingKeyShouldKeepEachKeysOrderOnOneQueue() throws Exception {
        OrderlySends sends;
        try (Producer producer =
                Producer.create(config("v4-orderly", HeaderSerialization.ROCKETMQ))) {
            sends =
                    OrderlySends.send(
                            producer,
                            ORDERLY,
                            List.of("customer-1", "customer-2", "customer-3"),
                            40);
        }

        sends.assertEachKeysOrderOnOneQueue(
                OrderlySends.Stored.ofProcess(readWith49Consumer(ORDERLY, sends.count())));
    }

    @Test
    void autoBatchedSendsShouldBeReadBackByThe49ConsumerWhereTheirResultsSay() throws Exception {
        AutoBatchedSends sends;
        try (Producer producer =
                Producer.create(
                        config("v4-auto-batch", HeaderSerialization.ROCKETMQ).toBuilder()
                                .autoBatch(AutoBatch.enabled())
                                .build())) {
            sends = AutoBatchedSends.sendAsync(producer, AUTO_BATCH, 1000).assertBatched();
        }

        sends.assertStoredAsReported(
                AutoBatchedSends.Stored.ofProcess(
                        readWith49Consumer(AUTO_BATCH, sends.count()), rocketmq.brokerName()));
    }

    @Test
    void asyncSendsOfOneShardingKeyShouldBeStoredInOrderBatched() throws Exception {
        OrderlySends sends;
        try (Producer producer =
                Producer.create(
                        config("v4-orderly-async", HeaderSerialization.ROCKETMQ).toBuilder()
                                .autoBatch(AutoBatch.enabled())
                                .build())) {
            sends =
                    OrderlySends.sendAsync(
                            producer, ORDERLY_ASYNC, List.of("customer-1", "customer-2"), 200);
        }

        sends.assertEachKeysOrderOnOneQueue(
                OrderlySends.Stored.ofProcess(readWith49Consumer(ORDERLY_ASYNC, sends.count())));
    }

    @Test
    void sendWithDelayLevelShouldNotBeDeliveredEarly() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Producer producer =
                Producer.create(config("v4-delayed", HeaderSerialization.ROCKETMQ))) {
            for (int i = 0; i < 3; i++) {
                ids.add(
                        producer.send(
                                        Message.builder(DELAYED)
                                                .delayLevel(2)
                                                .body("level-2 #" + i)
                                                .build())
                                .messageId());
            }
        }

        List<OfficialConsumerProcess.Consumed> received = readWith49Consumer(DELAYED, ids.size());

        assertThat(received)
                .extracting(OfficialConsumerProcess.Consumed::uniqueId)
                .containsExactlyInAnyOrderElementsOf(ids);
        // level 2 is 5 s: the broker stores the message in its topic once the delay ended
        assertThat(received)
                .allSatisfy(
                        m ->
                                assertThat(m.storeTimestamp() - m.bornTimestamp())
                                        .isGreaterThanOrEqualTo(5_000));
    }

    @Test
    void transactionShouldEndAsDecidedAndByCheckBack() throws Exception {
        TransactionTrio trio = new TransactionTrio();
        ProducerConfig config =
                config("v4-transactions", HeaderSerialization.ROCKETMQ).toBuilder()
                        .transactionChecker(trio.checker())
                        .build();
        try (Producer producer = Producer.create(config)) {
            trio.sendAndAwaitCheckBack(producer, TRANSACTIONS);
        }

        trio.assertVisibleAsDecided(
                readWith49Consumer(TRANSACTIONS, trio.visibleIds().size()).stream()
                        .map(OfficialConsumerProcess.Consumed::uniqueId)
                        .toList());
    }

    /** Reads with the official 4.9.7 push consumer, which joins and reads a 4.9 broker at once. */
    private static List<OfficialConsumerProcess.Consumed> readWith49Consumer(
            String topic, int expected) throws Exception {
        OfficialConsumerProcess.Result read =
                OfficialConsumerProcess.readAll(
                        CLASSPATH,
                        rocketmq.nameServerAddress(),
                        topic,
                        expected,
                        Duration.ofSeconds(120));
        assertThat(read.client()).contains("rocketmq-client-4.9.7.jar");
        return read.messages();
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
