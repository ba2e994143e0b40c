package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.TransactionState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The decisions a check-back is answered from: kept for a while, the oldest dropped first. */
class TransactionDecisionsTests {

    private final AtomicLong now = new AtomicLong();
    private final TransactionDecisions decisions =
            new TransactionDecisions(2, Duration.ofMinutes(10), now::get);

    @Test
    void decidedShouldReturnCommitOrRollbackButNeverUnknown() {
        decisions.remember("a", TransactionState.COMMIT);
        decisions.remember("b", TransactionState.ROLLBACK);
        decisions.remember("c", TransactionState.UNKNOWN);

        assertThat(decisions.decided("a")).contains(TransactionState.COMMIT);
        assertThat(decisions.decided("b")).contains(TransactionState.ROLLBACK);
        assertThat(decisions.decided("c")).isEmpty();
    }

    @Test
    void rememberOverCapacityShouldDropTheOldestDecision() {
        decisions.remember("a", TransactionState.COMMIT);
        decisions.remember("b", TransactionState.COMMIT);
        decisions.remember("c", TransactionState.ROLLBACK);

        assertThat(decisions.decided("a")).isEmpty();
        assertThat(decisions.decided("b")).contains(TransactionState.COMMIT);
        assertThat(decisions.decided("c")).contains(TransactionState.ROLLBACK);
    }

    @Test
    void decidedAfterTheRetentionShouldBeForgotten() {
        decisions.remember("a", TransactionState.COMMIT);
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        decisions.remember("b", TransactionState.COMMIT);
        now.addAndGet(Duration.ofMinutes(6).toNanos());

        assertThat(decisions.decided("a")).isEmpty();
        assertThat(decisions.decided("b")).contains(TransactionState.COMMIT);
    }
}
