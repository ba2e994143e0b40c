package io.liftoff.producer.fault;

import io.liftoff.producer.route.MessageQueue;
import io.liftoff.producer.route.PublishSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads sends over a topic's writable queues in turn, one counter per topic. A retry avoids the
 * broker that just failed when the topic has queues elsewhere. Thread-safe.
 */
public final class RoundRobinQueueSelector {

    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    /**
     * The next queue of {@code snapshot}.
     *
     * @param snapshot a snapshot with at least one queue
     * @param avoidBroker the broker of the previous failed attempt, or {@code null}
     * @return a queue on another broker than {@code avoidBroker} when there is one
     */
    public MessageQueue select(PublishSnapshot snapshot, String avoidBroker) {
        List<MessageQueue> queues = snapshot.queues();
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("snapshot of " + snapshot.topic() + " has no queue");
        }
        int size = queues.size();
        // floorMod keeps the index in range after the counter wraps past Integer.MAX_VALUE
        int start =
                Math.floorMod(
                        counters.computeIfAbsent(snapshot.topic(), topic -> new AtomicInteger())
                                .getAndIncrement(),
                        size);
        if (avoidBroker != null) {
            for (int i = 0; i < size; i++) {
                MessageQueue candidate = queues.get((start + i) % size);
                if (!candidate.brokerName().equals(avoidBroker)) {
                    return candidate;
                }
            }
        }
        return queues.get(start);
    }

    /** Sets the counter of {@code topic}; lets tests start next to the int overflow. */
    void resetCounter(String topic, int value) {
        counters.computeIfAbsent(topic, t -> new AtomicInteger()).set(value);
    }
}
