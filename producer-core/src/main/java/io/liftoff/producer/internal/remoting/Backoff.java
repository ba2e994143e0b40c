package io.liftoff.producer.internal.remoting;

import java.time.Duration;

/**
 * How long to wait before trying an address again after consecutive failures: {@code first}, then
 * twice as long after each further failure, never more than {@code max}. Immutable.
 *
 * @param first the wait after the first failure; positive
 * @param max the longest wait; at least {@code first} and at most a day
 */
public record Backoff(Duration first, Duration max) {

    // a long shifted by 63 or more is no longer a doubling; 2^62 ns is past any max anyway
    private static final int MAX_SHIFT = 62;

    // longer waits are surely a mistake, and this keeps every wait within a long of nanoseconds
    private static final Duration LONGEST = Duration.ofDays(1);

    public Backoff {
        Require.positive(first, "first");
        Require.notNull(max, "max");
        Require.that(max.compareTo(first) >= 0, "max must be at least first (" + first + ")", max);
        Require.that(max.compareTo(LONGEST) <= 0, "max must be at most " + LONGEST, max);
    }

    /**
     * An exponential back-off.
     *
     * @param first the wait after the first failure; positive
     * @param max the longest wait; at least {@code first} and at most a day
     * @throws IllegalArgumentException when a value is {@code null} or out of range
     */
    public static Backoff exponential(Duration first, Duration max) {
        return new Backoff(first, max);
    }

    /**
     * The wait after {@code failures} consecutive failures.
     *
     * @param failures at least 1
     */
    public Duration delay(int failures) {
        Require.that(failures >= 1, "failures must be at least 1", failures);
        int shift = Math.min(failures - 1, MAX_SHIFT);
        long firstNanos = first.toNanos();
        long maxNanos = max.toNanos();
        // compare before shifting, so that the product never overflows
        if (firstNanos > maxNanos >> shift) {
            return max;
        }
        return Duration.ofNanos(firstNanos << shift);
    }
}
