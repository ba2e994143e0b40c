package io.liftoff.producer;

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

    private CallbackExecutor(Executor executor, ExecutorService owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /** The user's executor, or an own pool when {@code configured} is {@code null}. */
    static CallbackExecutor of(Executor configured, String group) {
        if (configured != null) {
            return new CallbackExecutor(configured, null);
        }
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        60,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        task -> {
                            Thread thread =
                                    new Thread(
                                            task,
                                            "liftoff-callback-"
                                                    + group
                                                    + "-"
                                                    + counter.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        pool.allowCoreThreadTimeOut(true);
        return new CallbackExecutor(pool, pool);
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

    /** Stops the own threads once their queued completions ran; a user's executor is left alone. */
    void shutdown() {
        if (owned != null) {
            owned.shutdown();
        }
    }
}
