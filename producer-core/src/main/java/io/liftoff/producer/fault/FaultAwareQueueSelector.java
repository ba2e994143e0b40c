package io.liftoff.producer.fault;

import io.liftoff.producer.route.MessageQueue;
import io.liftoff.producer.route.PublishSnapshot;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Spreads sends over a topic's writable queues in turn, skipping brokers that {@link
 * LatencyFaultTolerance} keeps aside; with the fault tolerance disabled it is a plain round robin.
 * Thread-safe.
 *
 * <p>The order of preference of one selection, starting at the topic's next round-robin position:
 *
 * <ol>
 *   <li>a queue on a usable broker other than the one the previous attempt failed on;
 *   <li>a queue on that broker, if it is usable (the topic may have no other);
 *   <li>a queue on the least-bad broker, another than that one if there is another: isolation alone
 *       never fails a send.
 * </ol>
 *
 * <p>The queue list comes from an immutable {@link PublishSnapshot}, so it cannot change size while
 * a selection walks it; the counter, one per topic rather than per thread, is reduced with {@link
 * Math#floorMod}, so it stays in range when it wraps past {@link Integer#MAX_VALUE}, and the walk
 * adds no index that could overflow.
 */
public final class FaultAwareQueueSelector {

    private final LatencyFaultTolerance faults;
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    /**
     * @param faults which brokers to skip, must not be {@code null}; {@link
     *     LatencyFaultTolerance#disabled()} for none
     */
    public FaultAwareQueueSelector(LatencyFaultTolerance faults) {
        this.faults = Objects.requireNonNull(faults, "faults must not be null");
    }

    /**
     * The queue of the next attempt.
     *
     * @param snapshot a snapshot with at least one queue
     * @param failedBroker the broker of the previous failed attempt, or {@code null}
     * @return a queue of {@code snapshot}, never {@code null}
     */
    public MessageQueue select(PublishSnapshot snapshot, String failedBroker) {
        List<MessageQueue> queues = snapshot.queues();
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("snapshot of " + snapshot.topic() + " has no queue");
        }
        int start = Math.floorMod(counterOf(snapshot.topic()).getAndIncrement(), queues.size());
        MessageQueue elsewhere = firstUsableElsewhere(queues, start, failedBroker);
        if (elsewhere != null) {
            return elsewhere;
        }
        if (failedBroker != null) {
            MessageQueue again =
                    firstFrom(
                            queues,
                            start,
                            queue ->
                                    queue.brokerName().equals(failedBroker)
                                            && faults.tryUse(failedBroker));
            if (again != null) {
                return again;
            }
        }
        String leastBad = leastBad(queues, failedBroker);
        return firstFrom(queues, start, queue -> queue.brokerName().equals(leastBad));
    }

    private String leastBad(List<MessageQueue> queues, String failedBroker) {
        Set<String> brokers = new LinkedHashSet<>();
        queues.forEach(queue -> brokers.add(queue.brokerName()));
        if (brokers.size() > 1) {
            brokers.remove(failedBroker);
        }
        return faults.leastBad(brokers);
    }

    /**
     * The first queue from {@code start}, wrapping around, of a broker other than {@code
     * failedBroker} that the fault tolerance lets through; a plain loop rather than {@link
     * #firstFrom}, since every send walks it and a capturing predicate would cost an object.
     */
    private MessageQueue firstUsableElsewhere(
            List<MessageQueue> queues, int start, String failedBroker) {
        for (int i = start; i < queues.size(); i++) {
            if (usableElsewhere(queues.get(i), failedBroker)) {
                return queues.get(i);
            }
        }
        for (int i = 0; i < start; i++) {
            if (usableElsewhere(queues.get(i), failedBroker)) {
                return queues.get(i);
            }
        }
        return null;
    }

    private boolean usableElsewhere(MessageQueue queue, String failedBroker) {
        return !queue.brokerName().equals(failedBroker) && faults.tryUse(queue.brokerName());
    }

    /**
     * The first queue from {@code start}, wrapping around, that {@code accept} takes; the walk runs
     * start..size-1, then 0..start-1, so that no index sum can overflow.
     */
    private static MessageQueue firstFrom(
            List<MessageQueue> queues, int start, Predicate<MessageQueue> accept) {
        for (int i = start; i < queues.size(); i++) {
            if (accept.test(queues.get(i))) {
                return queues.get(i);
            }
        }
        for (int i = 0; i < start; i++) {
            if (accept.test(queues.get(i))) {
                return queues.get(i);
            }
        }
        return null;
    }

    private AtomicInteger counterOf(String topic) {
        return counters.computeIfAbsent(topic, t -> new AtomicInteger());
    }

    /** Sets the counter of {@code topic}; lets tests start next to the int overflow. */
    void resetCounter(String topic, int value) {
        counterOf(topic).set(value);
    }
}
