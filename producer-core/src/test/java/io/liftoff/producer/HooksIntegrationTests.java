package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Interceptors and listeners around real sends. */
@ExtendWith(EmbeddedRocketMQExtension.class)
class HooksIntegrationTests {

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void createTopic(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        cluster.createTopic("hooks", 2);
    }

    @Test
    void interceptorShouldAddPropertiesAndVetoAndListenersHearEverySendOnce() throws Exception {
        Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        List<SendEvent> events = new CopyOnWriteArrayList<>();
        SendListener counting =
                new SendListener() {
                    @Override
                    public void onSuccess(SendEvent event, SendResult result) {
                        events.add(event);
                        successes
                                .computeIfAbsent(body(event.message()), k -> new AtomicInteger())
                                .incrementAndGet();
                    }

                    @Override
                    public void onFailure(SendEvent event, Throwable failure) {
                        events.add(event);
                        failures.computeIfAbsent(body(event.message()), k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                };
        SendListener throwing =
                new SendListener() {
                    @Override
                    public void onSuccess(SendEvent event, SendResult result) {
                        throw new IllegalStateException("listener bug");
                    }
                };
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(rocketmq.nameServerAddress())
                        .group("hooks")
                        .interceptor(
                                message -> {
                                    if (body(message).startsWith("forbidden")) {
                                        throw new IllegalArgumentException("no forbidden bodies");
                                    }
                                    return message.toBuilder().property("traced", "yes").build();
                                })
                        .listener(throwing)
                        .listener(counting)
                        .build();
        try (Producer producer = Producer.create(config)) {
            // listeners run before the caller sees the outcome: each send was heard on return
            SendResult sync = producer.send(message("sync"));
            assertThat(successes).containsKey("sync");
            SendResult async = producer.sendAsync(message("async")).get();
            assertThat(successes).containsKey("async");
            producer.sendOneway(message("oneway"));
            assertThat(successes).containsKey("oneway");
            producer.sendBatch(List.of(message("batch-1"), message("batch-2")));
            assertThat(successes).containsKeys("batch-1", "batch-2");
            assertThatExceptionOfType(SendVetoedException.class)
                    .isThrownBy(() -> producer.send(message("forbidden")))
                    .withMessageContaining("no forbidden bodies")
                    .withCauseInstanceOf(IllegalArgumentException.class);
            assertThat(sync.status()).isEqualTo(SendStatus.SEND_OK);
            assertThat(async.status()).isEqualTo(SendStatus.SEND_OK);
        }

        assertThat(successes.keySet())
                .containsExactlyInAnyOrder("sync", "async", "oneway", "batch-1", "batch-2");
        assertThat(successes.values()).allMatch(count -> count.get() == 1);
        assertThat(failures).containsOnlyKeys("forbidden");
        assertThat(failures.get("forbidden").get()).isEqualTo(1);
        // every send went out once; the vetoed one never did
        assertThat(events)
                .allMatch(e -> e.attempts() == (body(e.message()).equals("forbidden") ? 0 : 1))
                .allMatch(e -> !e.elapsed().isNegative());

        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), "hooks", 5, Duration.ofSeconds(60));
        assertThat(received).hasSize(5).allMatch(m -> "yes".equals(m.getUserProperty("traced")));
    }

    private static Message message(String body) {
        return Message.builder("hooks").body(body).build();
    }

    private static String body(Message message) {
        return new String(message.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
