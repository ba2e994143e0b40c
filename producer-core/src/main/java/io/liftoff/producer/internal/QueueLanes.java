package io.liftoff.producer.internal;

import io.liftoff.producer.AutoBatch;
import io.liftoff.producer.MessageQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The attempt step of every send that automatic batching or a sharding key concerns: each queue has
 * a lane, which does two things.
 *
 * <ul>
 *   <li><b>Automatic batching</b> ({@link AutoBatch} on): a message goes at once, alone, while
 *       fewer than {@link #HOLD_AT} requests of its lane are in flight, and otherwise waits for the
 *       lane's next answer, then goes with everything that waited as one batch request (as Nagle's
 *       algorithm holds small segments while one is unacknowledged). A batch goes at once when it
 *       reaches the message or byte bound, and at the linger when no answer came by then.
 *   <li><b>Order</b>: a request holding a message with a sharding key goes only once nothing else
 *       of its lane is in flight. A 5.x broker stores the requests of one connection on several
 *       threads (up to 4), so two requests of one queue in flight at once may be stored in either
 *       order; one at a time, a key's messages are stored in the order sent, async sends too.
 * </ul>
 *
 * <p>A lane batches attempts, not sends: each message's {@link SendOperation} has chosen the queue,
 * holds room in the broker's window and in the producer's in-flight bounds, and is told its own
 * result or failure, so retries, timeouts, fault tolerance, tracing and listeners stay per message.
 *
 * <p>A lane's requests reach the wire in the order their messages came: a message that may not be
 * batched (see {@link PreparedMessage#batchable()}) or is too large goes alone, after what its
 * queue holds; and a request that does not go at once is handed to the lane's own event loop, in
 * order, so that one sent from an answer's thread never overtakes one sent before from a caller's.
 *
 * <p>Thread-safe: one lock per lane, held only to count and to take or add messages, never across
 * I/O.
 */
final class QueueLanes implements SendOperation.Attempt {

    /** The two requests a lane sends; {@link MessageSender} in production. */
    interface Requests {
        /**
         * Sends one message as SEND_MESSAGE_V2; tells {@code operation}, then runs {@code answered}
         * unless it is {@code null}.
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

    /**
     * Requests of a queue in flight from which its next messages are held for a batch. Not one:
     * senders that wait for each answer and share a queue (16 threads on 8 queues keep about two in
     * flight each) then waited for each other's answers, 0.84× the throughput of batching off
     * against the real broker; from two, 0.98×, while an async window of 256 still gains 2.5×
     * (docs/performance.md, "Automatic batching").
     */
    static final int HOLD_AT = 2;

    private final Requests requests;
    private final Supplier<Loop> loops;
    private final boolean batching;
    private final int holdAt;
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
     * @param autoBatch whether and within which bounds to batch; when off, only messages with a
     *     sharding key take a lane, each request holding one
     * @param holdAt requests of a queue in flight from which its next messages are held; {@link
     *     #HOLD_AT}
     */
    QueueLanes(Requests requests, Supplier<Loop> loops, AutoBatch autoBatch, int holdAt) {
        this.requests = requests;
        this.loops = loops;
        this.holdAt = holdAt;
        this.batching = autoBatch.isEnabled();
        this.lingerNanos = autoBatch.linger().toNanos();
        this.maxBytes = autoBatch.maxBytes();
        this.maxMessages = batching ? autoBatch.maxMessages() : 1;
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
        if (!batching && message.shardingKey() == null) {
            requests.sendAlone(message, queue, address, timeoutNanos, operation, null);
            return;
        }
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
            int size) {

        boolean ordered() {
            return message.shardingKey() != null;
        }
    }

    /**
     * One request of a lane, ready to go.
     *
     * @param ordered whether a message of it has a sharding key: it goes once none is in flight
     */
    private record Request(List<Held> messages, boolean ordered) {}

    /** The messages of one queue: its requests in flight, those ready, and what is held. */
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
        // requests ready to go, in order; the loop sends them
        private final ArrayDeque<Request> ready = new ArrayDeque<>();
        private boolean draining;
        private int inFlight;
        private boolean lingerScheduled;

        Lane(MessageQueue queue) {
            this.queue = queue;
            this.loop = loops.get();
        }

        /**
         * Sends {@code message} at once if few of the lane's requests are in flight and none waits
         * (none in flight for a sharding key's message); else holds it for a batch when {@code
         * batchable}, or readies it alone after what is held.
         */
        void offer(Held message, boolean batchable) {
            boolean now = false;
            boolean scheduleLinger = false;
            boolean startDrain;
            synchronized (this) {
                if (inFlight < (message.ordered() ? 1 : holdAt)
                        && ready.isEmpty()
                        && held.isEmpty()
                        && !draining) {
                    // nothing to overtake, nothing to wait for
                    inFlight++;
                    now = true;
                } else if (!batchable) {
                    takeHeld();
                    ready.add(new Request(List.of(message), message.ordered()));
                } else {
                    // what is held goes first if the message would overfill it, goes elsewhere or
                    // has another sharding key (a batch carries one, for the broker's type check)
                    if (!held.isEmpty() && !fits(message)) {
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

        /** Whether {@code message} may join what is held; under the lock. */
        private boolean fits(Held message) {
            Held first = held.get(0);
            return heldBytes + message.size() <= maxBytes
                    && first.address().equals(message.address())
                    && Objects.equals(
                            first.message().shardingKey(), message.message().shardingKey());
        }

        /** One of this lane's requests was answered: what is held is ready now. */
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

        /** On the loop, at the linger: what was held long enough is ready, even with no answer. */
        private void lingerEnded() {
            long left = 0;
            boolean startDrain;
            synchronized (this) {
                lingerScheduled = false;
                if (!held.isEmpty()) {
                    // an answer may have readied what was held, and newer messages came since
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

        /**
         * On the loop: sends the ready requests in order, until none is left or the next holds a
         * sharding key's message while another request is in flight (an answer resumes it).
         */
        private void drain() {
            while (true) {
                Request next;
                synchronized (this) {
                    next = ready.peek();
                    if (next == null || (next.ordered() && inFlight > 0)) {
                        draining = false;
                        return;
                    }
                    ready.poll();
                    inFlight++;
                }
                send(next.messages());
            }
        }

        /** Readies what is held as one request; under the lock. */
        private void takeHeld() {
            if (held.isEmpty()) {
                return;
            }
            ready.add(new Request(held, held.get(0).ordered()));
            held = new ArrayList<>(Math.min(held.size() * 2, maxMessages));
            heldBytes = 0;
        }

        /** Whether the caller must start the drain: the next request may go; under the lock. */
        private boolean startDrainIfNeeded() {
            Request next = ready.peek();
            if (draining || next == null || (next.ordered() && inFlight > 0)) {
                return false;
            }
            draining = true;
            return true;
        }

        private void scheduleLinger(long nanos) {
            try {
                loop.schedule(lingerEnded, nanos);
            } catch (RejectedExecutionException closing) {
                // the client is closing: no timer, so what is held is ready now
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
