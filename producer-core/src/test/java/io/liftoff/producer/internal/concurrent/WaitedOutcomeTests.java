package io.liftoff.producer.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitedOutcomeTests {

    @Test
    void getShouldReturnWhatAnotherThreadCompletedWithEachTimeWithoutALostWakeUp()
            throws Exception {
        SynchronousQueue<WaitedOutcome<Integer>> handOver = new SynchronousQueue<>();
        Thread completer =
                new Thread(
                        () -> {
                            try {
                                for (int i = 0; i < 20_000; i++) {
                                    handOver.take().complete(i);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        completer.start();
        try {
            for (int i = 0; i < 20_000; i++) {
                WaitedOutcome<Integer> outcome = new WaitedOutcome<>();
                handOver.put(outcome);
                // a lost wake-up would wait out the bound and throw TimeoutException
                assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            completer.interrupt();
            completer.join();
        }
    }

    @Test
    void getShouldThrowTheFailureAndDependentsShouldRunOnce() {
        WaitedOutcome<String> outcome = new WaitedOutcome<>();
        AtomicInteger dependents = new AtomicInteger();
        outcome.whenComplete((value, failure) -> dependents.incrementAndGet());
        IllegalStateException failure = new IllegalStateException("refused");

        new Thread(() -> outcome.completeExceptionally(failure)).start();

        assertThatThrownBy(() -> outcome.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCause(failure);
        assertThat(dependents).hasValue(1);
        assertThat(outcome.complete("late")).isFalse();
    }

    @Test
    void getShouldTimeOutWhenNothingCompletesIt() {
        WaitedOutcome<String> outcome = new WaitedOutcome<>();

        assertThatThrownBy(() -> outcome.get(20, TimeUnit.MILLISECONDS))
                .isInstanceOf(TimeoutException.class);
        assertThat(outcome).isNotDone();
    }

    @Test
    void getShouldWaitForTheOutcomeWhateverTheBound() throws Exception {
        WaitedOutcome<String> outcome = new WaitedOutcome<>();

        new Thread(() -> outcome.complete("stored")).start();

        assertThat(outcome.get(Long.MAX_VALUE, TimeUnit.DAYS)).isEqualTo("stored");
    }

    @Test
    void getShouldThrowInterruptedWhenTheWaiterIsInterrupted() {
        WaitedOutcome<String> outcome = new WaitedOutcome<>();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> outcome.get(30, TimeUnit.SECONDS))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
