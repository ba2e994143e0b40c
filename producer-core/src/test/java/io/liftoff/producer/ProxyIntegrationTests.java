package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Liftoff in front of the RocketMQ 5.5.0 Proxy in cluster mode, remoting protocol: the producer
 * knows only a Proxy's address (as its name server), and the official consumer reads back from the
 * real NameServer. One NameServer, one broker and two Proxies serve every test: Proxy 0 all of them
 * but the one that stops Proxy 1 under load. The Proxies keep their default {@code
 * enableTopicMessageTypeCheck}, so each kind of message goes to a topic of its {@code
 * message.type}. Transactions: the broker checks every second, and a transaction once it is 10 s
 * old, as in {@link TransactionIntegrationTests}; the Proxy tells the broker every second (default
 * 20 s) which transactional producer groups it serves, so that check-backs reach it.
 */
class ProxyIntegrationTests {

    private static final String NORMAL = "proxy-normal";
    private static final String FIFO = "proxy-fifo";
    private static final String DELAY = "proxy-delay";
    private static final String TRANSACTIONS = "proxy-transactions";
    private static final String REQUESTS = "proxy-requests";
    private static final String FAILOVER = "proxy-failover";
    private static final String AUTO_BATCH = "proxy-auto-batch";
    private static final String AUTO_BATCH_FIFO = "proxy-auto-batch-fifo";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void start() {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .serverClasspathFile(
                                Path.of(System.getProperty("liftoff.rocketmq55.classpath")))
                        .brokerProperty("transactionCheckInterval", "1000")
                        .brokerProperty("transactionTimeOut", "10000")
                        .brokerProperty("transactionOpBatchInterval", "100")
                        .proxies(2)
                        .proxyProperty("transactionHeartbeatPeriodSecond", "1")
                        .start();
        for (String topic :
                List.of(NORMAL, "proxy-async", "proxy-oneway", "proxy-batch", FAILOVER)) {
            rocketmq.createTopic(topic, 2, Map.of("message.type", "NORMAL"));
        }
        rocketmq.createTopic(FIFO, 4, Map.of("message.type", "FIFO"));
        rocketmq.createTopic(AUTO_BATCH, 2, Map.of("message.type", "NORMAL"));
        rocketmq.createTopic(AUTO_BATCH_FIFO, 4, Map.of("message.type", "FIFO"));
        rocketmq.createTopic(DELAY, 2, Map.of("message.type", "DELAY"));
        rocketmq.createTopic(TRANSACTIONS, 2, Map.of("message.type", "TRANSACTION"));
        rocketmq.createTopic(REQUESTS, 2, Map.of("message.type", "NORMAL"));
    }

