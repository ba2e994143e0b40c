package io.liftoff.producer;

import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Sustained, paced load on one topic: some threads sending synchronously and one thread keeping a
 * window of asynchronous sends open. Every send lands in a {@link SendLedger}; {@link #stop} waits
 * for every outcome, so a send whose future never completes fails the scenario.
 */
final class LoadGenerator {

    // a short pause between sends keeps two brokers on two shared cores responsive
    private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final Producer producer;
    private final String topic;
    private final SendLedger ledger;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final Queue<CompletableFuture<SendResult>> futures = new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> threadFailures = new ConcurrentLinkedQueue<>();
    private final Semaphore window;

    private LoadGenerator(Producer producer, String topic, SendLedger ledger, int asyncWindow) {
        this.producer = producer;
        this.topic = topic;
        this.ledger = ledger;
        this.window = new Semaphore(Math.max(1, asyncWindow));
    }

    /**
     * Starts the load.
     *
     * @param syncThreads threads each sending one message at a time
     * @param asyncWindow async sends outstanding at most, 0 for none
     */
    static LoadGenerator start(
            Producer producer, String topic, SendLedger ledger, int syncThreads, int asyncWindow) {
        LoadGenerator load = new LoadGenerator(producer, topic, ledger, asyncWindow);
        for (int i = 0; i < syncThreads; i++) {
            load.spawn("sync-load-" + i, load::sendSync);
        }
        if (asyncWindow > 0) {
            load.spawn("async-load", load::sendAsync);
        }
        return load;
    }

    /**
     * Stops sending and waits for every outcome.
     *
     * @param within how long the outcomes may take to arrive
     * @throws AssertionError when a send has no outcome in time, or a load thread failed
     */
    void stop(Duration within) throws Exception {
        running.set(false);
        long deadline = System.nanoTime() + within.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " still waits for a send");
            }
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .exceptionally(failure -> null)
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            long pending = futures.stream().filter(f -> !f.isDone()).count();
            throw new AssertionError(pending + " async sends have no outcome after " + within, e);
        }
        if (!threadFailures.isEmpty()) {
            AssertionError error = new AssertionError("a load thread failed");
            threadFailures.forEach(error::addSuppressed);
            throw error;
        }
    }

    private void spawn(String name, Runnable body) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                body.run();
                            } catch (RuntimeException | Error e) {
                                threadFailures.add(e);
                            }
                        },
                        name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void sendSync() {
        while (running.get()) {
            String id = ledger.nextId("sync");
            long start = System.nanoTime();
            try {
                ledger.record(id, start, producer.send(message(id)), null);
            } catch (ProducerException e) {
                ledger.record(id, start, null, e);
                if (e instanceof ProducerClosedException) {
                    return;
                }
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    private void sendAsync() {
        while (running.get()) {
            if (!window.tryAcquire()) {
                LockSupport.parkNanos(PAUSE_NANOS);
                continue;
            }
            String id = ledger.nextId("async");
            long start = System.nanoTime();
            CompletableFuture<SendResult> future = producer.sendAsync(message(id));
            futures.add(future);
            future.whenComplete(
                    (result, failure) -> {
                        ledger.record(id, start, result, failure);
                        window.release();
                    });
            if (future.isCompletedExceptionally()
                    && future.handle((result, failure) -> MessageSender.unwrap(failure)).join()
                            instanceof ProducerClosedException) {
                return;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    private Message message(String id) {
        return Message.builder(topic).body(id).build();
    }
}
