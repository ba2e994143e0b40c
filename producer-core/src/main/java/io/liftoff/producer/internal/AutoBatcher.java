package io.liftoff.producer.internal;

import io.liftoff.producer.AutoBatch;
import io.liftoff.producer.MessageQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Automatic batching, as the attempt step of every send when {@link AutoBatch} is on: each queue
 * has a lane that sends a message at once, alone, when nothing of the lane is in flight, and
 * otherwise holds it until the lane's next answer, then sends everything held as one batch request
 * (as Nagle's algorithm holds small segments while one is unacknowledged). A batch goes at once
 * when it reaches the message or byte bound, and at the linger when no answer came by then.
 *
 * <p>It batches attempts, not sends: each message's {@link SendOperation} has chosen the queue,
 * holds room in the broker's window and in the producer's in-flight bounds, and is told its own
 * result or failure, so retries, timeouts, fault tolerance, tracing and listeners stay per message.
 *
 * <p>A queue's messages reach the wire in the order they came: a message that may not be batched
 * (see {@link PreparedMessage#batchable()}) or is too large goes alone, after what its queue holds;
 * and every request of a lane that does not go at once is handed to the lane's own event loop, in
 * order, so that a request sent from an answer's thread never overtakes one sent before from a
 * caller's thread.
 *
 * <p>Thread-safe: one lock per lane, held only to count and to take or add messages, never across
 * I/O.
 */
final class AutoBatcher implements SendOperation.Attempt {

    /** The two requests a lane sends; {@link MessageSender} in production. */
    interface Requests {
        /**
         * Sends one message as SEND_MESSAGE_V2; tells {@code operation}, then runs {@code
         * answered}.
         */
        void sendAlone(
                PreparedMessage message,
                MessageQueue queue,
                String address,
                long timeoutNanos,
                SendOperation operation,
                Runnable answered);

        /**
         * Sends {@code batch} as SEND_BATCH_MESSAGE; tells each operation its own outcome, in
         * order, then runs {@code answered}.
         */
        void sendBatch(
                PreparedMessage batch,
                List<SendOperation> operations,
                MessageQueue queue,
                String address,
                long timeoutNanos,
                Runnable answered);
    }

    /**
     * The one thread a lane hands its later requests to, in order, and its linger timer; an event
     * loop of the client in production ({@link #on}).
     */
    interface Loop {
        /**
         * Runs {@code task} soon, after the tasks given before.
         *
         * @throws RejectedExecutionException once the client closed
         */
        void execute(Runnable task);

        /**
         * Runs {@code task} on this loop after {@code delayNanos}.
         *
         * @throws RejectedExecutionException once the client closed
         */
        void schedule(Runnable task, long delayNanos);
    }

    /** The loop of {@code executor}: a single thread, as a Netty event loop is. */
    static Loop on(ScheduledExecutorService executor) {
        return new Loop() {
            @Override
            public void execute(Runnable task) {
                executor.execute(task);
            }

            @Override
            public void schedule(Runnable task, long delayNanos) {
                executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    private final Requests requests;
    private final Supplier<Loop> loops;
    private final long lingerNanos;
    private final int maxBytes;
    private final int maxMessages;
    private final ConcurrentHashMap<MessageQueue, Lane> lanes = new ConcurrentHashMap<>();
    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder messagesBatched = new LongAdder();

    /**
     * @param loops gives each new lane the loop that sends its later requests and runs its linger
     *     timer; in production {@link #on} one of {@link
     *     io.liftoff.producer.internal.remoting.RemotingClient#orderedLoop}
     */
    AutoBatcher(Requests requests, Supplier<Loop> loops, AutoBatch bounds) {
        this.requests = requests;
        this.loops = loops;
        this.lingerNanos = bounds.linger().toNanos();
        this.maxBytes = bounds.maxBytes();
        this.maxMessages = bounds.maxMessages();
    }

    /** The batch requests sent so far and the messages in them; for tests and benchmarks. */
    AutoBatchCounts counts() {
        return new AutoBatchCounts(batchesSent.sum(), messagesBatched.sum());
    }

    @Override
    public void send(
            PreparedMessage message,
            MessageQueue queue,
            String address,
            long timeoutNanos,
            SendOperation operation) {
        int size = message.batchable() ? CoalescedBatch.recordSize(message) : 0;
        Held held = new Held(message, operation, address, System.nanoTime() + timeoutNanos, size);
        lanes.computeIfAbsent(queue, Lane::new).offer(held, size > 0 && size <= maxBytes);
    }

    /**
     * A message on its way through a lane.
     *
     * @param attemptDeadline when its attempt times out, in {@link System#nanoTime()} terms
     * @param size its record's bytes in a batch body
     */
    private record Held(
            PreparedMessage message,
            SendOperation operation,
            String address,
            long attemptDeadline,
            int size) {}

    /** The messages of one queue: how many of its requests are in flight, and what waits. */
    private final class Lane {

        private final MessageQueue queue;
        private final Loop loop;
        private final Runnable answered = this::answered;
        private final Runnable drain = this::drain;
        private final Runnable lingerEnded = this::lingerEnded;
        // the rest is guarded by this
        private List<Held> held = new ArrayList<>();
        private int heldBytes;
        private long heldSince;
        // requests taken to send, in order; the loop sends them
        private final ArrayDeque<List<Held>> outbox = new ArrayDeque<>();
        private boolean draining;
        private int inFlight;
        private boolean lingerScheduled;

        Lane(MessageQueue queue) {
            this.queue = queue;
            this.loop = loops.get();
        }

        /**
         * Sends {@code message} at once if nothing of the lane is in flight; else holds it for a
         * batch when {@code batchable}, or queues it alone after what is held.
         */
        void offer(Held message, boolean batchable) {
            boolean now = false;
            boolean scheduleLinger = false;
            boolean startDrain;
            synchronized (this) {
                if (inFlight == 0) {
                    // nothing is held or queued while none is in flight: no one to overtake
                    inFlight++;
                    now = true;
                } else if (!batchable) {
                    takeHeld();
                    outbox.add(List.of(message));
                    inFlight++;
                } else {
                    // what is held goes first if the message would overfill it or goes elsewhere
                    if (!held.isEmpty()
                            && (heldBytes + message.size() > maxBytes
                                    || !held.get(0).address().equals(message.address()))) {
                        takeHeld();
                    }
                    if (held.isEmpty()) {
                        heldSince = System.nanoTime();
                    }
                    held.add(message);
                    heldBytes += message.size();
                    if (held.size() >= maxMessages || heldBytes >= maxBytes) {
                        takeHeld();
                    } else if (!lingerScheduled) {
                        lingerScheduled = true;
                        scheduleLinger = true;
                    }
                }
                startDrain = startDrainIfNeeded();
            }
            if (now) {
                send(List.of(message));
            }
            if (startDrain) {
                execute(drain);
            }
            if (scheduleLinger) {
                scheduleLinger(lingerNanos);
            }
        }

        /** One of this lane's requests was answered: what is held goes now. */
        private void answered() {
            boolean startDrain;
            synchronized (this) {
                inFlight--;
                takeHeld();
                startDrain = startDrainIfNeeded();
            }
            if (startDrain) {
                execute(drain);
            }
        }

        /** On the loop, at the linger: what is held long enough goes, even with no answer. */
        private void lingerEnded() {
            long left = 0;
            boolean startDrain;
            synchronized (this) {
                lingerScheduled = false;
                if (!held.isEmpty()) {
                    // an answer may have sent what was held, and newer messages came since
                    left = heldSince + lingerNanos - System.nanoTime();
                    if (left > 0) {
                        lingerScheduled = true;
                    } else {
                        takeHeld();
                    }
                }
                startDrain = startDrainIfNeeded();
            }
            if (startDrain) {
                drain();
            }
            if (left > 0) {
                scheduleLinger(left);
            }
        }

        /** On the loop: sends what was taken, in order, until none is left. */
        private void drain() {
            while (true) {
                List<Held> next;
                synchronized (this) {
                    next = outbox.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                send(next);
            }
        }

        /** Queues what is held as one more request in flight; under the lock. */
        private void takeHeld() {
            if (held.isEmpty()) {
                return;
            }
            outbox.add(held);
            held = new ArrayList<>(Math.min(held.size() * 2, maxMessages));
            heldBytes = 0;
            inFlight++;
        }

        /** Whether the caller must start the drain; under the lock. */
        private boolean startDrainIfNeeded() {
            if (draining || outbox.isEmpty()) {
                return false;
            }
            draining = true;
            return true;
        }

        private void scheduleLinger(long nanos) {
            try {
                loop.schedule(lingerEnded, nanos);
            } catch (RejectedExecutionException closing) {
                // the client is closing: no timer, so what is held goes now
                boolean startDrain;
                synchronized (this) {
                    lingerScheduled = false;
                    takeHeld();
                    startDrain = startDrainIfNeeded();
                }
                if (startDrain) {
                    drain();
                }
            }
        }

        private void execute(Runnable task) {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException closing) {
                task.run(); // the client is closing; the requests fail there, each told
            }
        }

        /** Sends one request: alone when one message, else a batch; tells each message if not. */
        private void send(List<Held> messages) {
            Held first = messages.get(0);
            long timeoutNanos = first.attemptDeadline();
            for (Held message : messages) {
                timeoutNanos = Math.min(timeoutNanos, message.attemptDeadline());
            }
            // the earliest attempt deadline bounds the request, at least a millisecond
            timeoutNanos = Math.max(timeoutNanos - System.nanoTime(), 1_000_000L);
            try {
                if (messages.size() == 1) {
                    requests.sendAlone(
                            first.message(),
                            queue,
                            first.address(),
                            timeoutNanos,
                            first.operation(),
                            answered);
                } else {
                    sendBatch(messages, first.address(), timeoutNanos);
                }
            } catch (RuntimeException e) {
                // the request never went out: each message's attempt failed, as it would alone
                for (Held message : messages) {
                    message.operation().attempted(null, e);
                }
                answered();
            }
        }

        private void sendBatch(List<Held> messages, String address, long timeoutNanos) {
            List<PreparedMessage> batched = new ArrayList<>(messages.size());
            List<SendOperation> operations = new ArrayList<>(messages.size());
            int bytes = 0;
            for (Held message : messages) {
                batched.add(message.message());
                operations.add(message.operation());
                bytes += message.size();
            }
            batchesSent.increment();
            messagesBatched.add(messages.size());
            requests.sendBatch(
                    CoalescedBatch.encode(queue.topic(), batched, bytes),
                    operations,
                    queue,
                    address,
                    timeoutNanos,
                    answered);
        }
    }
}
