package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.SendStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one retry policy: what follows each kind of failure, and how long an attempt may take. */
class RetryPolicyTests {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(3), null, false);

    @Test
    void afterFailureShouldSpendRetriesOnlyOnFailuresAnotherBrokerMayNotRepeat() {
        assertThat(policy.afterFailure(AttemptFailure.FLOW_CONTROL, 3, false, true))
                .isEqualTo(RetryPolicy.Next.WAIT_FOR_ROOM);
        // a send without a window (a sharding key's) pauses instead, still without a retry spent
        assertThat(policy.afterFailure(AttemptFailure.FLOW_CONTROL, 3, false, false))
                .isEqualTo(RetryPolicy.Next.PAUSE_FOR_ROOM);
        assertThat(policy.afterFailure(AttemptFailure.TIMED_OUT, 2, false, true))
                .isEqualTo(RetryPolicy.Next.RETRY);
        assertThat(policy.afterFailure(AttemptFailure.TIMED_OUT, 3, false, true))
                .isEqualTo(RetryPolicy.Next.GIVE_UP);
        assertThat(policy.afterFailure(AttemptFailure.GOING_AWAY, 1, false, true))
                .isEqualTo(RetryPolicy.Next.RETRY_AFTER_BACK_OFF);
        assertThat(policy.afterFailure(AttemptFailure.ACCESS_DENIED, 1, false, true))
                .isEqualTo(RetryPolicy.Next.GIVE_UP);
        assertThat(policy.afterFailure(AttemptFailure.REJECTED, 1, false, true))
                .isEqualTo(RetryPolicy.Next.GIVE_UP);
    }

    @Test
    void afterFailureWhenTheOnlyBrokerIsUnreachableShouldWaitForARouteRefresh() {
        assertThat(policy.afterFailure(AttemptFailure.CONNECTION_LOST, 1, true, true))
                .isEqualTo(RetryPolicy.Next.RETRY_AFTER_ROUTE_REFRESH);
        // another broker is there to take the retry at once
        assertThat(policy.afterFailure(AttemptFailure.CONNECTION_LOST, 1, false, true))
                .isEqualTo(RetryPolicy.Next.RETRY);
        // the only broker answered: a route refresh would not change where the retry goes
        assertThat(policy.afterFailure(AttemptFailure.TIMED_OUT, 1, true, true))
                .isEqualTo(RetryPolicy.Next.RETRY);
        assertThat(policy.afterFailure(AttemptFailure.CONNECTION_LOST, 3, true, true))
                .isEqualTo(RetryPolicy.Next.GIVE_UP);
    }

    @Test
    void routePauseShouldShareTheRemainingBudgetWithJitterUpToOneSecond() {
        for (int i = 0; i < 100; i++) {
            // 3 s left, 2 attempts left: a third of it, capped at 1 s, jitter in its upper half
            assertThat(policy.routePause(Duration.ofSeconds(3).toNanos(), 1))
                    .isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            // 900 ms left, 1 attempt left: half of it, so the last attempt keeps the rest
            assertThat(policy.routePause(Duration.ofMillis(900).toNanos(), 2))
                    .isBetween(Duration.ofMillis(225), Duration.ofMillis(450));
            assertThat(policy.routePause(Duration.ofSeconds(30).toNanos(), 1))
                    .isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
        // the budget ran out while the failure was handled: retry at once, to fail for want of time
        assertThat(policy.routePause(-1_000, 1)).isZero();
    }

    @Test
    void retriesStoredShouldRetryANotOkResultOnlyWhenAskedAndWhileAttemptsAreLeft() {
        RetryPolicy retrying = new RetryPolicy(2, Duration.ofSeconds(3), null, true);

        assertThat(policy.retriesStored(SendStatus.FLUSH_DISK_TIMEOUT, 1)).isFalse();
        assertThat(retrying.retriesStored(SendStatus.FLUSH_DISK_TIMEOUT, 1)).isTrue();
        assertThat(retrying.retriesStored(SendStatus.FLUSH_DISK_TIMEOUT, 2)).isFalse();
        assertThat(retrying.retriesStored(SendStatus.SEND_OK, 1)).isFalse();
    }

    @Test
    void attemptTimeoutShouldShareTheBudgetUnlessFixedOrOnlyTheSameBrokerIsLeft() {
        long budget = Duration.ofSeconds(3).toNanos();
        RetryPolicy fixed =
                new RetryPolicy(3, Duration.ofSeconds(3), Duration.ofMillis(700), false);

        assertThat(policy.attemptTimeoutNanos(budget, 0, false)).isEqualTo(budget / 3);
        assertThat(policy.attemptTimeoutNanos(budget, 2, false)).isEqualTo(budget);
        assertThat(policy.attemptTimeoutNanos(budget, 0, true)).isEqualTo(budget);
        assertThat(fixed.attemptTimeoutNanos(budget, 0, false))
                .isEqualTo(Duration.ofMillis(700).toNanos());
        assertThat(fixed.attemptTimeoutNanos(100, 0, false)).isEqualTo(100);
    }

    @Test
    void backOffShouldDoubleWithJitterInItsUpperHalfUpToOneSecond() {
        for (int i = 0; i < 100; i++) {
            assertThat(policy.backOff(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
            assertThat(policy.backOff(2)).isBetween(Duration.ofMillis(20), Duration.ofMillis(40));
            assertThat(policy.backOff(30)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }
}
