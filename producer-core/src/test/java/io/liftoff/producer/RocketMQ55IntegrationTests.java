package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.embedded.OfficialConsumerProcess;
import io.liftoff.producer.internal.message.OffsetMessageId;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The interop check of {@link SendIntegrationTests} and every send mode, against the official
 * RocketMQ 5.5.0 NameServer and Broker, read back with the official consumer. One cluster serves
 * all of them (a broker start costs seconds of CPU), with the transaction check-back settings of
 * {@link TransactionIntegrationTests}, which no other test here notices; each test has topics of
 * its own. The tests run side by side (each one {@code CONCURRENT}; the class as a whole still runs
 * alone): three of them wait 5–10 s for the broker's timers and transaction checks, which in turn
 * would add up.
 */
class RocketMQ55IntegrationTests {

    private static final int MESSAGES_PER_RUN = 300;
    private static final String TRANSACTIONS = "v55-transactions";
    private static final String REQUESTS = "v55-requests";
    private static final String TIMERS = "v55-timers";

    private static EmbeddedRocketMQ rocketmq;
    private static OfficialResponder responder;

    @BeforeAll
    static void start() throws Exception {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .serverClasspathFile(
                                Path.of(System.getProperty("liftoff.rocketmq55.classpath")))
                        .brokerProperty("transactionCheckInterval", "1000")
                        .brokerProperty("transactionTimeOut", "10000")
                        .brokerProperty("transactionOpBatchInterval", "100")
                        // this class's tests run side by side on 2 cores; at the default 200 ms a
                        // request queued longer is shed (SYSTEM_BUSY [TIMEOUT_CLEAN_QUEUE]), and a
                        // shed oneway send is lost by design: not what these tests are about
                        .brokerProperty("waitTimeMillsInSendQueue", "5000")
                        .start();
        for (HeaderSerialization serialization : HeaderSerialization.values()) {
            rocketmq.createTopic(topicFor(serialization), 4);
        }
        for (String topic :
                List.of(
                        "v55-async",
                        "v55-oneway",
                        "v55-batch",
                        "v55-delayed",
                        "v55-compressed",
                        TIMERS,
                        REQUESTS)) {
            rocketmq.createTopic(topic, 2);
        }
        rocketmq.createTopic("v55-orderly", 8);
        rocketmq.createTopic("v55-auto-batch", 4);
        rocketmq.createTopic("v55-orderly-async", 4);
        rocketmq.createTopic(TRANSACTIONS, 2);
        responder = OfficialResponder.start(rocketmq.nameServerAddress(), REQUESTS);
    }

