package io.liftoff.producer.internal.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.liftoff.producer.LatencyTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fault rules on a clock the test moves by hand. */
class LatencyFaultToleranceTests {

    private static final Duration PROBE_GRACE = Duration.ofSeconds(3);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final LatencyFaultTolerance faults =
            new LatencyFaultTolerance(LatencyTier.DEFAULTS, PROBE_GRACE, clock::get, true);

    @Test
    void recordWhenAnswerIsFastShouldKeepTheBrokerUsable() {
        faults.record("a", Duration.ofMillis(120).toNanos(), Outcome.ANSWERED);

        assertThat(faults.isIsolated("a")).isFalse();
        assertThat(faults.tryUse("a")).isTrue();
        assertThat(faults.tryUse("a")).isTrue();
    }

    @Test
    void recordWhenAnswerIsSlowShouldIsolateForItsTier() {
        faults.record("a", Duration.ofMillis(600).toNanos(), Outcome.ANSWERED);

        advance(Duration.ofMillis(1_999));
        assertThat(faults.tryUse("a")).isFalse();
        advance(Duration.ofMillis(1));
        assertThat(faults.tryUse("a")).isTrue();
    }

    @Test
    void recordWhenUnavailableOrTimedOutShouldIsolateAsAFailureLatencyWould() {
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        faults.record("b", Duration.ofSeconds(1).toNanos(), Outcome.TIMED_OUT);

        // 10 s counts as the 5000 ms tier: 10 s aside
        advance(Duration.ofMillis(9_999));
        assertThat(faults.isIsolated("a")).isTrue();
        assertThat(faults.isIsolated("b")).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(faults.isIsolated("a")).isFalse();
        assertThat(faults.isIsolated("b")).isFalse();
    }

    @Test
    void tryUseWhenIsolationEndsShouldAdmitOneProbeUntilItsOutcomeIsIn() {
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        advance(Duration.ofSeconds(10));

        assertThat(faults.tryUse("a")).as("the probe").isTrue();
        assertThat(faults.tryUse("a")).as("while the probe is out").isFalse();
        advance(Duration.ofMillis(5));
        faults.record("a", Duration.ofMillis(5).toNanos(), Outcome.ANSWERED);

        assertThat(faults.tryUse("a")).isTrue();
        assertThat(faults.tryUse("a")).isTrue();
    }

    @Test
    void tryUseWhenProbeFailsShouldIsolateAgain() {
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        advance(Duration.ofSeconds(10));
        assertThat(faults.tryUse("a")).isTrue();

        advance(Duration.ofSeconds(1));
        faults.record("a", Duration.ofSeconds(1).toNanos(), Outcome.TIMED_OUT);

        advance(Duration.ofSeconds(9));
        assertThat(faults.tryUse("a")).isFalse();
    }

    @Test
    void tryUseWhenProbeOutcomeNeverComesShouldAdmitAnotherAfterTheGrace() {
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        advance(Duration.ofSeconds(10));
        assertThat(faults.tryUse("a")).isTrue();

        advance(PROBE_GRACE.minusMillis(1));
        assertThat(faults.tryUse("a")).isFalse();
        advance(Duration.ofMillis(1));
        assertThat(faults.tryUse("a")).isTrue();
    }

    @Test
    void recordWhenAnswerStartedBeforeTheIsolationShouldNotEndIt() {
        // sent at t0, the broker dies at t0 + 50 ms, the old answer arrives at t0 + 80 ms
        advance(Duration.ofMillis(50));
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        advance(Duration.ofMillis(30));
        faults.record("a", Duration.ofMillis(80).toNanos(), Outcome.ANSWERED);

        assertThat(faults.isIsolated("a")).isTrue();
        assertThat(faults.stateOf("a").lastOutcome()).isEqualTo(Outcome.UNAVAILABLE);
    }

    @Test
    void recordWhenAnswerStartedAfterTheIsolationShouldCount() {
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        advance(Duration.ofMillis(30));
        // e.g. a send that fell back to the least-bad broker
        faults.record("a", Duration.ofMillis(20).toNanos(), Outcome.ANSWERED);

        assertThat(faults.isIsolated("a")).isFalse();
    }

    @Test
    void leastBadShouldPreferTheBrokerThatComesBackSoonestThenTheFastest() {
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        advance(Duration.ofSeconds(1));
        faults.record("b", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        assertThat(faults.leastBad(List.of("b", "a"))).isEqualTo("a");

        faults.record("c", Duration.ofMillis(20).toNanos(), Outcome.ANSWERED);
        faults.record("d", Duration.ofMillis(10).toNanos(), Outcome.ANSWERED);
        assertThat(faults.leastBad(List.of("a", "c", "d"))).isEqualTo("d");

        assertThat(faults.leastBad(List.of("a", "never-seen"))).isEqualTo("never-seen");
    }

    @Test
    void isIsolatedShouldStayCorrectWhenTheClockWraps() {
        clock.set(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);

        advance(Duration.ofSeconds(5));
        assertThat(clock.get()).isNegative();
        assertThat(faults.isIsolated("a")).isTrue();
        advance(Duration.ofSeconds(5));
        assertThat(faults.isIsolated("a")).isFalse();
    }

    @Test
    void retainOnlyShouldForgetBrokersThatLeft() {
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        faults.record("b", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);

        faults.retainOnly(Set.of("b"));

        assertThat(faults.stateOf("a")).isNull();
        assertThat(faults.tryUse("a")).isTrue();
        assertThat(faults.isIsolated("b")).isTrue();
    }

    @Test
    void disabledShouldRecordNothingAndAdmitEveryBroker() {
        LatencyFaultTolerance disabled = LatencyFaultTolerance.disabled();
        disabled.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);

        assertThat(disabled.tryUse("a")).isTrue();
        assertThat(disabled.isIsolated("a")).isFalse();
    }

    @Test
    void ofShouldRejectTiersThatAreEmptyOrOutOfOrder() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LatencyFaultTolerance.of(List.of(), PROBE_GRACE))
                .withMessageContaining("must not be empty");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                LatencyFaultTolerance.of(
                                        List.of(
                                                LatencyTier.ofMillis(100, 0),
                                                LatencyTier.ofMillis(100, 1_000)),
                                        PROBE_GRACE))
                .withMessageContaining("strictly increasing");
    }

    @Test
    void recordFromManyThreadsShouldAlwaysLeaveTheStateOfOneWholeAttempt() throws Exception {
        // each state must pair an attempt's latency with the isolation that latency earns
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long latencyMillis = t % 2 == 0 ? 10 : 600;
            writers.add(
                    pool.submit(
                            () -> {
                                go.await();
                                for (int i = 0; i < 20_000; i++) {
                                    faults.record(
                                            "a",
                                            Duration.ofMillis(latencyMillis).toNanos(),
                                            Outcome.ANSWERED);
                                }
                                return null;
                            }));
        }
        go.countDown();
        List<String> torn = new ArrayList<>();
        while (writers.stream().anyMatch(w -> !w.isDone())) {
            BrokerFault state = faults.stateOf("a");
            if (state != null) {
                long isolation = state.availableAt() - state.decidedAt();
                long expected = state.lastLatency().toMillis() == 600 ? 2_000_000_000L : 0;
                if (isolation != expected) {
                    torn.add(state.toString());
                }
            }
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();

        assertThat(torn).isEmpty();
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }
}
