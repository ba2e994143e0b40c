package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.internal.AutoBatchCounts;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch that fails, against real brokers: broker-a frozen (SIGSTOP) while a burst is batched to
 * it, so that its batch requests get no answer. Each message of a failed batch then times out on
 * its own and retries on broker-b within its own send timeout, as it would have sent alone; every
 * future completes once, with a result, and every message is read back where its result says.
 */
@ExtendWith(TwoBrokerCluster.class)
class AutoBatchFaultIntegrationTests {

    private static final int MESSAGES = 400;

    private static TwoBrokerCluster.Servers servers;
    private static String topic;

    @BeforeAll
    static void cluster(TwoBrokerCluster.Servers cluster) {
        servers = cluster;
        topic = cluster.createTopic("auto-batch-fault");
    }

    @Test
    void batchesToAFrozenBrokerShouldFailMessageByMessageAndEachRetryOnTheOtherBroker()
            throws Exception {
        Map<String, Integer> attemptsById = new ConcurrentHashMap<>();
        AtomicInteger completions = new AtomicInteger();
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(servers.nameServer())
                        .group("auto-batch-fault")
                        .autoBatch(AutoBatch.enabled())
                        .warmUpTopics(topic)
                        // an attempt gets a second, so a frozen broker leaves time to retry
                        .sendTimeout(Duration.ofSeconds(20))
                        .attemptTimeout(Duration.ofSeconds(1))
                        .listener(
                                new SendListener() {
                                    @Override
                                    public void onSuccess(SendEvent event, SendResult result) {
                                        attemptsById.put(result.messageId(), event.attempts());
                                    }
                                })
                        .build();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        AutoBatchCounts counts;
        EmbeddedRocketMQ clusterA = servers.clusterA();
        try (Producer producer = Producer.create(config)) {
            clusterA.pauseBroker();
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    CompletableFuture<SendResult> future =
                            producer.sendAsync(
                                    Message.builder(topic)
                                            .body(("fault " + i).getBytes(StandardCharsets.UTF_8))
                                            .build());
                    future.whenComplete((result, failure) -> completions.incrementAndGet());
                    futures.add(future);
                }
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                        .get(120, TimeUnit.SECONDS);
            } finally {
                clusterA.resumeBroker();
            }
            counts = AutoBatchedSends.counts(producer);
        }

        assertThat(completions).hasValue(MESSAGES);
        List<SendResult> results = futures.stream().map(CompletableFuture::join).toList();
        assertThat(results).allMatch(result -> result.status() == SendStatus.SEND_OK);
        assertThat(counts.batches()).as("batch requests").isPositive();
        // those batched to the frozen broker-a failed there and went to broker-b, each on its own
        List<SendResult> retried =
                results.stream().filter(r -> attemptsById.get(r.messageId()) > 1).toList();
        assertThat(retried)
                .as("messages retried after their batch to the frozen broker failed")
                .hasSizeGreaterThan(1)
                .allMatch(r -> r.queue().brokerName().equals("broker-b"));

        Set<String> ids = new HashSet<>();
        results.forEach(result -> ids.add(result.messageId()));
        // broker-a stores the frozen requests once it runs again: a retried message may be there
        // twice, the copy its result names on broker-b and the late one on broker-a
        List<MessageExt> read =
                OfficialConsumer.readUntil(
                        servers.nameServer(),
                        topic,
                        copies -> uniqueIds(copies).containsAll(ids),
                        AutoBatchedSends.readTimeout());
        assertThat(uniqueIds(read)).containsAll(ids);
        for (SendResult result : results) {
            assertThat(read)
                    .as("the copy %s reported", result)
                    .anyMatch(
                            m ->
                                    result.messageId().equals(uniqueId(m))
                                            && result.queue().brokerName().equals(m.getBrokerName())
                                            && result.queue().queueId() == m.getQueueId()
                                            && result.queueOffset() == m.getQueueOffset());
        }
    }

    private static Set<String> uniqueIds(java.util.Collection<MessageExt> messages) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(uniqueId(m)));
        return ids;
    }

    private static String uniqueId(MessageExt message) {
        return message.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    }
}
