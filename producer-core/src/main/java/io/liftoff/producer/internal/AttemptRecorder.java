package io.liftoff.producer.internal;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.internal.fault.LatencyFaultTolerance;
import io.liftoff.producer.internal.fault.Outcome;
import java.util.function.BiConsumer;

/**
 * What a producer learns from each send attempt: records its latency and outcome against its broker
 * (for the fault tolerance that steers later attempts), and asks for a fresh route of the topic
 * when the failure hints that the route changed ({@link AttemptFailure} says which). Never blocks:
 * the route refresh runs elsewhere. Thread-safe.
 */
final class AttemptRecorder {

    private final LatencyFaultTolerance faults;
    private final BiConsumer<String, String> refreshRoute;

    /**
     * @param faults where outcomes are recorded, must not be {@code null}
     * @param refreshRoute asks for a fresh route of a topic, naming the broker that may have left
     *     (or {@code null}); must return at once
     */
    AttemptRecorder(LatencyFaultTolerance faults, BiConsumer<String, String> refreshRoute) {
        this.faults = faults;
        this.refreshRoute = refreshRoute;
    }

    /**
     * Records how an attempt to {@code queue} ended.
     *
     * @param elapsedNanos from just before the attempt was sent to its end
     * @param failure what the attempt's failure says, or {@code null} when a result arrived
     */
    void ended(MessageQueue queue, long elapsedNanos, AttemptFailure failure) {
        faults.record(
                queue.brokerName(),
                elapsedNanos,
                failure == null ? Outcome.ANSWERED : failure.outcome());
        if (failure == null) {
            return;
        }
        switch (failure.refresh()) {
            case TOPIC_SUSPECTING_BROKER -> refreshRoute.accept(queue.topic(), queue.brokerName());
            case TOPIC -> refreshRoute.accept(queue.topic(), null);
            case NONE -> {}
        }
    }
}
