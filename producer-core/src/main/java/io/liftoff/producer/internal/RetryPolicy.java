package io.liftoff.producer.internal;

import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendStatus;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How hard one send tries: the one place that decides whether an attempt is followed by another,
 * when, and how long each may take. {@link AttemptFailure} says what a failure means; this policy
 * says what follows from it; {@link SendOperation} carries it out.
 *
 * <p><b>Counted attempts.</b> A failure another broker may well not repeat spends one of the {@code
 * maxAttempts}; an answer that the broker sheds load spends none, since the send window of that
 * broker paces the retry (see {@link SendWindow}): such sends try again as long as the budget
 * lasts.
 *
 * <p><b>Per-attempt timeout.</b> Unless {@code attemptTimeout} fixes it, an attempt gets a fair
 * share of the remaining budget (divided by the attempts still allowed), so that a hung broker
 * leaves time to retry elsewhere; with the defaults (3 s, 2 retries) the first gets 1 s. A
 * timed-out attempt may have been stored nonetheless, so its retry can store the message twice:
 * delivery is at least once. An attempt whose retry could only go back to the same broker gets all
 * the remaining budget: cut short, every attempt to a merely slow broker would time out while being
 * stored, and each retry would add to its backlog until every send fails.
 *
 * @param maxAttempts the first attempt and the retries after failures, at least 1
 * @param budget the time all attempts together may take
 * @param attemptTimeout the most one attempt may take, or {@code null} for a fair share of the
 *     remaining budget; never more than the remaining budget
 * @param retryAnotherBrokerWhenNotStoreOk whether a stored result other than SEND_OK (e.g. a flush
 *     timeout) is retried on another broker; the last such result is returned if none is OK
 */
record RetryPolicy(
        int maxAttempts,
        Duration budget,
        Duration attemptTimeout,
        boolean retryAnotherBrokerWhenNotStoreOk) {

    private static final long FIRST_BACK_OFF_MILLIS = 10;
    private static final long MAX_BACK_OFF_MILLIS = 1_000;
    private static final long MAX_ROUTE_PAUSE_MILLIS = 1_000;

    /** What follows a failed attempt. */
    enum Next {
        /** Wait for room in the send window of the broker that shed load, then try again. */
        WAIT_FOR_ROOM,
        /**
         * Try again after {@link #backOff} of the flow-control answers so far, without spending a
         * retry: the broker shed load, and the send may not wait in its window (a sharding key's
         * message, whose queue's lane holds the key's later messages back meanwhile).
         */
        PAUSE_FOR_ROOM,
        /** Try again at once, on another broker where there is one. */
        RETRY,
        /** Try again after {@link #backOff}: the broker is going away and needs a moment. */
        RETRY_AFTER_BACK_OFF,
        /**
         * Try again after {@link #routePause}: the only broker the send may go to is unreachable,
         * and the route refresh its failure asked for may name another address for it (a master
         * elected in its place); retrying at once would meet the same closed port.
         */
        RETRY_AFTER_ROUTE_REFRESH,
        /** No more attempts: the failure is the outcome. */
        GIVE_UP
    }

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /** The policy of a send with {@code retries} after failures, under {@code config}. */
    static RetryPolicy of(int retries, ProducerConfig config) {
        return new RetryPolicy(
                retries + 1,
                config.sendTimeout(),
                config.attemptTimeout().orElse(null),
                config.retryAnotherBrokerWhenNotStoreOk());
    }

    /**
     * What follows an attempt that failed with {@code failure}.
     *
     * @param countedAttempts the attempts made so far that spent one of {@link #maxAttempts}
     * @param sameBrokerOnRetry whether a retry could only go back to the broker that failed
     * @param waitsInWindow whether the send may wait for room in its broker's send window
     */
    Next afterFailure(
            AttemptFailure failure,
            int countedAttempts,
            boolean sameBrokerOnRetry,
            boolean waitsInWindow) {
        return switch (failure.retry()) {
            case WITHIN_BUDGET -> waitsInWindow ? Next.WAIT_FOR_ROOM : Next.PAUSE_FOR_ROOM;
            case NO -> Next.GIVE_UP;
            case COUNTED -> {
                if (countedAttempts >= maxAttempts) {
                    yield Next.GIVE_UP;
                }
                yield sameBrokerOnRetry
                                && failure.refresh()
                                        == AttemptFailure.RouteRefresh.TOPIC_SUSPECTING_BROKER
                        ? Next.RETRY_AFTER_ROUTE_REFRESH
                        : Next.RETRY;
            }
            case AFTER_PAUSE ->
                    countedAttempts < maxAttempts ? Next.RETRY_AFTER_BACK_OFF : Next.GIVE_UP;
        };
    }

    /** Whether a stored result with {@code status} is retried rather than returned. */
    boolean retriesStored(SendStatus status, int countedAttempts) {
        return status != SendStatus.SEND_OK
                && retryAnotherBrokerWhenNotStoreOk
                && countedAttempts < maxAttempts;
    }

    /**
     * The timeout of the next attempt: the fixed attempt timeout, or the remaining budget shared by
     * the attempts left, or all of it when a retry could only go back to the same broker.
     */
    long attemptTimeoutNanos(long remainingNanos, int countedAttempts, boolean sameBrokerOnRetry) {
        if (attemptTimeout != null) {
            return Math.min(attemptTimeout.toNanos(), remainingNanos);
        }
        if (sameBrokerOnRetry) {
            return remainingNanos;
        }
        // at least 1 ns: the remoting layer refuses a zero timeout
        return Math.max(1, remainingNanos / (maxAttempts - countedAttempts));
    }

    /**
     * The pause before retrying the only broker after it could not be reached: a share of the
     * remaining budget (divided by the attempts left and one more, so that the last attempt keeps
     * its share too), at most {@value #MAX_ROUTE_PAUSE_MILLIS} ms, with jitter in its upper half. A
     * failover takes the election and one route look-up (under a second on two cores here), so with
     * the defaults (3 s, 2 retries) a send retries 0.5 to 1 s after its failure and again later,
     * rather than failing on the closed port within milliseconds.
     *
     * @param remainingNanos what is left of the budget; none when negative
     * @param countedAttempts the attempts made so far that spent one of {@link #maxAttempts}
     */
    Duration routePause(long remainingNanos, int countedAttempts) {
        long share =
                Math.min(
                        TimeUnit.MILLISECONDS.toNanos(MAX_ROUTE_PAUSE_MILLIS),
                        Math.max(0, remainingNanos) / (maxAttempts - countedAttempts + 1));
        return Duration.ofNanos(share / 2 + ThreadLocalRandom.current().nextLong(share / 2 + 1));
    }

    /**
     * The pause before retrying after a broker said it is going away (or, for a recall or a
     * sharding key's send, that it sheds load): doubling from 10 ms up to 1 s, with jitter in its
     * upper half so that sends turned away together do not all come back together.
     */
    static Duration backOff(int countedAttempts) {
        long ceiling =
                Math.min(
                        MAX_BACK_OFF_MILLIS, FIRST_BACK_OFF_MILLIS << Math.min(countedAttempts, 7));
        return Duration.ofMillis(
                ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
