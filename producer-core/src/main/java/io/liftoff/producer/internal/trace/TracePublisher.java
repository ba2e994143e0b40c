package io.liftoff.producer.internal.trace;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends trace records to the trace topic in the background, in batches, as the official client's
 * {@code AsyncTraceDispatcher} does: a bounded queue takes records without ever blocking (a full
 * queue drops the record and counts it), and one daemon thread sends a batch as soon as {@code
 * batchSize} records wait, and whatever waits every {@code flushInterval}. The records of a batch
 * that trace the same topic travel in one trace message, up to {@link #MAX_BODY_CHARS}. {@link
 * #close} sends what is left and waits for it.
 *
 * <p>Thread-safe.
 */
public final class TracePublisher {

    /** Characters of one trace message's body, at most; the official trace producer's limit. */
    public static final int MAX_BODY_CHARS = 128_000;

    private static final Logger log = LoggerFactory.getLogger(TracePublisher.class);

    /**
     * How much the publisher holds and how it batches.
     *
     * @param capacity records waiting to be sent, at most
     * @param batchSize records sent at once
     * @param flushInterval how long a record waits at most while fewer than a batch wait
     */
    public record Limits(int capacity, int batchSize, Duration flushInterval) {

        /**
         * The official client's queue of 2048 records and batches of 10 (its default {@code
         * traceMsgBatchNum}); it waits up to 5 s for a batch, this publisher 1 s, so that traces
         * show soon at low rates.
         */
        public static final Limits DEFAULTS = new Limits(2048, 10, Duration.ofSeconds(1));
    }

    /** Sends one trace message; the producer's own send path in production. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Sends {@code body} to {@code topic} with the message keys {@code keys}.
         *
         * @return completes when the broker answered; may fail, or throw when it cannot start
         */
        CompletableFuture<?> send(String topic, List<String> keys, byte[] body);
    }

    private final String topic;
    private final Sink sink;
    private final int batchSize;
    private final ArrayBlockingQueue<TraceRecord> queue;
    private final ScheduledThreadPoolExecutor flusher;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sentMessages = new AtomicLong();
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
    // made once: a drain is scheduled once per batch, not per record
    private final Runnable drainBatches = this::drainFullBatches;

    /**
     * Starts the flusher thread.
     *
     * @param topic the trace topic
     * @param name names the flusher thread, e.g. the producer group
     */
    public TracePublisher(String topic, Sink sink, Limits limits, String name) {
        this.topic = topic;
        this.sink = sink;
        this.batchSize = limits.batchSize();
        this.queue = new ArrayBlockingQueue<>(limits.capacity());
        this.flusher =
                new ScheduledThreadPoolExecutor(
                        1,
                        task -> {
                            Thread thread = new Thread(task, "liftoff-trace-" + name);
                            thread.setDaemon(true);
                            return thread;
                        });
        long interval = limits.flushInterval().toNanos();
        flusher.scheduleWithFixedDelay(this::drainAll, interval, interval, TimeUnit.NANOSECONDS);
    }

    /**
     * Queues {@code record} for sending; never blocks. Drops it, and counts the drop, when the
     * queue is full or the publisher closed.
     */
    public void append(TraceRecord record) {
        if (closed.get() || !queue.offer(record)) {
            if (dropped.incrementAndGet() == 1) {
                log.warn(
                        "Dropped a message trace record for trace topic {}: {}; later drops are"
                                + " counted, not logged",
                        topic,
                        closed.get()
                                ? "the producer is closed"
                                : "the queue is full (" + queue.size() + " records wait)");
            }
            return;
        }
        if (queue.size() >= batchSize && drainScheduled.compareAndSet(false, true)) {
            try {
                flusher.execute(drainBatches);
            } catch (RejectedExecutionException closing) {
                drainScheduled.set(false); // close() sends what waits
            }
        }
    }

    /** Records dropped so far because the queue was full or the publisher closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Trace messages whose send failed so far; their records are lost. */
    public long failed() {
        return failed.get();
    }

    /** Trace messages sent so far (the broker stored them). */
    public long sent() {
        return sentMessages.get();
    }

    /** Records waiting to be sent. */
    public int waiting() {
        return queue.size();
    }

    /**
     * Sends what waits and waits up to {@code timeout} for it to be stored; later records are
     * dropped. Idempotent.
     */
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Future<?> last = flusher.submit(this::drainAll);
        flusher.shutdown();
        try {
            last.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "Trace records to topic {} may be lost at close: {} still waiting, {} sends"
                            + " unanswered after {} ms",
                    topic,
                    queue.size(),
                    inFlight.size(),
                    timeout.toMillis());
        }
        flusher.shutdownNow();
        if (dropped.get() > 0 || failed.get() > 0) {
            log.info(
                    "Message trace to topic {} closed: {} records dropped (queue full), {} trace"
                            + " messages failed",
                    topic,
                    dropped.get(),
                    failed.get());
        }
    }

    private void drainFullBatches() {
        drainScheduled.set(false);
        while (queue.size() >= batchSize) {
            sendBatch();
        }
    }

    private void drainAll() {
        while (!queue.isEmpty()) {
            sendBatch();
        }
    }

    /** Sends up to one batch of records, those of each traced topic as one trace message. */
    private void sendBatch() {
        List<TraceRecord> batch = new ArrayList<>(batchSize);
        queue.drainTo(batch, batchSize);
        Map<String, List<TraceRecord>> byTopic = new LinkedHashMap<>();
        for (TraceRecord record : batch) {
            byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
        }
        byTopic.values().forEach(this::sendTopicRecords);
    }

    private void sendTopicRecords(List<TraceRecord> records) {
        StringBuilder body = new StringBuilder(256 * records.size());
        Set<String> keys = new LinkedHashSet<>();
        for (TraceRecord record : records) {
            TraceEncoder.append(body, record);
            TraceEncoder.addKeys(keys, record);
            if (body.length() >= MAX_BODY_CHARS) {
                send(body, keys);
                body.setLength(0);
                keys.clear();
            }
        }
        if (body.length() > 0) {
            send(body, keys);
        }
    }

    private void send(StringBuilder body, Set<String> keys) {
        CompletableFuture<?> stored;
        try {
            stored =
                    sink.send(
                            topic,
                            List.copyOf(keys),
                            body.toString().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            lost(e);
            return;
        }
        // close waits for the counted outcome, not merely the answer
        CompletableFuture<Void> counted =
                stored.handle(
                        (result, failure) -> {
                            if (failure == null) {
                                sentMessages.incrementAndGet();
                            } else {
                                lost(failure);
                            }
                            return null;
                        });
        inFlight.add(counted);
        counted.whenComplete((done, never) -> inFlight.remove(counted));
    }

    private void lost(Throwable failure) {
        // the first loss says why; later ones are counted, logged at close
        if (failed.incrementAndGet() == 1) {
            log.warn(
                    "Could not send a message trace to topic {}; its records are lost",
                    topic,
                    failure);
        } else {
            log.debug("Could not send a message trace to topic {}", topic, failure);
        }
    }
}
