package io.liftoff.producer.fault;

import java.time.Duration;

/**
 * What {@link LatencyFaultTolerance} knows of one broker, as of one recorded attempt. Immutable: an
 * update builds a new value, which replaces the old one in one atomic map operation, so a reader
 * never sees the latency of one attempt next to the isolation of another.
 *
 * <p>Times are {@link System#nanoTime()} readings and are only ever compared by subtraction, which
 * stays correct when the counter wraps.
 *
 * @param lastLatency how long the deciding attempt took
 * @param lastOutcome how the deciding attempt ended
 * @param decidedAt when the deciding attempt was recorded
 * @param availableAt from when the broker may be chosen again
 * @param probeDue whether the broker was isolated: once {@code availableAt} passes, one attempt
 *     (the probe) goes to it first and the others keep skipping it until the probe's outcome is in
 */
record BrokerFault(
        Duration lastLatency,
        Outcome lastOutcome,
        long decidedAt,
        long availableAt,
        boolean probeDue) {

    /** Whether the broker sits out at {@code now}. */
    boolean isIsolatedAt(long now) {
        return now - availableAt < 0;
    }

    /**
     * Whether an answer to an attempt that started at {@code startedAt} is older news than this
     * state: it started before the broker was isolated, so it says nothing about the broker since.
     */
    boolean outdates(long startedAt) {
        return probeDue && startedAt - decidedAt < 0;
    }

    /** This state with the broker kept aside until {@code until}, while a probe is out. */
    BrokerFault probingUntil(long until) {
        return new BrokerFault(lastLatency, lastOutcome, decidedAt, until, probeDue);
    }
}
