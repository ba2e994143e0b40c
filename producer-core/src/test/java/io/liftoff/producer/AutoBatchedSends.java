package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.OfficialConsumerProcess;
import io.liftoff.producer.internal.AutoBatchCounts;
import io.liftoff.producer.internal.DefaultProducer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A burst of async sends through a producer with automatic batching on, and the checks that it was
 * batched and that every message was stored where its own result says: its id, queue and offset as
 * the official consumer read them, its body unchanged. Shared by the tests against each broker
 * version, whatever consumer read the messages back.
 */
final class AutoBatchedSends {

    /** Where a consumer found one message, and a digest of its body. */
    record Stored(
            String messageId, String brokerName, int queueId, long queueOffset, String bodySha256) {

        /** As the official consumer of the test class path read them. */
        static List<Stored> of(List<MessageExt> read) {
            return read.stream()
                    .map(
                            m ->
                                    new Stored(
                                            m.getProperty(
                                                    MessageConst
                                                            .PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
                                            m.getBrokerName(),
                                            m.getQueueId(),
                                            m.getQueueOffset(),
                                            sha256(m.getBody())))
                    .toList();
        }

        /**
         * As the official consumer of another version read them, from the one broker of {@code
         * brokerName}.
         */
        static List<Stored> ofProcess(
                List<OfficialConsumerProcess.Consumed> read, String brokerName) {
            return read.stream()
                    .map(
                            m ->
                                    new Stored(
                                            m.uniqueId(),
                                            brokerName,
                                            m.queueId(),
                                            m.queueOffset(),
                                            m.bodySha256()))
                    .toList();
        }
    }

    private final Map<String, Message> sent = new LinkedHashMap<>();
    private final Map<String, SendResult> results = new LinkedHashMap<>();
    private final AutoBatchCounts counts;

    private AutoBatchedSends(AutoBatchCounts counts) {
        this.counts = counts;
    }

    /**
     * Sends {@code count} messages to {@code topic} without waiting between them: bodies of 1 to
     * 1,500 bytes, some with tags, keys and a property, so that batches hold records of every
     * shape. Waits for every result.
     */
    static AutoBatchedSends sendAsync(Producer producer, String topic, int count) throws Exception {
        List<Message> messages = new ArrayList<>(count);
        List<CompletableFuture<SendResult>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Message message = message(topic, i);
            messages.add(message);
            futures.add(producer.sendAsync(message));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
        AutoBatchedSends sends = new AutoBatchedSends(counts(producer));
        for (int i = 0; i < count; i++) {
            SendResult result = futures.get(i).join();
            assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
            sends.sent.put(result.messageId(), messages.get(i));
            sends.results.put(result.messageId(), result);
        }
        assertThat(sends.sent).as("one id per message").hasSize(count);
        return sends;
    }

    /** What the producer's batching did so far. */
    static AutoBatchCounts counts(Producer producer) {
        return ((DefaultProducer) producer).autoBatchCounts();
    }

    /** How many messages were sent. */
    int count() {
        return sent.size();
    }

    /** Asserts that batch requests carried many of the messages: a burst is batched. */
    AutoBatchedSends assertBatched() {
        assertThat(counts.batches()).as("batch requests").isPositive();
        assertThat(counts.messages())
                .as("messages in batch requests (%s)", counts)
                .isGreaterThan(counts.batches());
        return this;
    }

    /**
     * Asserts that {@code read} holds every message sent, once, with the id, queue and offset its
     * result reported and the body sent.
     */
    void assertStoredAsReported(List<Stored> read) {
        Map<String, Stored> byId = new LinkedHashMap<>();
        read.forEach(stored -> byId.put(stored.messageId(), stored));
        assertThat(read).as("each message read once").hasSameSizeAs(byId.keySet());
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        results.forEach(
                (id, result) -> {
                    Stored stored = byId.get(id);
                    assertThat(stored.brokerName())
                            .as("broker of %s", id)
                            .isEqualTo(result.queue().brokerName());
                    assertThat(stored.queueId())
                            .as("queue of %s", id)
                            .isEqualTo(result.queue().queueId());
                    assertThat(stored.queueOffset())
                            .as("queue offset of %s", id)
                            .isEqualTo(result.queueOffset());
                    assertThat(stored.bodySha256())
                            .as("body of %s", id)
                            .isEqualTo(sha256(sent.get(id).body()));
                });
    }

    /**
     * Asserts that the messages went to each of the topic's {@code queues} about equally, as
     * without batching: each message chooses its queue before its lane holds it, so a batch only
     * joins messages that chose the same queue. At least half a fair share each, a bound far below
     * the round robin's near-equal split.
     */
    AutoBatchedSends assertSpreadOver(int queues) {
        Map<Integer, Long> perQueue = new TreeMap<>();
        results.values().forEach(result -> perQueue.merge(result.queue().queueId(), 1L, Long::sum));
        assertThat(perQueue).as("messages per queue").hasSize(queues);
        assertThat(perQueue.values())
                .as("messages per queue: %s", perQueue)
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(count() / (2L * queues)));
        return this;
    }

    /** The messages sent, by id; for checks of their other fields. */
    Map<String, Message> sent() {
        return sent;
    }

    /** The timeout that bounds a read-back of {@code count} messages on a loaded machine. */
    static Duration readTimeout() {
        return Duration.ofSeconds(120);
    }

    private static Message message(String topic, int index) {
        byte[] body = new byte[1 + (index * 37) % 1500];
        byte[] label = ("message " + index + " ").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(label, 0, body, 0, Math.min(label.length, body.length));
        Message.Builder builder = Message.builder(topic).body(body);
        if (index % 3 == 0) {
            builder.tags("tag-" + index % 5);
        }
        if (index % 4 == 0) {
            builder.keys("order-" + index);
        }
        if (index % 5 == 0) {
            builder.property("index", Integer.toString(index));
        }
        return builder.build();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
