package io.liftoff.producer.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the completions of async sends off the Netty event loops, so that a slow user callback can
 * never stall I/O. Uses the configured executor, or daemon threads of its own that {@link
 * #shutdown()} stops. The own pool's queue has no bound: a send returns its in-flight room when its
 * outcome is decided, before its completion is queued here, so callbacks slower than the sends let
 * the queue grow; a configured executor can bound it.
 */
final class CallbackExecutor {

    private static final Logger log = LoggerFactory.getLogger(CallbackExecutor.class);

    private final Executor executor;
    private final ExecutorService owned;
    private final String threadPrefix;

    private CallbackExecutor(Executor executor, ExecutorService owned, String threadPrefix) {
        this.executor = executor;
        this.owned = owned;
        this.threadPrefix = threadPrefix;
    }

    /** The user's executor, or an own pool when {@code configured} is {@code null}. */
    static CallbackExecutor of(Executor configured, String group) {
        if (configured != null) {
            return new CallbackExecutor(configured, null, null);
        }
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        String prefix = "liftoff-callback-" + group + "-";
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        60,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        task -> {
                            Thread thread = new Thread(task, prefix + counter.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        pool.allowCoreThreadTimeOut(true);
        return new CallbackExecutor(pool, pool, prefix);
    }

    /**
     * Runs {@code task} on the executor; if the executor refuses it (shut down, saturated), runs it
     * here so that no completion is ever lost.
     */
    void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug(
                    "Callback executor refused a completion; running it on {}",
                    Thread.currentThread().getName());
            task.run();
        }
    }

    /**
     * Stops the own threads once their queued completions ran, and waits up to {@code wait} for
     * that, so that every future whose outcome is decided is completed when a close returns; unless
     * called from one of those threads (a callback closing its producer), which would wait for
     * itself. A user's executor is left alone.
     */
    void shutdown(Duration wait) {
        if (owned == null) {
            return;
        }
        owned.shutdown();
        if (Thread.currentThread().getName().startsWith(threadPrefix)) {
            return;
        }
        try {
            if (!owned.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn(
                        "Callbacks of sends still ran {} ms after the producer closed; they go on"
                                + " in the background",
                        wait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
