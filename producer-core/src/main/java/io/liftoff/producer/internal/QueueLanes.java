package io.liftoff.producer.internal;

import io.liftoff.producer.AutoBatch;
import io.liftoff.producer.MessageQueue;
import java.util.List;
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
 *   <li><b>Automatic batching</b> ({@link AutoBatch} on): a message goes at once, alone, while its
 *       lane has no request in flight, and otherwise waits for the lane's next answer, then goes
 *       with everything that waited as one batch request (as Nagle's algorithm holds small segments
 *       while one is unacknowledged). A batch goes at once when it reaches the message or byte
 *       bound, and at the linger when no answer came by then. A send whose caller waits for it (a
 *       sync send) is held only from {@link #HOLD_AT_WHEN_WAITED} requests in flight: the caller
 *       would lose the wait as throughput.
 *   <li><b>Order</b>: a request holding a message with a sharding key goes only once nothing else
 *       of its lane is in flight. A 5.x broker stores the requests of one connection on several
 *       threads (up to 4), so two requests of one queue in flight at once may be stored in either
 *       order; one at a time, a key's messages are stored in the order sent, async sends too. When
 *       such a request fails and its messages will be retried (at once, after a back-off, or once a
 *       broker that shed load has room), the lane sends nothing else until each has come back and
 *       gone first, in order, or has ended elsewhere.
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
     * Requests of a queue in flight from which the next messages of async sends are held for a
     * batch: one, as Nagle's algorithm. An async sender does not wait for the answers, so a hold
     * costs it at most the linger. (It was two while sync sends were held alike, for their sake.)
     */
    static final int HOLD_AT = 1;

    /**
     * Requests of a queue in flight from which the next message of a send whose caller waits for it
     * is held. Senders that wait for each answer and share queues (16 threads on 8 queues keep
     * about two requests in flight on each) waited for each other's answers when held from two:
     * 0.85–0.92× the throughput of batching off against the real broker; from four, 1.05–1.23× in
     * four runs, and many more senders than queues still coalesce (docs/performance.md, session
     * 18).
     */
    static final int HOLD_AT_WHEN_WAITED = 4;

    final Requests requests;
    private final Supplier<Loop> loops;
    private final boolean batching;
    private final int holdAt;
    private final int holdAtWhenWaited;
    final long lingerNanos;
    final int maxBytes;
    final int maxMessages;
    private final ConcurrentHashMap<MessageQueue, QueueLane> lanes = new ConcurrentHashMap<>();
    final LongAdder batchesSent = new LongAdder();
    final LongAdder messagesBatched = new LongAdder();

    /**
     * @param loops gives each new lane the loop that sends its later requests and runs its linger
     *     timer; in production {@link #on} one of {@link
     *     io.liftoff.producer.internal.remoting.RemotingClient#orderedLoop}
     * @param autoBatch whether and within which bounds to batch; when off, only messages with a
     *     sharding key take a lane, each request holding one
     * @param holdAt requests of a queue in flight from which its next messages are held; {@link
     *     #HOLD_AT}
     * @param holdAtWhenWaited the same for a message whose caller waits for it; {@link
     *     #HOLD_AT_WHEN_WAITED}
     */
    QueueLanes(
            Requests requests,
            Supplier<Loop> loops,
            AutoBatch autoBatch,
            int holdAt,
            int holdAtWhenWaited) {
        this.requests = requests;
        this.loops = loops;
        this.holdAt = holdAt;
        this.holdAtWhenWaited = holdAtWhenWaited;
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
        boolean batchable = size > 0 && size <= maxBytes;
        QueueLane.Held held =
                new QueueLane.Held(
                        message, operation, address, System.nanoTime() + timeoutNanos, size);
        // a message that cannot join a batch gains nothing from a hold: it goes at once unless
        // something of its queue waits before it (or, with a sharding key, is in flight)
        int holdFrom =
                !batchable
                        ? Integer.MAX_VALUE
                        : operation.callerWaits() ? holdAtWhenWaited : holdAt;
        lanes.computeIfAbsent(queue, q -> new QueueLane(this, q, loops.get()))
                .offer(held, batchable, holdFrom);
    }
}
