package io.liftoff.producer;

import io.liftoff.producer.fault.LatencyFaultTolerance;
import io.liftoff.producer.fault.Outcome;
import io.liftoff.producer.protocol.ResponseCode;
import io.liftoff.producer.remoting.ConnectionClosedException;
import io.liftoff.producer.remoting.RemotingConnectException;
import io.liftoff.producer.route.MessageQueue;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Wraps the attempts of sends: records the latency and outcome of each one against its broker, and
 * asks for a fresh route of the topic when the failure hints that the route changed. The send
 * operation tells {@link #ended} before it acts on the outcome, so a retry already skips the broker
 * that just failed. Never blocks: the route refresh runs elsewhere. Thread-safe.
 */
final class AttemptRecorder implements SendOperation.Attempt {

    /** Codes by which a broker says it cannot take messages now, whatever the message. */
    private static final Set<Integer> BROKER_TROUBLE_CODES =
            Set.of(
                    ResponseCode.SYSTEM_ERROR,
                    ResponseCode.SYSTEM_BUSY,
                    ResponseCode.SERVICE_NOT_AVAILABLE,
                    ResponseCode.GO_AWAY);

    /** Codes by which a broker says the route that sent the message there is out of date. */
    private static final Set<Integer> ROUTING_CODES =
            Set.of(
                    ResponseCode.TOPIC_NOT_EXIST,
                    ResponseCode.NO_PERMISSION,
                    ResponseCode.SERVICE_NOT_AVAILABLE,
                    ResponseCode.NOT_IN_CURRENT_UNIT);

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
    public void ended(MessageQueue queue, long elapsedNanos, RuntimeException failure) {
        faults.record(queue.brokerName(), elapsedNanos, outcomeOf(failure));
        if (isConnectionLoss(failure)) {
            refreshRoute.accept(queue.topic(), queue.brokerName());
        } else if (isStaleRoute(failure)) {
            refreshRoute.accept(queue.topic(), null);
        }
    }

    /**
     * What an attempt's failure says of its broker. A broker that rejects the message itself
     * (illegal message, unknown topic) is healthy: isolating it would move every topic's traffic
     * away for one topic's or one message's fault.
     *
     * @param failure the attempt's failure, or {@code null} when a result arrived
     */
    static Outcome outcomeOf(Throwable failure) {
        if (failure == null) {
            return Outcome.ANSWERED;
        }
        if (failure instanceof SendTimeoutException) {
            return Outcome.TIMED_OUT;
        }
        if (failure instanceof AccessDeniedException) {
            // a healthy broker refusing the credentials: isolating it would not help
            return Outcome.ANSWERED;
        }
        if (failure instanceof BrokerRejectedException rejected) {
            return BROKER_TROUBLE_CODES.contains(rejected.responseCode())
                    ? Outcome.UNAVAILABLE
                    : Outcome.ANSWERED;
        }
        return Outcome.UNAVAILABLE;
    }

    /**
     * Whether the broker refused or dropped the connection: it may have left the cluster, and the
     * topic's route may have changed.
     */
    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RemotingConnectException
                    || cause instanceof ConnectionClosedException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the broker said the topic is not, or no longer, writable there. */
    static boolean isStaleRoute(Throwable failure) {
        return failure instanceof BrokerRejectedException rejected
                && !(failure instanceof AccessDeniedException)
                && ROUTING_CODES.contains(rejected.responseCode());
    }
}
