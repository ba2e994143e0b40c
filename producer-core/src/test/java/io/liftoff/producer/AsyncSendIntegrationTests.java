package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Async and oneway sends against the real broker, including a broker frozen with SIGSTOP. */
@ExtendWith(EmbeddedRocketMQExtension.class)
class AsyncSendIntegrationTests {

    private static final int MESSAGES = 100_000;
    private static final int MAX_IN_FLIGHT = 512;

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void createTopics(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        cluster.createTopic("async-bulk", 4);
        cluster.createTopic("async-paused", 2);
        cluster.createTopic("oneway", 2);
    }

    @Test
    void sendAsyncShouldCompleteEveryFutureOnceWithinTheInFlightBound() throws Exception {
        AtomicIntegerArray completions = new AtomicIntegerArray(MESSAGES);
        Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong failures = new AtomicLong();
        int maxSeenInFlight = 0;
        // budgets a loaded machine keeps: no send may fail here, however slow the broker gets
        ProducerConfig config =
                config("async-bulk").toBuilder()
                        .maxInFlightMessages(MAX_IN_FLIGHT)
                        .backPressureTimeout(Duration.ofSeconds(60))
                        .sendTimeout(Duration.ofSeconds(60))
                        .build();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>(MESSAGES);
        try (Producer producer = Producer.create(config)) {
            for (int i = 0; i < MESSAGES; i++) {
                int index = i;
                CompletableFuture<SendResult> future =
                        producer.sendAsync(
                                Message.builder("async-bulk").body("async-" + i).build());
                future.whenComplete(
                        (result, failure) -> {
                            completions.incrementAndGet(index);
                            callbackThreads.add(Thread.currentThread().getName());
                            if (failure == null) {
                                acknowledged.add(result.messageId());
                            } else {
                                failures.incrementAndGet();
                            }
                        });
                futures.add(future);
                maxSeenInFlight = Math.max(maxSeenInFlight, producer.inFlightMessages());
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .exceptionally(failure -> null)
                    .get(300, TimeUnit.SECONDS);
            assertThat(producer.inFlightMessages()).isZero();
            assertThat(producer.inFlightBytes()).isZero();
        }

        assertThat(failures.get()).isZero();
        assertThat(maxSeenInFlight).isPositive().isLessThanOrEqualTo(MAX_IN_FLIGHT);
        List<Integer> notCompletedOnce = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            if (completions.get(i) != 1) {
                notCompletedOnce.add(i);
            }
        }
        assertThat(notCompletedOnce).as("futures not completed exactly once").isEmpty();
        // Completed by the callback pool, never by a network thread; a callback registered on a
        // future that is already complete runs at once on the registering thread, as
        // CompletableFuture does, which a loaded machine makes likely for some of them.
        String testThread = Thread.currentThread().getName();
        assertThat(callbackThreads)
                .allMatch(name -> name.startsWith("liftoff-callback-") || name.equals(testThread))
                .anyMatch(name -> name.startsWith("liftoff-callback-"));
        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(),
                        "async-bulk",
                        MESSAGES,
                        Duration.ofSeconds(300));
        Set<String> receivedIds = new HashSet<>();
        received.forEach(m -> receivedIds.add(m.getProperty("UNIQ_KEY")));
        // plain set arithmetic: AssertJ's containsAll is quadratic on 100k elements
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(receivedIds);
        assertThat(acknowledged).hasSize(MESSAGES);
        assertThat(receivedIds).hasSize(MESSAGES);
        assertThat(lost).as("acknowledged but not consumed").isEmpty();
    }

    @Test
    void sendAsyncWhenBoundsAreFullShouldFailNamingTheBound() throws Exception {
        ProducerConfig config =
                config("bounded").toBuilder()
                        .maxInFlightMessages(2)
                        .maxInFlightBytes(1_000)
                        .backPressureTimeout(Duration.ofMillis(200))
                        // the stuck sends must outlive the test's steps, however slow
                        .sendTimeout(Duration.ofMinutes(5))
                        .build();
        try (Producer producer = Producer.create(config)) {
            producer.send(message("async-paused", "warm up"));
            rocketmq.pauseBroker();
            List<CompletableFuture<SendResult>> stuck = new ArrayList<>();
            try {
                stuck.add(producer.sendAsync(message("async-paused", "x".repeat(600))));
                CompletableFuture<SendResult> beyondBytes =
                        producer.sendAsync(message("async-paused", "y".repeat(600)));
                // goal: the back-pressure timeout (200 ms); the bound only keeps a failure from
                // hanging
                assertThat(beyondBytes)
                        .as(
                                () ->
                                        "the second send, while the first one is "
                                                + outcomeOf(stuck.get(0))
                                                + ", with "
                                                + producer.inFlightBytes()
                                                + " bytes in flight, over "
                                                + producer.connectionStatus())
                        .failsWithin(Duration.ofSeconds(30))
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause()
                        .isInstanceOf(BackPressureException.class)
                        .withMessageContaining("maxInFlightBytes");
                stuck.add(producer.sendAsync(message("async-paused", "small")));
                assertThat(producer.inFlightMessages()).isEqualTo(2);
                assertThat(producer.sendAsync(message("async-paused", "third")))
                        .failsWithin(Duration.ofSeconds(30))
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause()
                        .isInstanceOf(BackPressureException.class)
                        .withMessageContaining("maxInFlightMessages");
            } finally {
                rocketmq.resumeBroker();
            }
            for (CompletableFuture<SendResult> future : stuck) {
                assertThat(future.get(60, TimeUnit.SECONDS).status()).isEqualTo(SendStatus.SEND_OK);
            }
        }
    }

    @Test
    void sendAsyncWhenBrokerHangsShouldTimeOutAndCloseShouldCompleteTheRest() throws Exception {
        ProducerConfig hasty =
                config("hasty").toBuilder().sendTimeout(Duration.ofMillis(500)).build();
        ProducerConfig patient =
                config("patient").toBuilder()
                        .sendTimeout(Duration.ofMinutes(1))
                        .drainTimeout(Duration.ofMillis(200))
                        .build();
        try (Producer hastyProducer = Producer.create(hasty)) {
            Producer patientProducer = Producer.create(patient);
            hastyProducer.send(message("async-paused", "warm up"));
            patientProducer.send(message("async-paused", "warm up"));
            rocketmq.pauseBroker();
            try {
                // goal: the send timeout (500 ms); the bound only keeps a failure from hanging
                assertThat(hastyProducer.sendAsync(message("async-paused", "times out")))
                        .failsWithin(Duration.ofSeconds(30))
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause()
                        .isInstanceOf(SendTimeoutException.class);
                assertThatThrownBy(() -> hastyProducer.send(message("async-paused", "sync")))
                        .isInstanceOf(SendTimeoutException.class);

                CompletableFuture<SendResult> pending =
                        patientProducer.sendAsync(message("async-paused", "pending at close"));
                patientProducer.close();

                assertThat(pending)
                        .failsWithin(Duration.ofSeconds(30))
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause()
                        .isInstanceOf(ProducerClosedException.class)
                        .withMessageContaining("may or may not be stored");
                assertThat(patientProducer.inFlightMessages()).isZero();
            } finally {
                rocketmq.resumeBroker();
            }
        }
    }

    @Test
    void sendOnewayShouldBeStored() throws Exception {
        try (Producer producer = Producer.create(config("oneway"))) {
            for (int i = 0; i < 50; i++) {
                producer.sendOneway(message("oneway", "oneway-" + i));
            }
            assertThat(producer.inFlightMessages()).isZero();
        }
        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), "oneway", 50, Duration.ofSeconds(60));
        assertThat(received)
                .extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .hasSize(50)
                .allMatch(body -> body.startsWith("oneway-"));
    }

    private static Message message(String topic, String body) {
        return Message.builder(topic).body(body).build();
    }

    private static ProducerConfig config(String group) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .sendTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** What a future holds, for a failure message: the result or failure, or that it is pending. */
    private static String outcomeOf(CompletableFuture<SendResult> future) {
        if (!future.isDone()) {
            return "pending";
        }
        return future.handle((result, failure) -> "done: " + (result != null ? result : failure))
                .join();
    }
}
