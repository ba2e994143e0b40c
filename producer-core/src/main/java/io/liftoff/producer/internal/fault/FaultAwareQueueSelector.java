package io.liftoff.producer.internal.fault;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.internal.route.PublishSnapshot;
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
 * LatencyFaultTolerance} keeps aside and, where another has room, brokers whose send window is full
 * ({@link BrokerRoom}); with the fault tolerance disabled and room everywhere it is a plain round
 * robin. Thread-safe.
 *
 * <p>The order of preference of one selection, starting at the topic's next round-robin position:
 *
 * <ol>
 *   <li>a queue on a usable broker with room, other than the one the previous attempt failed on;
 *   <li>a queue on that broker, if it is usable and has room (the topic may have no other);
 *   <li>the same two without room: the send then waits for room there;
 *   <li>a queue on the least-bad broker, another than that one if there is another: isolation alone
 *       never fails a send.
 * </ol>
 *
 * <p>Room is asked before usability, since {@link LatencyFaultTolerance#tryUse} may claim a probe
 * of a broker whose isolation ended.
 *
 * <p>The queue list comes from an immutable {@link PublishSnapshot}, so it cannot change size while
 * a selection walks it; the counter, one per topic rather than per thread, is reduced with {@link
 * Math#floorMod}, so it stays in range when it wraps past {@link Integer#MAX_VALUE}, and the walk
 * adds no index that could overflow.
 */
public final class FaultAwareQueueSelector {

    private final LatencyFaultTolerance faults;
    private final BrokerRoom room;
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    /**
     * A selector that sees room at every broker.
     *
     * @param faults which brokers to skip, must not be {@code null}; {@link
     *     LatencyFaultTolerance#disabled()} for none
     */
    public FaultAwareQueueSelector(LatencyFaultTolerance faults) {
        this(faults, BrokerRoom.ALWAYS);
    }

    /**
     * @param faults which brokers to skip, must not be {@code null}; {@link
     *     LatencyFaultTolerance#disabled()} for none
     * @param room which brokers have room for a send now, must not be {@code null}
     */
    public FaultAwareQueueSelector(LatencyFaultTolerance faults, BrokerRoom room) {
        this.faults = Objects.requireNonNull(faults, "faults must not be null");
        this.room = Objects.requireNonNull(room, "room must not be null");
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
        MessageQueue withRoom = firstUsableElsewhere(queues, start, failedBroker, true);
        if (withRoom != null) {
            return withRoom;
        }
        if (failedBroker != null && room.hasRoom(failedBroker)) {
            MessageQueue again = againOn(queues, start, failedBroker);
            if (again != null) {
                return again;
            }
        }
        MessageQueue elsewhere = firstUsableElsewhere(queues, start, failedBroker, false);
        if (elsewhere != null) {
            return elsewhere;
        }
        if (failedBroker != null) {
            MessageQueue again = againOn(queues, start, failedBroker);
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

    private MessageQueue againOn(List<MessageQueue> queues, int start, String failedBroker) {
        return firstFrom(
                queues,
                start,
                queue -> queue.brokerName().equals(failedBroker) && faults.tryUse(failedBroker));
    }

    /**
     * The first queue from {@code start}, wrapping around, of a broker other than {@code
     * failedBroker} that the fault tolerance lets through, and that has room if {@code needRoom}; a
     * plain loop rather than {@link #firstFrom}, since every send walks it and a capturing
     * predicate would cost an object.
     */
    private MessageQueue firstUsableElsewhere(
            List<MessageQueue> queues, int start, String failedBroker, boolean needRoom) {
        for (int i = start; i < queues.size(); i++) {
            if (usableElsewhere(queues.get(i), failedBroker, needRoom)) {
                return queues.get(i);
            }
        }
        for (int i = 0; i < start; i++) {
            if (usableElsewhere(queues.get(i), failedBroker, needRoom)) {
                return queues.get(i);
            }
        }
        return null;
    }

    private boolean usableElsewhere(MessageQueue queue, String failedBroker, boolean needRoom) {
        String broker = queue.brokerName();
        return !broker.equals(failedBroker)
                && (!needRoom || room.hasRoom(broker))
                && faults.tryUse(broker);
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
