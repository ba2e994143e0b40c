package io.liftoff.producer.internal;

import io.liftoff.producer.BrokerRejectedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * What one send met while brokers shed load: their flow-control answers and its waits for room in
 * send windows. A send makes it at its first such answer or wait, since most sends meet neither and
 * should not carry the fields. Used by one thread at a time, as the send itself; the hand-overs
 * between threads go through a window's lock.
 */
final class FlowControlRecord {

    private static final VarHandle EXPIRY_SCHEDULED;

    static {
        try {
            EXPIRY_SCHEDULED =
                    MethodHandles.lookup()
                            .findVarHandle(
                                    FlowControlRecord.class, "expiryScheduled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private int answers;
    private BrokerRejectedException lastAnswer;
    private long waitStart;
    private long waitedNanos;
    private volatile boolean expiryScheduled;

    /** A broker answered the send with flow control. */
    void answered(BrokerRejectedException answer) {
        answers++;
        lastAnswer = answer;
    }

    /** The send started to wait for room in a window. */
    void waitFrom(long nowNanos) {
        waitStart = nowNanos;
    }

    /** The send's wait for room ended. */
    void waitEnded(long nowNanos) {
        waitedNanos += nowNanos - waitStart;
    }

    /**
     * Claims the one expiry of the send's waits at its deadline, which never moves.
     *
     * @return whether this call claimed it; later calls return {@code false}
     */
    boolean claimExpiry() {
        return EXPIRY_SCHEDULED.compareAndSet(this, false, true);
    }

    int answers() {
        return answers;
    }

    /** The last flow-control answer, or {@code null} if the send only waited. */
    BrokerRejectedException lastAnswer() {
        return lastAnswer;
    }

    Duration waited() {
        return Duration.ofNanos(waitedNanos);
    }
}
