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
 * for every outcome, so a send whose future never completes fails the scenario. The load goes
 * through a {@link Sender}: our producer, or the official one for the baseline.
 */
final class LoadGenerator {

    /** What the load sends with; the message body is the send's id. */
    interface Sender {

        /** Sends {@code id} and waits; returns where it was stored. */
        SendLedger.Stored send(String id) throws Exception;

        /** Sends {@code id}; the future completes with where it was stored. */
        CompletableFuture<SendLedger.Stored> sendAsync(String id);

        /** Whether {@code failure} says the sender is closed, so that the load stops. */
        boolean isClosed(Throwable failure);
    }

    // a short pause between sends keeps two brokers on two shared cores responsive
    private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final Sender sender;
    private final SendLedger ledger;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final Queue<CompletableFuture<SendLedger.Stored>> futures =
            new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> threadFailures = new ConcurrentLinkedQueue<>();
    private final Semaphore window;

    private LoadGenerator(Sender sender, SendLedger ledger, int asyncWindow) {
        this.sender = sender;
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
        return start(sender(producer, topic), ledger, syncThreads, asyncWindow);
    }

    /** Like {@link #start(Producer, String, SendLedger, int, int)}, through any sender. */
    static LoadGenerator start(Sender sender, SendLedger ledger, int syncThreads, int asyncWindow) {
        LoadGenerator load = new LoadGenerator(sender, ledger, asyncWindow);
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
                ledger.record(id, start, sender.send(id), null);
            } catch (Exception e) {
                ledger.record(id, start, null, e);
                if (sender.isClosed(e)) {
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
            CompletableFuture<SendLedger.Stored> future = sender.sendAsync(id);
            futures.add(future);
            future.whenComplete(
                    (result, failure) -> {
                        ledger.record(id, start, result, failure);
                        window.release();
                    });
            if (future.isCompletedExceptionally()
                    && sender.isClosed(future.handle((result, failure) -> failure).join())) {
                return;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    private static SendLedger.Stored stored(SendResult result) {
        return new SendLedger.Stored(result.queue().brokerName(), result.queue().queueId());
    }

    /** Our producer as a sender. */
    static Sender sender(Producer producer, String topic) {
        return new Sender() {
            @Override
            public SendLedger.Stored send(String id) {
                return stored(producer.send(message(id)));
            }

            @Override
            public CompletableFuture<SendLedger.Stored> sendAsync(String id) {
                return producer.sendAsync(message(id)).thenApply(LoadGenerator::stored);
            }

            @Override
            public boolean isClosed(Throwable failure) {
                return unwrap(failure) instanceof ProducerClosedException;
            }

            private Message message(String id) {
                return Message.builder(topic).body(id).build();
            }
        };
    }

    /** The failure a completion stage wraps, or the failure itself. */
    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null
                ? failure.getCause()
                : failure;
    }
}