    @AfterAll
    static void stop() {
        rocketmq.close();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void syncAsyncOnewayAndBatchSendsShouldArriveUnchangedThroughTheProxy() throws Exception {
        Map<String, Message> sent = new LinkedHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Message> batch = new ArrayList<>();
        try (Producer producer = Producer.create(config("proxy-sends"))) {
            for (int i = 0; i < 50; i++) {
                // tags, keys and user properties, as the interop check sends them
                Message message = SendIntegrationTests.message(NORMAL, i);
                SendResult result = producer.send(message);
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                // the Proxy names the broker behind it, at its own address
                assertThat(result.queue().brokerName()).isEqualTo(rocketmq.brokerName());
                sent.put(result.messageId(), message);
            }
            // over the 4 KiB threshold and compressible: the Proxy passes the compressed body on
            Message compressible =
                    Message.builder(NORMAL)
                            .tags("compressible")
                            .body("compressible text ".repeat(2_000))
                            .build();
            sent.put(producer.send(compressible).messageId(), compressible);
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(
                        producer.sendAsync(Message.builder("proxy-async").body("a-" + i).build())
                                .thenAccept(r -> acknowledged.add(r.messageId())));
            }
            for (int i = 0; i < 20; i++) {
                producer.sendOneway(Message.builder("proxy-oneway").body("o-" + i).build());
                batch.add(Message.builder("proxy-batch").body("b-" + i).build());
            }
            assertThat(producer.sendBatch(batch))
                    .hasSize(20)
                    .allMatch(r -> r.status() == SendStatus.SEND_OK);
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        }

        List<MessageExt> received = read(NORMAL, sent.size());
        Delivery.assertDeliveredUnchanged(sent, received);
        MessageExt compressed =
                received.stream().filter(m -> "compressible".equals(m.getTags())).findFirst().get();
        assertThat(compressed.getStoreSize()).isLessThan(compressed.getBody().length);
        assertThat(read("proxy-async", 50))
                .extracting(m -> m.getProperty("UNIQ_KEY"))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(bodies(read("proxy-oneway", 20))).hasSize(20).allMatch(b -> b.startsWith("o-"));
        assertThat(bodies(read("proxy-batch", 20))).hasSize(20).allMatch(b -> b.startsWith("b-"));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void autoBatchedSendsShouldBeStoredWhereTheirResultsSayThroughTheProxy() throws Exception {
        AutoBatchedSends sends;
        OrderlySends orderly;
        ProducerConfig config =
                config("proxy-auto-batch").toBuilder().autoBatch(AutoBatch.enabled()).build();
        try (Producer producer = Producer.create(config)) {
            sends = AutoBatchedSends.sendAsync(producer, AUTO_BATCH, 1000).assertBatched();
            // a FIFO topic: a batch of one key passes the Proxy's message type check, in order
            orderly =
                    OrderlySends.sendAsync(
                            producer, AUTO_BATCH_FIFO, List.of("customer-1", "customer-2"), 200);
        }

        sends.assertStoredAsReported(AutoBatchedSends.Stored.of(read(AUTO_BATCH, sends.count())));
        orderly.assertEachKeysOrderOnOneQueue(
                OrderlySends.Stored.of(read(AUTO_BATCH_FIFO, orderly.count())));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sendWithShardingKeyShouldKeepEachKeysOrderOnOneQueueOfAFifoTopic() throws Exception {
        List<String> keys = List.of("customer-1", "customer-2", "customer-3");
        try (Producer producer = Producer.create(config("proxy-orderly"))) {
            for (int i = 0; i < 30; i++) {
                for (String key : keys) {
                    producer.send(
                            Message.builder(FIFO).shardingKey(key).body(key + "#" + i).build());
                }
            }
        }
        Map<String, List<MessageExt>> byKey =
                read(FIFO, 90).stream().collect(Collectors.groupingBy(m -> body(m).split("#")[0]));
        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        for (List<MessageExt> messages : byKey.values()) {
            assertThat(messages)
                    .extracting(MessageExt::getQueueId)
                    .containsOnly(messages.get(0).getQueueId());
            assertThat(
                            messages.stream()
                                    .sorted(Comparator.comparingLong(MessageExt::getQueueOffset))
                                    .map(m -> Integer.parseInt(body(m).split("#")[1]))
                                    .toList())
                    .hasSize(30)
                    .isSorted();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void delayLevelAndTimerShouldNotBeDeliveredEarlyFromADelayTopic() throws Exception {
        try (Producer producer = Producer.create(config("proxy-delayed"))) {
            producer.send(Message.builder(DELAY).delayLevel(2).body("level-2").build());
            producer.send(
                    Message.builder(DELAY)
                            .deliverAfter(Duration.ofSeconds(3))
                            .body("after-3s")
                            .build());
        }
        Map<String, MessageExt> byBody =
                read(DELAY, 2).stream()
                        .collect(Collectors.toMap(ProxyIntegrationTests::body, m -> m));
        assertThat(byBody).containsOnlyKeys("level-2", "after-3s");
        // level 2 is 5 s; the timer wheel rounds down to its 1 s precision
        assertThat(delayOf(byBody.get("level-2"))).isGreaterThanOrEqualTo(4_500);
        assertThat(delayOf(byBody.get("after-3s"))).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void messageOfAnotherTypeThanItsTopicsShouldBeRefusedOnceSayingWhatTheTopicAllows() {
        List<SendEvent> failed = new CopyOnWriteArrayList<>();
        ProducerConfig config =
                config("proxy-type-check").toBuilder()
                        .listener(
                                new SendListener() {
                                    @Override
                                    public void onFailure(SendEvent event, Throwable failure) {
                                        failed.add(event);
                                    }
                                })
                        .build();
        try (Producer producer = Producer.create(config)) {
            assertThatThrownBy(
                            () ->
                                    producer.send(
                                            Message.builder(NORMAL)
                                                    .delayLevel(1)
                                                    .body("refused")
                                                    .build()))
                    .isInstanceOfSatisfying(
                            MessageTypeMismatchException.class,
                            e -> {
                                assertThat(e.responseCode())
                                        .isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
                                assertThat(e.topic()).isEqualTo(NORMAL);
                                assertThat(e.topicType()).isEqualTo("NORMAL");
                                assertThat(e.messageType()).isEqualTo("DELAY");
                                assertThat(e.getMessage())
                                        .contains(
                                                "message.type is NORMAL",
                                                "does not allow a DELAY message",
                                                "+message.type=DELAY");
                            });
            // the Proxy's answer is final: no retry on another attempt (listeners run after the
            // caller has its outcome)
            await().atMost(Duration.ofSeconds(30)).until(() -> !failed.isEmpty());
            assertThat(failed).singleElement().extracting(SendEvent::attempts).isEqualTo(1);

            boolean[] ran = {false};
            assertThatThrownBy(
                            () ->
                                    producer.sendInTransaction(
                                            Message.builder(NORMAL).body("refused").build(),
                                            (m, arg) -> {
                                                ran[0] = true;
                                                return TransactionState.COMMIT;
                                            },
                                            null))
                    .isInstanceOfSatisfying(
                            MessageTypeMismatchException.class,
                            e -> assertThat(e.messageType()).isEqualTo("TRANSACTION"));
            assertThat(ran[0]).isFalse();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void transactionsShouldEndAsDecidedThroughTheProxy() throws Exception {
        Set<String> checked = ConcurrentHashMap.newKeySet();
        ProducerConfig config =
                config("proxy-transactions").toBuilder()
                        .transactionChecker(
                                check -> {
                                    checked.add(new String(check.body(), StandardCharsets.UTF_8));
                                    return TransactionState.COMMIT;
                                })
                        .requestTimeout(Duration.ofSeconds(30))
                        .build();
        try (Producer producer = Producer.create(config)) {
            TransactionSendResult committed =
                    producer.sendInTransaction(
                            transactional("committed"), (m, arg) -> TransactionState.COMMIT, null);
            TransactionSendResult rolledBack =
                    producer.sendInTransaction(
                            transactional("rolled-back"),
                            (m, arg) -> TransactionState.ROLLBACK,
                            null);
            TransactionSendResult unknown =
                    producer.sendInTransaction(
                            transactional("checked-then-committed"),
                            (m, arg) -> TransactionState.UNKNOWN,
                            null);
            // the Proxy confirms an END_TRANSACTION it cannot act on: none counts as delivered
            assertThat(List.of(committed, rolledBack, unknown))
                    .noneMatch(TransactionSendResult::resolutionDelivered);

            // the broker asks once the transaction is 10 s old; the bound only keeps a failure
            // from hanging
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> checked.contains("checked-then-committed"));
            List<MessageExt> received =
                    OfficialConsumer.readUntil(
                            rocketmq.nameServerAddress(),
                            TRANSACTIONS,
                            messages ->
                                    bodies(messages)
                                            .containsAll(
                                                    List.of("committed", "checked-then-committed")),
                            Duration.ofSeconds(90));
            assertThat(bodies(received))
                    .containsExactlyInAnyOrder("committed", "checked-then-committed");
            // the check-backs of decided transactions were answered with the decision
            assertThat(checked).containsExactly("checked-then-committed");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void createShouldLearnTheBrokerBehindTheProxyAtTheProxysAddress() {
        String proxy = rocketmq.proxies().get(0).remoting();
        // generous: a loaded machine must not cut the warm-up that create waits for short
        ProducerConfig config =
                config("proxy-health").toBuilder().requestTimeout(Duration.ofSeconds(30)).build();
        try (Producer producer = Producer.create(config)) {
            // the Proxy lists no cluster (GET_BROKER_CLUSTER_INFO is not supported); its route
            // of SELF_TEST_TOPIC names the broker behind it, at the Proxy's address
            ConnectionStatus status = producer.connectionStatus();
            assertThat(status.nameServers())
                    .singleElement()
                    .satisfies(
                            nameServer -> {
                                assertThat(nameServer.address()).isEqualTo(proxy);
                                assertThat(nameServer.state())
                                        .isEqualTo(EndpointStatus.State.REACHABLE);
                            });
            assertThat(status.brokers())
                    .singleElement()
                    .satisfies(
                            broker -> {
                                assertThat(broker.brokerName()).isEqualTo(rocketmq.brokerName());
                                assertThat(broker.status().address()).isEqualTo(proxy);
                                assertThat(broker.status().state())
                                        .isEqualTo(EndpointStatus.State.REACHABLE);
                            });
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void requestShouldBeRefusedBeforeSendingBecauseTheProxyDoesNotRelayTheReply() {
        try (Producer producer = Producer.create(config("proxy-requester"))) {
            assertThatThrownBy(
                            () ->
                                    producer.requestAndWait(
                                            Message.builder(REQUESTS).body("hello-proxy").build(),
                                            Duration.ofSeconds(15)))
                    .isInstanceOf(FeatureNotSupportedException.class)
                    .hasMessageContaining("is a RocketMQ 5.x Proxy")
                    .hasMessageContaining("does not relay the reply");
            assertThat(producer.pendingRequests()).isZero();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void stoppingOneOfTwoProxiesUnderLoadShouldLoseAndFailNothing() throws Exception {
        // Proxy 1 first: the route comes from it, and names it as the broker's address
        String proxies =
                rocketmq.proxies().get(1).remoting() + ";" + rocketmq.proxies().get(0).remoting();
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(proxies)
                        .group("proxy-failover")
                        .sendTimeout(Duration.ofSeconds(20))
                        .build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sequence = new AtomicInteger();
        try (Producer producer = Producer.create(config)) {
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread sender =
                        new Thread(
                                () -> {
                                    while (!stop.get()) {
                                        try {
                                            acknowledged.add(
                                                    producer.send(
                                                                    Message.builder(FAILOVER)
                                                                            .body(
                                                                                    "m-"
                                                                                            + sequence
                                                                                                    .incrementAndGet())
                                                                            .build())
                                                            .messageId());
                                        } catch (RuntimeException e) {
                                            failures.add(e);
                                        }
                                    }
                                },
                                "proxy-failover-sender-" + t);
                sender.start();
                senders.add(sender);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100);
            rocketmq.stopProxy(1);
            int atStop = acknowledged.size();
            await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= atStop + 100);
            stop.set(true);
            for (Thread sender : senders) {
                sender.join(Duration.ofSeconds(60).toMillis());
            }
            assertThat(producer.connectionStatus().brokers())
                    .singleElement()
                    .satisfies(
                            broker ->
                                    assertThat(broker.status().address())
                                            .isEqualTo(rocketmq.proxies().get(0).remoting()));
        }

        assertThat(failures).isEmpty();
        // a send cut off by the stop was retried, so the topic may hold a copy more
        List<MessageExt> stored =
                OfficialConsumer.readUntil(
                        rocketmq.nameServerAddress(),
                        FAILOVER,
                        messages -> uniqueKeys(messages).containsAll(acknowledged),
                        Duration.ofSeconds(90));
        assertThat(uniqueKeys(stored)).containsAll(acknowledged);
    }

    private static Message transactional(String body) {
        return Message.builder(TRANSACTIONS).keys(body).body(body).build();
    }

    private static List<MessageExt> read(String topic, int count) throws Exception {
        return OfficialConsumer.readAll(
                rocketmq.nameServerAddress(), topic, count, Duration.ofSeconds(60));
    }

    private static Set<String> uniqueKeys(Collection<MessageExt> messages) {
        return messages.stream().map(m -> m.getProperty("UNIQ_KEY")).collect(Collectors.toSet());
    }

    private static long delayOf(MessageExt message) {
        return message.getStoreTimestamp() - message.getBornTimestamp();
    }

    private static String body(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    private static List<String> bodies(Collection<MessageExt> messages) {
        return messages.stream().map(ProxyIntegrationTests::body).toList();
    }

    private static ProducerConfig config(String group) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.proxies().get(0).remoting())
                .group(group)
                .sendTimeout(Duration.ofSeconds(10))
                .build();
    }
}
