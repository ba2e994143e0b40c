package io.liftoff.bench.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both clients accept the sink as name server and broker, in both header serializations. */
class SinkServerTests {

    private SinkServer sink;

    @BeforeEach
    void startSink() {
        sink = SinkServer.start(0, 1);
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    @Test
    void sendWhenLiftoffUsesEitherSerializationShouldBeAnsweredInKind() throws Exception {
        for (HeaderSerialization serialization : HeaderSerialization.values()) {
            ProducerConfig config =
                    ProducerConfig.builder()
                            .nameServer(sink.address())
                            .group("sink-test-" + serialization)
                            .headerSerialization(serialization)
                            .sendTimeout(Duration.ofSeconds(30))
                            // the route look-up: a bound a loaded machine keeps (default 3 s)
                            .requestTimeout(Duration.ofSeconds(30))
                            .build();
            try (Producer producer = Producer.create(config)) {
                Message message = Message.builder("bench").body("hello").build();
                SendResult first = producer.send(message);
                SendResult second = producer.sendAsync(message).get(60, TimeUnit.SECONDS);

                assertThat(first.status()).isEqualTo(SendStatus.SEND_OK);
                assertThat(first.queue().brokerName()).isEqualTo(SinkHandler.BROKER_NAME);
                assertThat(first.offsetMessageId()).hasSize(32);
                assertThat(second.status()).isEqualTo(SendStatus.SEND_OK);
            }
            assertThat(sink.stats().drain())
                    .containsEntry("310/" + serialization, new SinkStats.Traffic(2, 2));
        }
    }

    @Test
    void batchOfThreeShouldGetThreeIdsAndConsecutiveOffsets() {
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(sink.address())
                        .group("sink-test-batch")
                        .sendTimeout(Duration.ofSeconds(30))
                        .requestTimeout(Duration.ofSeconds(30))
                        .build();
        List<SendResult> results;
        try (Producer producer = Producer.create(config)) {
            Message first = Message.builder("bench").body("one").build();
            results =
                    producer.sendBatch(
                            List.of(
                                    first,
                                    Message.builder("bench").body("two").build(),
                                    Message.builder("bench").body("three").build()));
        }

        assertThat(results).hasSize(3).allMatch(r -> r.status() == SendStatus.SEND_OK);
        assertThat(results)
                .extracting(SendResult::offsetMessageId)
                .allMatch(id -> id.length() == 32)
                .doesNotHaveDuplicates();
        long firstOffset = results.get(0).queueOffset();
        assertThat(results)
                .extracting(SendResult::queueOffset)
                .containsExactly(firstOffset, firstOffset + 1, firstOffset + 2);
        assertThat(sink.stats().drain()).containsEntry("320/ROCKETMQ", new SinkStats.Traffic(3, 1));
    }

    @Test
    void sendWhenOfficialClientShouldBeStoredWithSendOk() throws Exception {
        System.setProperty("rocketmq.client.logRoot", "target/rocketmq-client-logs");
        DefaultMQProducer producer = new DefaultMQProducer("sink-test-official");
        producer.setNamesrvAddr(sink.address());
        producer.setVipChannelEnabled(false);
        // the first send looks up the route and connects; generous on a loaded machine
        producer.setSendMsgTimeout(30_000);
        // its route look-up has a timeout of its own, 3 s by default
        producer.setMqClientApiTimeout(30_000);
        producer.start();
        try {
            org.apache.rocketmq.client.producer.SendResult result =
                    producer.send(
                            new org.apache.rocketmq.common.message.Message(
                                    "bench", "hello".getBytes(StandardCharsets.UTF_8)));

            assertThat(result.getSendStatus())
                    .isEqualTo(org.apache.rocketmq.client.producer.SendStatus.SEND_OK);
            assertThat(result.getMessageQueue().getBrokerName()).isEqualTo(SinkHandler.BROKER_NAME);
            assertThat(result.getOffsetMsgId()).hasSize(32);
        } finally {
            producer.shutdown();
        }
        Map<String, SinkStats.Traffic> counts = sink.stats().drain();
        assertThat(counts.keySet()).anyMatch(key -> key.startsWith("310/"));
        assertThat(counts.keySet()).anyMatch(key -> key.startsWith("105/"));
    }
}
