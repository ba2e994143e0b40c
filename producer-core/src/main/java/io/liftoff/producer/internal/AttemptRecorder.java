package io.liftoff.producer.internal;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.internal.fault.LatencyFaultTolerance;
import io.liftoff.producer.internal.fault.Outcome;
import java.util.function.BiConsumer;

/**
 * Wraps the attempts of sends: records the latency and outcome of each one against its broker, and
 * asks for a fresh route of the topic when the failure hints that the route changed ({@link
 * AttemptFailure} says which). The send operation tells {@link #ended} before it acts on the
 * outcome, so a retry already skips the broker that just failed. Never blocks: the route refresh
 * runs elsewhere. Thread-safe.
 */
final class AttemptRecorder implements SendOperation.Attempt {

    private final SendOperation.Attempt delegate;
    private final LatencyFaultTolerance faults;
    private final BiConsumer<String, String> refreshRoute;

    /**
     * @param delegate makes the attempt, must not be {@code null}
     * @param faults where outcomes are recorded, must not be {@code null}
     * @param refreshRoute asks for a fresh route of a topic, naming the broker that may have left
     *     (or {@code null}); must return at once
     */
    AttemptRecorder(
            SendOperation.Attempt delegate,
            LatencyFaultTolerance faults,
            BiConsumer<String, String> refreshRoute) {
        this.delegate = delegate;
        this.faults = faults;
        this.refreshRoute = refreshRoute;
    }

    @Override
    public void send(
            PreparedMessage message,
            MessageQueue queue,
            String address,
            long timeoutNanos,
            AttemptListener listener) {
        delegate.send(message, queue, address, timeoutNanos, listener);
    }

    @Override
    public void ended(MessageQueue queue, long elapsedNanos, AttemptFailure failure) {
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
