package io.liftoff.producer.internal.concurrent;

import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * How a blocking call waits for an asynchronous outcome: the one place that handles the wait's
 * timeout, interruption and the unwrapping of the failure.
 */
public final class Await {

    /**
     * How long beyond its own timeout a blocking call waits for an outcome: its timer normally
     * fails it first, so this only guards against a lost timer.
     */
    public static final Duration MARGIN = Duration.ofSeconds(1);

    private Await() {}

    /**
     * Waits for {@code outcome}, which its own timer normally completes in time; {@code bound} only
     * guards against a lost timer.
     *
     * @param what what the outcome is of, for errors, e.g. "send to topic 'orders'"
     * @param onTimeout the failure to throw when {@code bound} passes first
     * @return the outcome's value
     * @throws RuntimeException the outcome's failure as it is; another {@link Throwable} wrapped in
     *     a {@link ProducerException}, as is an interruption (the thread's flag is kept)
     */
    public static <T> T outcome(
            CompletableFuture<T> outcome,
            Duration bound,
            String what,
            Function<TimeoutException, RuntimeException> onTimeout) {
        try {
            return outcome.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw failure(e, what, onTimeout);
        }
    }

    /**
     * Waits for {@code outcome} without a bound of its own: for outcomes whose own timers always
     * complete them, such as a route look-up over name servers that each have a request timeout.
     *
     * @param what what the outcome is of, for errors, e.g. "route look-up of topic 'orders'"
     * @return the outcome's value
     * @throws RuntimeException the outcome's failure as it is; another {@link Throwable} wrapped in
     *     a {@link ProducerException}, as is an interruption (the thread's flag is kept)
     */
    public static <T> T outcome(CompletableFuture<T> outcome, String what) {
        try {
            return outcome.get();
        } catch (ExecutionException | InterruptedException e) {
            throw failure(e, what, timeout -> new IllegalStateException("no bound", timeout));
        }
    }

    /**
     * Like {@link #outcome}, for a send to {@code topic} whose budget is {@code budget}: a lost
     * timer fails it with a {@link SendTimeoutException}. The texts of errors are made only when
     * one occurs, so that a send that succeeds allocates nothing here.
     */
    public static <T> T sendOutcome(
            CompletableFuture<T> outcome, Duration bound, Duration budget, String topic) {
        try {
            return outcome.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            String what = "send to topic '" + topic + "'";
            throw failure(
                    e,
                    what,
                    timeout ->
                            new SendTimeoutException(
                                    what + " got no outcome in time", budget, timeout));
        }
    }

    private static RuntimeException failure(
            Exception e, String what, Function<TimeoutException, RuntimeException> onTimeout) {
        if (e instanceof ExecutionException) {
            Throwable failure = e.getCause();
            return failure instanceof RuntimeException runtime
                    ? runtime
                    : new ProducerException(what + " failed: " + failure, failure);
        }
        if (e instanceof TimeoutException timeout) {
            return onTimeout.apply(timeout);
        }
        Thread.currentThread().interrupt();
        return new ProducerException("interrupted while waiting for the outcome of " + what, e);
    }
}
