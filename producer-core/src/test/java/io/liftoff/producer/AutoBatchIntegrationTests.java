package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.internal.AutoBatchCounts;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Automatic batching against the real 5.3.3 broker, every message read back by the official
 * consumer: each keeps the id, queue and offset its own result reported; a sharding key's messages
 * keep their order; sync senders on many threads share batches; close sends what is held.
 */
@ExtendWith(EmbeddedRocketMQExtension.class)
class AutoBatchIntegrationTests {

    private static final String TOPIC = "auto-batch";
    private static final String ORDERLY = "auto-batch-orderly";
    private static final String ORDERLY_UNBATCHED = "auto-batch-orderly-unbatched";
    private static final String ONE_QUEUE = "auto-batch-one-queue";
    private static final String CLOSING = "auto-batch-closing";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void createTopics(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        cluster.createTopic(TOPIC, 4);
        cluster.createTopic(ORDERLY, 4);
        cluster.createTopic(ORDERLY_UNBATCHED, 4);
        cluster.createTopic(ONE_QUEUE, 1);
        cluster.createTopic(CLOSING, 2);
    }

    @Test
    void asyncBurstShouldGoInBatchesAndEachMessageBeStoredWhereItsResultSays() throws Exception {
        AutoBatchedSends sends;
        try (Producer producer = Producer.create(config("auto-batch-burst"))) {
            sends =
                    AutoBatchedSends.sendAsync(producer, TOPIC, 3000)
                            .assertBatched()
                            .assertSpreadOver(4);
        }

        List<MessageExt> read =
                OfficialConsumer.readAll(
                        rocketmq, TOPIC, sends.count(), AutoBatchedSends.readTimeout());
        sends.assertStoredAsReported(AutoBatchedSends.Stored.of(read));
        // tags, keys and properties survive each record of a batch
        Delivery.assertDeliveredUnchanged(sends.sent(), read);
    }

    /**
     * From the very first send, before the topic's route is known, so that the sends that wait for
     * it start in order too; with batching off as well, which needs that just the same.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void asyncSendsOfOneShardingKeyShouldKeepTheirOrderFromTheFirstSend(boolean batching)
            throws Exception {
        String topic = batching ? ORDERLY : ORDERLY_UNBATCHED;
        OrderlySends sends;
        AutoBatchCounts counts;
        ProducerConfig config =
                config("auto-batch-orderly-" + batching).toBuilder()
                        .autoBatch(batching ? AutoBatch.enabled() : AutoBatch.disabled())
                        .build();
        try (Producer producer = Producer.create(config)) {
            sends =
                    OrderlySends.sendAsync(
                            producer, topic, List.of("customer-1", "customer-2"), 500);
            counts = AutoBatchedSends.counts(producer);
        }

        if (batching) {
            assertThat(counts.batches()).as("batch requests").isPositive();
        }
        sends.assertEachKeysOrderOnOneQueue(
                OrderlySends.Stored.of(
                        OfficialConsumer.readAll(
                                rocketmq, topic, sends.count(), AutoBatchedSends.readTimeout())));
    }

    @Test
    void syncSendsFromManyThreadsShouldShareBatches() throws Exception {
        int threads = 8;
        int perThread = 60;
        Map<String, SendResult> results = new ConcurrentHashMap<>();
        AutoBatchCounts counts;
        try (Producer producer = Producer.create(config("auto-batch-sync"))) {
            ExecutorService senders = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(
                            senders.submit(
                                    () -> {
                                        for (int i = 0; i < perThread; i++) {
                                            SendResult result =
                                                    producer.send(
                                                            Message.builder(ONE_QUEUE)
                                                                    .body(thread + "/" + i)
                                                                    .build());
                                            results.put(result.messageId(), result);
                                        }
                                    }));
                }
                for (Future<?> sender : done) {
                    sender.get(120, TimeUnit.SECONDS);
                }
            } finally {
                senders.shutdownNow();
            }
            counts = AutoBatchedSends.counts(producer);
        }

        assertThat(results).hasSize(threads * perThread);
        assertThat(counts.batches()).as("batch requests").isPositive();
        List<MessageExt> read =
                OfficialConsumer.readAll(
                        rocketmq, ONE_QUEUE, results.size(), AutoBatchedSends.readTimeout());
        assertThat(read)
                .allSatisfy(
                        m -> {
                            String id = uniqueId(m);
                            SendResult result = results.get(id);
                            assertThat(result).as("result of %s", id).isNotNull();
                            assertThat(m.getQueueOffset()).isEqualTo(result.queueOffset());
                        })
                .hasSize(results.size());
    }

    @Test
    void closeShouldSendWhatIsHeldAndCompleteEveryFutureOnce() throws Exception {
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        AutoBatchCounts counts;
        // a long linger: what is held when close starts waits for an answer, not for the timer
        ProducerConfig config =
                config("auto-batch-closing").toBuilder()
                        .autoBatch(AutoBatch.enabled().withLinger(Duration.ofSeconds(1)))
                        .build();
        Producer producer = Producer.create(config);
        for (int i = 0; i < 1000; i++) {
            futures.add(producer.sendAsync(Message.builder(CLOSING).body("closing " + i).build()));
        }
        producer.close();
        counts = AutoBatchedSends.counts(producer);

        assertThat(futures).allSatisfy(future -> assertThat(future).isCompleted());
        List<String> ids = futures.stream().map(future -> future.join().messageId()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(counts.batches()).as("batch requests").isPositive();
        assertThat(
                        OfficialConsumer.readAll(
                                rocketmq, CLOSING, ids.size(), AutoBatchedSends.readTimeout()))
                .extracting(AutoBatchIntegrationTests::uniqueId)
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    private static String uniqueId(MessageExt message) {
        return message.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    }

    private static ProducerConfig config(String group) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .autoBatch(AutoBatch.enabled())
                .build();
    }
}
