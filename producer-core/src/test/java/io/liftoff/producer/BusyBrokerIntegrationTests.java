package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real 5.3.3 broker that sheds load at once (one send thread, a send queue of one slot): a burst
 * of async sends issued at once, with the producer's defaults, stores every message. The send
 * window to the broker shrinks on its SYSTEM_BUSY answers and the sends wait for room in order,
 * rather than each backing off alone and coming back as a herd.
 */
class BusyBrokerIntegrationTests {

    private static final int BURST = 2_000;

    private static EmbeddedRocketMQ busy;

    @BeforeAll
    static void start() {
        busy = startSheddingBroker();
        busy.createTopic("busy", 4);
    }

    /**
     * A real broker that sheds load at once: one send thread, a send queue of one slot; it refuses
     * a send request as soon as two overlap.
     */
    static EmbeddedRocketMQ startSheddingBroker() {
        return EmbeddedRocketMQ.builder()
                .brokerProperty("sendMessageThreadPoolNums", "1")
                .brokerProperty("sendThreadPoolQueueCapacity", "1")
                .start();
    }

    @AfterAll
    static void stop() {
        busy.close();
    }

    @Test
    void sendAsyncBurstWhenBrokerShedsLoadShouldStoreEveryMessageWithTheDefaults()
            throws Exception {
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(busy.nameServerAddress())
                        .group("busy-burst")
                        .listener(new CountingListener(outcomes))
                        .build();
        List<CompletableFuture<SendResult>> sends = new ArrayList<>(BURST);
        ConnectionStatus.SendWindowStatus window;
        try (Producer producer = Producer.create(config)) {
            for (int i = 0; i < BURST; i++) {
                sends.add(producer.sendAsync(Message.builder("busy").body("m" + i).build()));
            }
            List<Throwable> failures = new ArrayList<>();
            for (CompletableFuture<SendResult> send : sends) {
                send.handle((result, failure) -> failure).thenAccept(failures::add).join();
            }
            failures.removeIf(failure -> failure == null);

            assertThat(failures).as("sends that failed").isEmpty();
            window = windowOf(producer, "busy");
        }

        // Why the broker surely shed load: the window starts at 32 requests, written at once. The
        // broker's I/O thread decodes them from one read and hands each to a pool of one thread
        // with one queue slot, microseconds apart, while storing one takes tens of microseconds;
        // and the window keeps probing for more room by growing until the broker refuses again.
        assertThat(window.flowControlAnswers())
                .as("SYSTEM_BUSY answers: the broker shed load, or this test proves nothing")
                .isPositive();
        assertThat(window.limit()).isBetween(1, BURST);
        assertThat(window.inFlight()).isZero();
        assertThat(window.waiting()).isZero();
        assertThat(outcomes)
                .hasSize(BURST)
                .allSatisfy((id, count) -> assertThat(count).hasValue(1));

        Set<String> sentIds =
                sends.stream().map(send -> send.join().messageId()).collect(Collectors.toSet());
        List<MessageExt> stored =
                OfficialConsumer.readAll(
                        busy.nameServerAddress(), "busy", BURST, Duration.ofSeconds(60));
        assertThat(stored.stream().map(MessageExt::getMsgId).collect(Collectors.toSet()))
                .as("every acknowledged message, read back by the official consumer")
                .containsAll(sentIds);
        assertThat(stored.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8)))
                .hasSize(BURST)
                .doesNotHaveDuplicates();
    }

    /**
     * Async sends of sharding keys while the broker sheds load: a key's message answered with
     * SYSTEM_BUSY pauses and is sent again before any later message of its queue, so each key's
     * messages are stored in the order sent. A burst without keys beside them keeps the broker
     * busy; rounds go on until a keyed send was surely sent again (at most five).
     */
    @Test
    void asyncSendsOfShardingKeysWhenBrokerShedsLoadShouldBeStoredInEachKeysOrder()
            throws Exception {
        AtomicInteger resent = new AtomicInteger();
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(busy.nameServerAddress())
                        .group("busy-orderly")
                        // the order is the point here, not the budget: the burst beside the keys
                        // waits long for room on a loaded machine
                        .sendTimeout(Duration.ofSeconds(60))
                        .listener(
                                new SendListener() {
                                    @Override
                                    public void onSuccess(SendEvent event, SendResult result) {
                                        if (event.message().shardingKey() != null
                                                && event.attempts() > 1) {
                                            resent.incrementAndGet();
                                        }
                                    }
                                })
                        .build();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            keys.add("customer-" + i);
        }
        try (Producer producer = Producer.create(config)) {
            for (int round = 1; round <= 5 && resent.get() == 0; round++) {
                String topic = "busy-orderly-" + round;
                String unkeyed = "busy-unkeyed-" + round;
                busy.createTopic(topic, 8);
                busy.createTopic(unkeyed, 4);
                List<CompletableFuture<SendResult>> burst = new ArrayList<>(BURST);
                for (int i = 0; i < BURST; i++) {
                    burst.add(producer.sendAsync(Message.builder(unkeyed).body("b" + i).build()));
                }
                OrderlySends sends = OrderlySends.sendAsync(producer, topic, keys, 50);
                CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new))
                        .get(120, TimeUnit.SECONDS);

                sends.assertEachKeysOrderOnOneQueue(
                        OrderlySends.Stored.of(
                                OfficialConsumer.readAll(
                                        busy.nameServerAddress(),
                                        topic,
                                        sends.count(),
                                        Duration.ofSeconds(60))));
            }
        }
        assertThat(resent)
                .as("keyed sends sent again after SYSTEM_BUSY, or this test proves nothing")
                .hasPositiveValue();
    }

    private static ConnectionStatus.SendWindowStatus windowOf(Producer producer, String topic) {
        return producer.connectionStatus().brokers().stream()
                .filter(broker -> broker.brokerName().equals(busy.brokerName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no status of " + busy.brokerName()))
                .sendWindow();
    }

    /** Counts the outcomes each message's listeners hear, by message id. */
    private record CountingListener(Map<String, AtomicInteger> outcomes) implements SendListener {

        @Override
        public void onSuccess(SendEvent event, SendResult result) {
            outcomes.computeIfAbsent(result.messageId(), id -> new AtomicInteger())
                    .incrementAndGet();
        }

        @Override
        public void onFailure(SendEvent event, Throwable failure) {
            outcomes.computeIfAbsent("failed " + event.message(), id -> new AtomicInteger())
                    .incrementAndGet();
        }
    }
}
