package io.liftoff.producer.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WaitedOutcomeTests {

    private static final long BOUND_SECONDS = 30;

    // how long a waiter on another thread waits at most: four times the bound its caller gives it,
    // so that a waiter not woken is told from one woken on a loaded machine
    private static final long WAITER_BOUND_SECONDS = 4 * BOUND_SECONDS;

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
                assertThat(outcome.get(BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            completer.interrupt();
            completer.join();
        }
    }

    @Test
    void everyWayOfEndingItShouldWakeAParkedWaiter() throws Exception {
        List<Consumer<WaitedOutcome<String>>> endings =
                List.of(
                        outcome -> outcome.complete("stored"),
                        outcome -> outcome.completeExceptionally(new IllegalStateException()),
                        outcome -> outcome.cancel(false),
                        outcome -> outcome.obtrudeValue("obtruded"),
                        outcome -> outcome.obtrudeException(new IllegalStateException()),
                        outcome -> outcome.completeAsync(() -> "supplied", Runnable::run));
        for (Consumer<WaitedOutcome<String>> ending : endings) {
            WaitedOutcome<String> outcome = new WaitedOutcome<>();
            CompletableFuture<Object> waited = waitOnAnotherThread(outcome);
            awaitParked(outcome);

            ending.accept(outcome);

            // a waiter not woken would wait out its bound, four times longer than this
            assertThat(waited.get(BOUND_SECONDS, TimeUnit.SECONDS))
                    .isNotInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aSecondWaiterShouldWaitAsOnAnyFuture() throws Exception {
        WaitedOutcome<String> outcome = new WaitedOutcome<>();
        CompletableFuture<Object> first = waitOnAnotherThread(outcome);
        awaitParked(outcome);
        CompletableFuture<Object> second = waitOnAnotherThread(outcome);

        outcome.complete("stored");

        assertThat(first.get(BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo("stored");
        assertThat(second.get(BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo("stored");
    }

    @Test
    void getShouldThrowTheFailureAndDependentsShouldRunOnce() throws Exception {
        WaitedOutcome<String> outcome = new WaitedOutcome<>();
        CountDownLatch dependents = new CountDownLatch(1);
        outcome.whenComplete((value, failure) -> dependents.countDown());
        IllegalStateException failure = new IllegalStateException("refused");

        new Thread(() -> outcome.completeExceptionally(failure)).start();

        assertThatThrownBy(() -> outcome.get(BOUND_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCause(failure);
        assertThat(dependents.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
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
    void getShouldThrowInterruptedWhenTheWaiterIsInterruptedBeforeOrWhileParked() throws Exception {
        WaitedOutcome<String> outcome = new WaitedOutcome<>();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> outcome.get(BOUND_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter =
                new Thread(
                        () -> {
                            try {
                                outcome.get(BOUND_SECONDS, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                thrown.set(e);
                            }
                        });
        waiter.start();
        awaitParked(outcome);
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    /**
     * Waits on {@code outcome} on a new thread; the future ends with what get returned or threw.
     */
    private static CompletableFuture<Object> waitOnAnotherThread(WaitedOutcome<String> outcome) {
        CompletableFuture<Object> waited = new CompletableFuture<>();
        new Thread(
                        () -> {
                            try {
                                waited.complete(
                                        outcome.get(WAITER_BOUND_SECONDS, TimeUnit.SECONDS));
                            } catch (Exception e) {
                                waited.complete(e);
                            }
                        })
                .start();
        return waited;
    }

    /** Returns once a thread is parked on {@code outcome}. */
    private static void awaitParked(WaitedOutcome<String> outcome) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!parkedOn(outcome)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no thread parked on the outcome");
            }
            Thread.sleep(1);
        }
    }

    private static boolean parkedOn(WaitedOutcome<String> outcome) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (LockSupport.getBlocker(thread) == outcome) {
                return true;
            }
        }
        return false;
    }
}
