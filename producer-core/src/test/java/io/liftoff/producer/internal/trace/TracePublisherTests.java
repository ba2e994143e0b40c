package io.liftoff.producer.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceDataEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracePublisherTests {

    private static final Duration NEVER = Duration.ofHours(1);

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private TracePublisher publisher;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close(Duration.ofMillis(200));
        }
    }

    @Test
    void appendWhenABatchWaitsShouldSendItAtOnceAsOneTraceMessage() throws Exception {
        CountDownLatch twoMessages = new CountDownLatch(2);
        publisher =
                new TracePublisher(
                        "RMQ_SYS_TRACE_TOPIC",
                        recording(twoMessages),
                        new TracePublisher.Limits(100, 10, NEVER),
                        "test");

        for (int i = 0; i < 25; i++) {
            publisher.append(pub("orders", i));
        }

        assertThat(twoMessages.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).topic()).isEqualTo("RMQ_SYS_TRACE_TOPIC");
        assertThat(sent.get(0).records()).hasSize(10);
        assertThat(sent.get(0).keys()).contains(id(0), id(9), "key-0").doesNotContain(id(10));
        assertThat(publisher.waiting()).isEqualTo(5);
    }

    @Test
    void closeShouldSendWhatWaitsAndWaitForTheBrokersAnswer() {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        publisher =
                new TracePublisher(
                        "trace",
                        (topic, keys, body) -> {
                            sent.add(new Sent(topic, keys, body));
                            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                                    .execute(() -> answer.complete("stored"));
                            return answer;
                        },
                        new TracePublisher.Limits(100, 10, NEVER),
                        "test");
        publisher.append(pub("orders", 1));
        publisher.append(pub("orders", 2));
        publisher.append(pub("orders", 3));

        publisher.close(Duration.ofSeconds(10));

        assertThat(answer).isCompleted();
        assertThat(sent).singleElement().extracting(Sent::records).asList().hasSize(3);
        assertThat(publisher.sent()).isEqualTo(1);
    }

    @Test
    void appendWhenTheQueueIsFullShouldDropAndCountWithoutBlocking() {
        publisher =
                new TracePublisher(
                        "trace",
                        (topic, keys, body) -> new CompletableFuture<>(), // never answered
                        new TracePublisher.Limits(4, 100, NEVER),
                        "test");

        // the sender never answers, so an append that waited for room would wait forever: the
        // bound only turns such a hang into a failure
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> {
                    for (int i = 0; i < 1_000; i++) {
                        publisher.append(pub("orders", i));
                    }
                });

        assertThat(publisher.waiting()).isEqualTo(4);
        assertThat(publisher.dropped()).isEqualTo(996);
    }

    @Test
    void appendAfterCloseShouldDropAndCount() {
        publisher =
                new TracePublisher(
                        "trace",
                        recording(new CountDownLatch(0)),
                        TracePublisher.Limits.DEFAULTS,
                        "t");
        publisher.close(Duration.ofSeconds(1));

        publisher.append(pub("orders", 1));

        assertThat(publisher.dropped()).isEqualTo(1);
        assertThat(sent).isEmpty();
    }

    @Test
    void recordsOfSeveralTopicsShouldTravelInOneTraceMessagePerTopic() {
        publisher =
                new TracePublisher(
                        "trace",
                        recording(new CountDownLatch(0)),
                        new TracePublisher.Limits(100, 10, NEVER),
                        "test");
        publisher.append(pub("orders", 1));
        publisher.append(pub("payments", 2));
        publisher.append(pub("orders", 3));

        publisher.close(Duration.ofSeconds(10));

        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).records())
                .extracting(context -> context.getTraceBeans().get(0).getMsgId())
                .containsExactly(id(1), id(3));
        assertThat(sent.get(1).records())
                .extracting(context -> context.getTraceBeans().get(0).getTopic())
                .containsExactly("payments");
    }

    @Test
    void flushIntervalShouldSendFewerRecordsThanABatch() throws Exception {
        CountDownLatch one = new CountDownLatch(1);
        publisher =
                new TracePublisher(
                        "trace",
                        recording(one),
                        new TracePublisher.Limits(100, 10, Duration.ofMillis(50)),
                        "test");

        publisher.append(pub("orders", 1));

        assertThat(one.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sent).singleElement().extracting(Sent::keys).asList().contains(id(1));
    }

    @Test
    void aFailedTraceMessageShouldBeCounted() {
        publisher =
                new TracePublisher(
                        "trace",
                        (topic, keys, body) -> {
                            throw new IllegalStateException("no route");
                        },
                        new TracePublisher.Limits(100, 10, NEVER),
                        "test");
        publisher.append(pub("orders", 1));

        publisher.close(Duration.ofSeconds(10));

        assertThat(publisher.failed()).isEqualTo(1);
        assertThat(publisher.sent()).isZero();
    }

    private TracePublisher.Sink recording(CountDownLatch messages) {
        return (topic, keys, body) -> {
            sent.add(new Sent(topic, keys, body));
            messages.countDown();
            return CompletableFuture.completedFuture("stored");
        };
    }

    private static String id(int i) {
        return String.format("7F00000100002A9F%016X", i);
    }

    private static TraceRecord.Pub pub(String topic, int i) {
        return new TraceRecord.Pub(
                1L,
                "DefaultRegion",
                "g",
                topic,
                id(i),
                null,
                List.of("key-" + i),
                "127.0.0.1:10911",
                10,
                1,
                TraceMessageType.NORMAL,
                "offset",
                true);
    }

    private record Sent(String topic, List<String> keys, byte[] body) {
        List<TraceContext> records() {
            return TraceDataEncoder.decoderFromTraceDataString(
                    new String(body, StandardCharsets.UTF_8));
        }
    }
}