    @AfterAll
    static void stop() {
        if (responder != null) {
            responder.close();
        }
        rocketmq.close();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void everyCompressionTypeShouldBeReadBackByThe55Consumer() throws Exception {
        String topic = "v55-compressed";
        CompressedSends sends = CompressedSends.sendEveryType(rocketmq.nameServerAddress(), topic);

        sends.assertReadBackUnchanged(
                OfficialConsumerProcess.readAll(
                        Path.of(System.getProperty("liftoff.rocketmq55.classpath")),
                        rocketmq.nameServerAddress(),
                        topic,
                        sends.count(),
                        Duration.ofSeconds(120)),
                "rocketmq-client-5.5.0.jar");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void autoBatchedSendsShouldBeReadBackByThe55ConsumerWhereTheirResultsSay() throws Exception {
        String topic = "v55-auto-batch";
        AutoBatchedSends sends;
        try (Producer producer =
                Producer.create(
                        config("v55-auto-batch").toBuilder()
                                .autoBatch(AutoBatch.enabled())
                                .build())) {
            sends = AutoBatchedSends.sendAsync(producer, topic, 1000).assertBatched();
        }

        OfficialConsumerProcess.Result read =
                OfficialConsumerProcess.readAll(
                        Path.of(System.getProperty("liftoff.rocketmq55.classpath")),
                        rocketmq.nameServerAddress(),
                        topic,
                        sends.count(),
                        AutoBatchedSends.readTimeout());
        assertThat(read.client()).contains("rocketmq-client-5.5.0.jar");
        sends.assertStoredAsReported(
                AutoBatchedSends.Stored.ofProcess(read.messages(), rocketmq.brokerName()));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void asyncSendsOfOneShardingKeyShouldBeStoredInOrderUnbatched() throws Exception {
        String topic = "v55-orderly-async";
        OrderlySends sends;
        try (Producer producer = Producer.create(config("v55-orderly-async"))) {
            sends =
                    OrderlySends.sendAsync(
                            producer, topic, List.of("customer-1", "customer-2"), 200);
        }

        sends.assertEachKeysOrderOnOneQueue(
                OrderlySends.Stored.of(
                        OfficialConsumer.readAll(
                                rocketmq.nameServerAddress(),
                                topic,
                                sends.count(),
                                AutoBatchedSends.readTimeout())));
    }

    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @EnumSource(HeaderSerialization.class)
    void sendShouldDeliverEveryFieldUnchanged(HeaderSerialization serialization) throws Exception {
        String topic = topicFor(serialization);
        Map<String, Message> sent = new LinkedHashMap<>();
        Map<String, SendResult> results = new HashMap<>();
        try (Producer producer =
                Producer.create(config("v55-interop-" + serialization, serialization))) {
            for (int i = 0; i < MESSAGES_PER_RUN; i++) {
                Message message = SendIntegrationTests.message(topic, i);
                SendResult result = producer.send(message);
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                assertThat(result.queue().topic()).isEqualTo(topic);
                assertThat(result.queue().brokerName()).isEqualTo(rocketmq.brokerName());
                sent.put(result.messageId(), message);
                results.put(result.messageId(), result);
            }
            for (Message large :
                    List.of(SendIntegrationTests.nearLimit(topic), compressible(topic))) {
                SendResult result = producer.send(large);
                sent.put(result.messageId(), large);
                results.put(result.messageId(), result);
            }
        }

        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), topic, sent.size(), Duration.ofSeconds(60));

        Map<String, MessageExt> byId = Delivery.assertDeliveredUnchanged(sent, received);
        results.forEach(
                (id, result) -> {
                    MessageExt consumed = byId.get(id);
                    assertThat(consumed.getQueueId()).isEqualTo(result.queue().queueId());
                    assertThat(consumed.getQueueOffset()).isEqualTo(result.queueOffset());
                    assertThat(consumed.getCommitLogOffset())
                            .isEqualTo(
                                    OffsetMessageId.parse(result.offsetMessageId())
                                            .commitLogOffset());
                });
        MessageExt compressed =
                received.stream().filter(m -> "compressible".equals(m.getTags())).findFirst().get();
        assertThat(compressed.getStoreSize()).isLessThan(compressed.getBody().length);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sendToUnknownTopicShouldCreateItFromTheTemplate() throws Exception {
        try (Producer producer = Producer.create(config("v55-auto-create"))) {
            assertThat(producer.send(Message.builder("v55-auto-created").body("first").build()))
                    .extracting(SendResult::status)
                    .isEqualTo(SendStatus.SEND_OK);
        }
        assertThat(
                        bodies(
                                OfficialConsumer.readAll(
                                        rocketmq.nameServerAddress(),
                                        "v55-auto-created",
                                        1,
                                        Duration.ofSeconds(60))))
                .containsExactly("first");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void createShouldLearnTheClustersBrokerOrWarmUpATopic() {
        // generous: a loaded machine must not cut the warm-up that create waits for short
        ProducerConfig config =
                config("v55-warm-up").toBuilder().requestTimeout(Duration.ofSeconds(30)).build();
        for (ProducerConfig warmingUp :
                List.of(config, config.toBuilder().warmUpTopics("v55-async").build())) {
            try (Producer producer = Producer.create(warmingUp)) {
                // create waited for the cluster info or the route, then the first heartbeat
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
    @Execution(ExecutionMode.CONCURRENT)
    void sendAsyncAndOnewayShouldBeStored() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (Producer producer = Producer.create(config("v55-async"))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(
                        producer.sendAsync(Message.builder("v55-async").body("a-" + i).build())
                                .thenAccept(r -> acknowledged.add(r.messageId())));
            }
            for (int i = 0; i < 50; i++) {
                producer.sendOneway(Message.builder("v55-oneway").body("o-" + i).build());
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(120, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).hasSize(200);

        List<MessageExt> async =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), "v55-async", 200, Duration.ofSeconds(60));
        assertThat(async)
                .extracting(m -> m.getProperty("UNIQ_KEY"))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        List<MessageExt> oneway =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), "v55-oneway", 50, Duration.ofSeconds(60));
        assertThat(bodies(oneway)).hasSize(50).allMatch(body -> body.startsWith("o-"));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sendBatchShouldSplitAndKeepEveryMessagesOwnId() throws Exception {
        List<Message> batch = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            // up to 40 KiB each: over 4 MiB together, so the batch must be split
            byte[] body = new byte[1 + random.nextInt(40 * 1024)];
            random.nextBytes(body);
            batch.add(
                    Message.builder("v55-batch")
                            .keys("item-" + i)
                            .property("index", Integer.toString(i))
                            .body(body)
                            .build());
        }
        Map<String, Message> sent = new LinkedHashMap<>();
        try (Producer producer = Producer.create(config("v55-batch"))) {
            List<SendResult> results = producer.sendBatch(batch);
            assertThat(results).hasSize(batch.size());
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).status()).isEqualTo(SendStatus.SEND_OK);
                sent.put(results.get(i).messageId(), batch.get(i));
            }
        }

        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(),
                        "v55-batch",
                        sent.size(),
                        Duration.ofSeconds(60));
        Delivery.assertDeliveredUnchanged(sent, received);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sendWithShardingKeyShouldKeepEachKeysOrderOnOneQueue() throws Exception {
        OrderlySends sends;
        try (Producer producer = Producer.create(config("v55-orderly"))) {
            sends =
                    OrderlySends.send(
                            producer,
                            "v55-orderly",
                            List.of("customer-1", "customer-2", "customer-3", "customer-4"),
                            50);
        }
        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(),
                        "v55-orderly",
                        sends.count(),
                        Duration.ofSeconds(60));

        sends.assertEachKeysOrderOnOneQueue(OrderlySends.Stored.of(received));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sendWithDelayLevelOrTimerShouldNotBeDeliveredEarly() throws Exception {
        try (Producer producer = Producer.create(config("v55-delayed"))) {
            producer.send(Message.builder("v55-delayed").delayLevel(2).body("level-2").build());
            producer.send(
                    Message.builder("v55-delayed")
                            .deliverAfter(Duration.ofSeconds(3))
                            .body("after-3s")
                            .build());
        }
        Map<String, MessageExt> byBody =
                OfficialConsumer.readAll(
                                rocketmq.nameServerAddress(),
                                "v55-delayed",
                                2,
                                Duration.ofSeconds(60))
                        .stream()
                        .collect(Collectors.toMap(RocketMQ55IntegrationTests::body, m -> m));

        assertThat(byBody).containsOnlyKeys("level-2", "after-3s");
        // level 2 is 5 s; the timer wheel rounds down to its 1 s precision
        assertThat(delayOf(byBody.get("level-2"))).isGreaterThanOrEqualTo(4_500);
        assertThat(delayOf(byBody.get("after-3s"))).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void transactionShouldEndAsDecidedAndByCheckBack() throws Exception {
        TransactionTrio trio = new TransactionTrio();
        ProducerConfig config =
                config("v55-transactions").toBuilder()
                        .transactionChecker(trio.checker())
                        .requestTimeout(Duration.ofSeconds(30))
                        .build();
        try (Producer producer = Producer.create(config)) {
            trio.sendAndAwaitCheckBack(producer, TRANSACTIONS);
        }
        List<MessageExt> received =
                OfficialConsumer.readUntil(
                        rocketmq.nameServerAddress(),
                        TRANSACTIONS,
                        messages -> ids(messages).containsAll(trio.visibleIds()),
                        Duration.ofSeconds(60));

        trio.assertVisibleAsDecided(ids(received));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void requestShouldGetTheOfficialRespondersReply() {
        // A client of its own: producers with equal settings share one, and when another test's
        // producer closes side by side, its UNREGISTER_CLIENT makes the broker forget the shared
        // client's channel (ProducerManager drops it by client id) until the next heartbeat, and
        // with it the way to push this reply.
        ProducerConfig config =
                config("v55-requester").toBuilder().instanceName("v55-requester").build();
        try (Producer producer = Producer.create(config)) {
            Message answer =
                    producer.requestAndWait(
                            Message.builder(REQUESTS).property("seq", "7").body("hello").build(),
                            OfficialResponder.REPLY_TIMEOUT);

            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("re: hello");
            assertThat(answer.properties()).containsEntry("seq", "7");
            assertThat(producer.pendingRequests()).isZero();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void recallShouldKeepATimerMessageFromBeingDelivered() throws Exception {
        // the recall, made right after the send, must be in before the message is due: 10 s
        // leaves that margin to a loaded machine
        Duration delay = Duration.ofSeconds(10);
        try (Producer producer = Producer.create(config("v55-recall"))) {
            SendResult recalled =
                    producer.send(
                            Message.builder(TIMERS).deliverAfter(delay).body("recalled").build());
            SendResult kept =
                    producer.send(Message.builder(TIMERS).deliverAfter(delay).body("kept").build());

            assertThat(producer.recall(TIMERS, recalled.recallHandle()))
                    .isEqualTo(recalled.messageId());

            // both were due at the same time: read until "kept" arrived, then as long as more come
            List<MessageExt> received =
                    OfficialConsumer.readUntil(
                            rocketmq.nameServerAddress(),
                            TIMERS,
                            messages -> bodies(messages).contains("kept"),
                            Duration.ofSeconds(90));
            assertThat(bodies(received)).containsExactly("kept");
            // a delivered message is past recalling
            assertThatThrownBy(() -> producer.recall(TIMERS, kept.recallHandle()))
                    .isInstanceOfSatisfying(
                            BrokerRejectedException.class,
                            e ->
                                    assertThat(e.responseCode())
                                            .isEqualTo(ResponseCode.ILLEGAL_OPERATION));
        }
    }

    /** Over the 4 KiB threshold and compressible: stored smaller than it is. */
    private static Message compressible(String topic) {
        return Message.builder(topic)
                .tags("compressible")
                .body("compressible text ".repeat(2_000))
                .build();
    }

    private static List<String> ids(Collection<MessageExt> messages) {
        return messages.stream()
                .map(m -> m.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX))
                .toList();
    }

    private static long delayOf(MessageExt message) {
        return message.getStoreTimestamp() - message.getBornTimestamp();
    }

    private static String body(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    private static List<String> bodies(Collection<MessageExt> messages) {
        return messages.stream().map(RocketMQ55IntegrationTests::body).toList();
    }

    private static ProducerConfig config(String group) {
        return config(group, HeaderSerialization.ROCKETMQ);
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
        return "v55-interop-" + serialization.name().toLowerCase();
    }
}
