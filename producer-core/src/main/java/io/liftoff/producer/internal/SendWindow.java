package io.liftoff.producer.internal;

import io.liftoff.producer.ConnectionStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * How many send requests one producer may have in flight to one broker, adapted to what the broker
 * takes, as TCP adapts its congestion window: each answer that says the broker sheds load ({@link
 * AttemptFailure#FLOW_CONTROL}) halves the limit, each stored message while the window is full
 * grows it again, by one per answer until the first flow-control answer (slow start), then by one
 * per window of answers. Sends beyond the limit wait here, in order, without a thread each, until
 * an answer returns room; a send that met flow control waits at the head, since it has been waiting
 * longest.
 *
 * <p>Why a window rather than a back-off per send: thousands of sends that each back off on their
 * own come back as a herd, the broker turns most of them away again, and some lose that lottery
 * until their retries run out. A window sends the broker only what it has shown it can take, so the
 * broker's answers pace the sends.
 *
 * <ul>
 *   <li><b>One cut per episode.</b> The answers to requests sent before the last cut describe the
 *       load before it, so only an answer to a later request cuts again; a volley of refusals
 *       halves the limit once, not down to nothing.
 *   <li><b>Pause at the floor.</b> A broker that refuses even one request at a time (page cache
 *       busy, a full disk queue) gets none for a moment, 10 ms doubling up to 1 s, and the first
 *       stored message ends the pause: the floor never turns into a tight loop of refusals.
 *   <li><b>No growth while idle.</b> The limit grows only while the window is full, so a quiet
 *       period does not leave it wide open for the next burst.
 * </ul>
 *
 * <p>Thread-safe: one lock per window, held only to count, never across I/O; the sends it gives
 * room to run on {@code grants}, never on the stack of the answer that freed the room.
 */
final class SendWindow {

    /** Requests a broker gets at once before any answer shows what it takes. */
    static final int INITIAL_LIMIT = 32;

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How an attempt that held room ended, as far as the window is concerned. */
    enum Answer {
        /** The broker stored the message (whatever its flush status). */
        STORED,
        /** The broker shed load. */
        FLOW_CONTROL,
        /** Any other failure; says nothing of the broker's load. */
        OTHER,
        /** The room was granted but never used for a request. */
        UNUSED;

        /** The answer of an attempt that ended with {@code failure}, or a result if null. */
        static Answer of(AttemptFailure failure) {
            if (failure == null) {
                return STORED;
            }
            return failure == AttemptFailure.FLOW_CONTROL ? FLOW_CONTROL : OTHER;
        }
    }

    private final String brokerName;
    private final int ceiling;
    private final Executor grants;
    private final SendOperation.Delays delays;
    private final SendBacklog backlog;
    private final ArrayDeque<SendOperation> waiting = new ArrayDeque<>();
    // all guarded by this
    private double limit;
    private double slowStartThreshold;
    private int inFlight;
    // operations queued and still waiting; the deque may also hold some that expired meanwhile
    private int waitingCount;
    // operations given room whose grant has not run yet, on the grants executor
    private int grantsPending;
    // operations taken off the queue since the backlog was last told
    private int dequeued;
    private boolean decreased;
    private long lastDecrease;
    private boolean paused;
    private long pauseNanos = FIRST_PAUSE_NANOS;
    private long flowControlAnswers;
    // read without the lock by the queue selection: whether a new send would have to wait
    private volatile boolean full;

    /**
     * @param brokerName the broker, for status and errors
     * @param ceiling the most the limit grows to; the producer's own in-flight bound
     * @param grants runs the sends that got room, one after the other in the order given; must not
     *     run them on the calling thread
     * @param delays ends a pause at the floor
     * @param backlog counts the sends waiting, and learns how fast they drain
     */
    SendWindow(
            String brokerName,
            int ceiling,
            Executor grants,
            SendOperation.Delays delays,
            SendBacklog backlog) {
        this.brokerName = brokerName;
        this.ceiling = ceiling;
        this.grants = grants;
        this.delays = delays;
        this.backlog = backlog;
        this.limit = Math.min(INITIAL_LIMIT, ceiling);
        this.slowStartThreshold = ceiling;
    }

    String brokerName() {
        return brokerName;
    }

    /** Whether a new send would have to wait; a hint for choosing among brokers, without lock. */
    boolean isFull() {
        return full;
    }

    /**
     * Takes room for one attempt of {@code operation}, or queues the operation: {@link
     * SendOperation#granted()} runs on the grants executor once room comes free.
     *
     * @param first whether the operation goes to the head of the queue (it met flow control and has
     *     waited longest), rather than to the tail
     * @param nowNanos the time, for the operation's wait
     * @return {@code true} when room was taken and the caller sends now
     */
    boolean tryAcquire(SendOperation operation, boolean first, long nowNanos) {
        synchronized (this) {
            // not while grants are on their way either: a send must not overtake those before it
            if (waitingCount == 0 && grantsPending == 0 && !paused && inFlight < (int) limit) {
                inFlight++;
                updateFull();
                return true;
            }
            if (first) {
                waiting.addFirst(operation);
            } else {
                waiting.addLast(operation);
            }
            operation.queuedAt = this;
            operation.waitingFrom(nowNanos);
            waitingCount++;
            full = true;
        }
        backlog.queued();
        return false;
    }

    /**
     * Takes room for one attempt past the limit, without waiting: for the retry of a sharding key's
     * message, whose queue's lane holds the key's later messages back until it went, while they
     * hold room here. One such request per lane at most, so the excess stays small.
     */
    void acquirePastLimit() {
        synchronized (this) {
            inFlight++;
            updateFull();
        }
    }

    /**
     * Ends the wait of {@code operation} unless it got room already.
     *
     * @return whether it was still waiting here; it then no longer is
     */
    boolean expire(SendOperation operation) {
        synchronized (this) {
            if (operation.queuedAt != this) {
                return false;
            }
            operation.queuedAt = null;
            // left in the deque, skipped when reached; dropped with the rest when none waits
            if (--waitingCount == 0) {
                waiting.clear();
            }
            updateFull();
        }
        backlog.dequeued(1);
        return true;
    }

    /**
     * Returns the room of an attempt that {@link #tryAcquire} or a grant gave, learns from how it
     * ended, and gives the room to the sends waiting.
     *
     * @param attemptStartNanos when the attempt's request went out ({@link System#nanoTime()})
     * @param nowNanos when it ended
     */
    void release(long attemptStartNanos, long nowNanos, Answer answer) {
        List<SendOperation> granted;
        boolean wasFull;
        int dequeued;
        synchronized (this) {
            wasFull = waitingCount > 0 || inFlight >= (int) limit;
            inFlight--;
            switch (answer) {
                case STORED -> stored(wasFull);
                case FLOW_CONTROL -> flowControl(attemptStartNanos, nowNanos);
                case OTHER, UNUSED -> {}
            }
            granted = grantRoom();
            dequeued = takeDequeued();
        }
        if (wasFull && answer == Answer.STORED) {
            backlog.stored(nowNanos);
        }
        run(granted, dequeued);
    }

    /** A snapshot for {@link ConnectionStatus}. */
    synchronized ConnectionStatus.SendWindowStatus status() {
        return new ConnectionStatus.SendWindowStatus(
                (int) limit, inFlight, waitingCount, flowControlAnswers);
    }

    private void stored(boolean wasFull) {
        pauseNanos = FIRST_PAUSE_NANOS;
        if (paused) {
            // a request sent before the pause got through: the broker takes messages again
            paused = false;
        }
        if (!wasFull) {
            return;
        }
        limit += limit < slowStartThreshold ? 1 : 1 / limit;
        limit = Math.min(limit, ceiling);
    }

    private void flowControl(long attemptStartNanos, long nowNanos) {
        flowControlAnswers++;
        if (decreased && attemptStartNanos - lastDecrease < 0) {
            // sent before the last cut: part of the episode that cut already
            return;
        }
        decreased = true;
        lastDecrease = nowNanos;
        if (limit >= 2) {
            limit = Math.max(1, limit / 2);
            slowStartThreshold = limit;
            return;
        }
        limit = 1;
        slowStartThreshold = 1;
        pause();
    }

    private void pause() {
        if (paused) {
            return;
        }
        long pauseFor = pauseNanos;
        try {
            delays.schedule(this::resume, Duration.ofNanos(pauseFor));
        } catch (IllegalStateException closing) {
            // the client is closing: no pause, the sends waiting end with it
            return;
        }
        paused = true;
        pauseNanos = Math.min(MAX_PAUSE_NANOS, pauseFor * 2);
    }

    private void resume() {
        List<SendOperation> granted;
        int dequeued;
        synchronized (this) {
            paused = false;
            granted = grantRoom();
            dequeued = takeDequeued();
        }
        run(granted, dequeued);
    }

    /**
     * Takes the waiting operations that the room now admits off the queue, oldest first, and drops
     * those that ended meanwhile; counts both in {@link #dequeued}.
     */
    private List<SendOperation> grantRoom() {
        List<SendOperation> granted = null;
        while (waitingCount > 0 && !paused && inFlight < (int) limit) {
            SendOperation next = waiting.pollFirst();
            if (next.queuedAt != this) {
                // expired while waiting
                continue;
            }
            next.queuedAt = null;
            waitingCount--;
            dequeued++;
            if (next.isEnded()) {
                // aborted while waiting (close): no room, and no chain of grants to give it back
                continue;
            }
            inFlight++;
            grantsPending++;
            if (granted == null) {
                granted = new ArrayList<>(4);
            }
            granted.add(next);
        }
        if (waitingCount == 0) {
            waiting.clear();
        }
        return granted;
    }

    /** The count of {@link #dequeued}, reset; also brings {@link #full} up to date. */
    private int takeDequeued() {
        updateFull();
        int count = dequeued;
        dequeued = 0;
        return count;
    }

    private void run(List<SendOperation> granted, int dequeued) {
        if (dequeued > 0) {
            backlog.dequeued(dequeued);
        }
        if (granted == null) {
            return;
        }
        for (SendOperation operation : granted) {
            grants.execute(() -> startGranted(operation));
        }
    }

    /**
     * Runs a grant on the grants executor, which runs them one after the other in the order given:
     * the operation sends, then the room left goes to those that queued behind it meanwhile.
     */
    private void startGranted(SendOperation operation) {
        operation.granted();
        List<SendOperation> granted;
        int dequeued;
        synchronized (this) {
            grantsPending--;
            granted = grantRoom();
            dequeued = takeDequeued();
        }
        run(granted, dequeued);
    }

    private void updateFull() {
        boolean nowFull =
                paused || waitingCount > 0 || grantsPending > 0 || inFlight >= (int) limit;
        if (nowFull != full) {
            full = nowFull;
        }
    }
}
