package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.OfficialConsumerProcess;
import io.liftoff.producer.message.Message;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Messages of several sharding keys, sent in turns, and the check that each key's messages were
 * stored on one queue in the order sent. Shared by the orderly tests against each broker version,
 * whatever consumer read the messages back.
 */
final class OrderlySends {

    /** Where a consumer found one message. */
    record Stored(String messageId, int queueId, long queueOffset) {

        /** As the official consumer of the test class path read them. */
        static List<Stored> of(List<MessageExt> read) {
            return read.stream()
                    .map(
                            m ->
                                    new Stored(
                                            m.getProperty(
                                                    MessageConst
                                                            .PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
                                            m.getQueueId(),
                                            m.getQueueOffset()))
                    .toList();
        }

        /** As the official consumer of another version read them. */
        static List<Stored> ofProcess(List<OfficialConsumerProcess.Consumed> read) {
            return read.stream()
                    .map(m -> new Stored(m.uniqueId(), m.queueId(), m.queueOffset()))
                    .toList();
        }
    }

    private final List<String> keys;
    private final int perKey;
    private final Map<String, String> keyById = new HashMap<>();
    private final Map<String, Integer> turnById = new HashMap<>();

    private OrderlySends(List<String> keys, int perKey) {
        this.keys = List.copyOf(keys);
        this.perKey = perKey;
    }

    /** Sends {@code perKey} messages of each key to {@code topic}, the keys taking turns. */
    static OrderlySends send(Producer producer, String topic, List<String> keys, int perKey) {
        OrderlySends sends = new OrderlySends(keys, perKey);
        for (int turn = 0; turn < perKey; turn++) {
            for (String key : keys) {
                SendResult result =
                        producer.send(
                                Message.builder(topic)
                                        .shardingKey(key)
                                        .body(key + "#" + turn)
                                        .build());
                sends.keyById.put(result.messageId(), key);
                sends.turnById.put(result.messageId(), turn);
            }
        }
        return sends;
    }

    /**
     * Like {@link #send}, without waiting between the sends: each key's messages are all in flight
     * at once, so that automatic batching holds many of them; waits for every result.
     */
    static OrderlySends sendAsync(Producer producer, String topic, List<String> keys, int perKey)
            throws Exception {
        OrderlySends sends = new OrderlySends(keys, perKey);
        Map<CompletableFuture<SendResult>, String> keyOf = new LinkedHashMap<>();
        Map<CompletableFuture<SendResult>, Integer> turnOf = new HashMap<>();
        for (int turn = 0; turn < perKey; turn++) {
            for (String key : keys) {
                CompletableFuture<SendResult> sent =
                        producer.sendAsync(
                                Message.builder(topic)
                                        .shardingKey(key)
                                        .body(key + "#" + turn)
                                        .build());
                keyOf.put(sent, key);
                turnOf.put(sent, turn);
            }
        }
        for (Map.Entry<CompletableFuture<SendResult>, String> sent : keyOf.entrySet()) {
            SendResult result = sent.getKey().get(120, TimeUnit.SECONDS);
            sends.keyById.put(result.messageId(), sent.getValue());
            sends.turnById.put(result.messageId(), turnOf.get(sent.getKey()));
        }
        return sends;
    }

    /** How many messages were sent. */
    int count() {
        return keyById.size();
    }

    /**
     * Asserts every message was read, each key's on one queue in the order sent.
     *
     * @return the queues the keys used
     */
    List<Integer> assertEachKeysOrderOnOneQueue(List<Stored> read) {
        assertThat(read)
                .extracting(Stored::messageId)
                .containsExactlyInAnyOrderElementsOf(keyById.keySet());
        Map<String, List<Stored>> byKey =
                read.stream().collect(Collectors.groupingBy(m -> keyById.get(m.messageId())));
        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        for (List<Stored> messages : byKey.values()) {
            assertThat(messages)
                    .extracting(Stored::queueId)
                    .containsOnly(messages.get(0).queueId());
            assertThat(
                            messages.stream()
                                    .sorted(Comparator.comparingLong(Stored::queueOffset))
                                    .map(m -> turnById.get(m.messageId()))
                                    .toList())
                    .hasSize(perKey)
                    .isSorted();
        }
        return byKey.values().stream().map(messages -> messages.get(0).queueId()).toList();
    }
}
