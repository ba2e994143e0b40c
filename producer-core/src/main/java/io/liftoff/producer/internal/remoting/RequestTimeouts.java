package io.liftoff.producer.internal.remoting;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Expires pending requests, each on its own task of one shared {@link HashedWheelTimer}, instead of
 * scanning the table periodically; a request's task is cancelled when the request completes.
 * Thread-safe.
 */
final class RequestTimeouts implements AutoCloseable {

    // Fine enough that a timeout fires within a few milliseconds of its deadline.
    private static final long TICK_MILLIS = 10;
    private static final int TICKS_PER_WHEEL = 512;

    private final Timer timer;

    /**
     * @param threadFactory makes the timer's tick thread
     * @param taskExecutor runs expiries, so that the callbacks of failed futures never block the
     *     tick thread
     */
    RequestTimeouts(ThreadFactory threadFactory, Executor taskExecutor) {
        // No leak detection, since close() always stops the timer; no cap on pending timeouts,
        // since the callers bound the requests in flight.
        this.timer =
                new HashedWheelTimer(
                        threadFactory,
                        TICK_MILLIS,
                        TimeUnit.MILLISECONDS,
                        TICKS_PER_WHEEL,
                        false,
                        -1,
                        taskExecutor);
    }

    /**
     * Fails {@code request} with {@link RemotingTimeoutException} once its timeout elapses, unless
     * it completed first.
     *
     * @throws IllegalStateException if the timeouts are closed
     */
    void schedule(PendingRequest request) {
        request.expireWith(timer.newTimeout(request, request.timeoutNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * Runs {@code task} on the timer's task executor once {@code delay} has passed.
     *
     * @throws IllegalStateException if the timeouts are closed
     */
    void delay(Runnable task, Duration delay) {
        timer.newTimeout(timeout -> task.run(), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the timer; scheduled expiries are dropped. Idempotent. */
    @Override
    public void close() {
        timer.stop();
    }
}
