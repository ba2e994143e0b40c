package io.liftoff.producer.internal.fault;

import java.time.Duration;

/**
 * What {@link LatencyFaultTolerance} knows of one broker, as of its deciding attempt. Updated in
 * place, so that recording an attempt allocates nothing; every read and update holds the record's
 * lock, so a reader never sees the latency of one attempt next to the isolation of another, and
 * concurrent updates of one broker never interleave.
 *
 * <p>Times are {@link System#nanoTime()} readings and are only ever compared by subtraction, which
 * stays correct when the counter wraps.
 */
final class BrokerFault {

    // how long the deciding attempt took, how it ended, and when it was recorded
    private long lastLatencyNanos;
    private Outcome lastOutcome;
    private long decidedAt;
    // from when the broker may be chosen again
    private long availableAt;
    // Whether the broker was isolated: once availableAt passes, one attempt (the probe) goes to it
    // first and the others keep skipping it until the probe's outcome is in.
    private boolean probeDue;

    /** The state decided by one attempt; see {@link #decide}. */
    BrokerFault(long latencyNanos, Outcome outcome, long now, long isolateForNanos) {
        set(latencyNanos, outcome, now, isolateForNanos);
    }

    /**
     * Records an attempt that started at {@code startedAt} and was decided {@code now}; an answer
     * to an attempt that started before the broker was isolated is older news, and ignored.
     */
    synchronized void decide(
            long latencyNanos, Outcome outcome, long now, long startedAt, long isolateForNanos) {
        if (outcome == Outcome.ANSWERED && probeDue && startedAt - decidedAt < 0) {
            return;
        }
        set(latencyNanos, outcome, now, isolateForNanos);
    }

    /**
     * Whether a send may go to the broker at {@code now}: not while it is isolated; once its
     * isolation ended, to one caller only (the probe), which keeps the others away until {@code
     * probeUntil} or the probe's outcome.
     */
    synchronized boolean tryUse(long now, long probeUntil) {
        if (isIsolatedAt(now)) {
            return false;
        }
        if (probeDue) {
            availableAt = probeUntil;
        }
        return true;
    }

    /** Whether the broker sits out at {@code now}. */
    synchronized boolean isIsolatedAt(long now) {
        return now - availableAt < 0;
    }

    synchronized long availableAt() {
        return availableAt;
    }

    synchronized long lastLatencyNanos() {
        return lastLatencyNanos;
    }

    /** A copy that later updates leave alone; for tests. */
    synchronized BrokerFault copy() {
        BrokerFault copy = new BrokerFault(lastLatencyNanos, lastOutcome, decidedAt, 0);
        copy.availableAt = availableAt;
        copy.probeDue = probeDue;
        return copy;
    }

    synchronized Duration lastLatency() {
        return Duration.ofNanos(lastLatencyNanos);
    }

    synchronized Outcome lastOutcome() {
        return lastOutcome;
    }

    synchronized long decidedAt() {
        return decidedAt;
    }

    @Override
    public synchronized String toString() {
        return "BrokerFault[lastLatency="
                + lastLatency()
                + ", lastOutcome="
                + lastOutcome
                + ", decidedAt="
                + decidedAt
                + ", availableAt="
                + availableAt
                + ", probeDue="
                + probeDue
                + "]";
    }

    private void set(long latencyNanos, Outcome outcome, long now, long isolateForNanos) {
        lastLatencyNanos = latencyNanos;
        lastOutcome = outcome;
        decidedAt = now;
        availableAt = now + isolateForNanos;
        probeDue = isolateForNanos > 0;
    }
}
