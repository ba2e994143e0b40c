package io.liftoff.producer.internal;

import io.liftoff.producer.MessageQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * The lane of one queue, as {@link QueueLanes} describes: its requests in flight, those ready, what
 * is held for a batch, and the retries of a failed sharding-key request. Thread-safe: one lock,
 * held only to count and to take or add messages, never across I/O.
 */
final class QueueLane {

    /**
     * A message on its way through a lane.
     *
     * @param attemptDeadline when its attempt times out, in {@link System#nanoTime()} terms
     * @param size its record's bytes in a batch body
     */
    record Held(
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
     * A message of a failed ordered request that will be retried: the lane sends nothing else until
     * it is back (then it goes first) or its operation ended. Guarded by its lane.
     */
    private static final class Retry {
        final SendOperation operation;
        Held back;

        Retry(SendOperation operation, Held back) {
            this.operation = operation;
            this.back = back;
        }
    }

    /**
     * One request of a lane, ready to go.
     *
     * @param ordered whether a message of it has a sharding key: it goes once none is in flight
     */
    private record Request(List<Held> messages, boolean ordered) {}

    private final QueueLanes lanes;
    private final MessageQueue queue;
    private final QueueLanes.Loop loop;
    private final Runnable answered = this::answered;
    private final Runnable drain = this::drain;
    private final Runnable lingerEnded = this::lingerEnded;
    // the rest is guarded by this
    // the request with a sharding key's messages in flight, if any: its retries come back
    private Request orderedInFlight;
    // its messages that came back to be retried before its answer ran (a retry at once)
    private List<Held> backEarly;
    // the retries of a failed ordered request, in its order: they go before anything else
    private final ArrayDeque<Retry> retries = new ArrayDeque<>();
    private List<Held> held = new ArrayList<>();
    private int heldBytes;
    private long heldSince;
    // requests ready to go, in order; the loop sends them
    private final ArrayDeque<Request> ready = new ArrayDeque<>();
    private boolean draining;
    private int inFlight;
    private boolean lingerScheduled;

    QueueLane(QueueLanes lanes, MessageQueue queue, QueueLanes.Loop loop) {
        this.lanes = lanes;
        this.queue = queue;
        this.loop = loop;
    }

    /**
     * Sends {@code message} at once if fewer than {@code holdAt} of the lane's requests are in
     * flight and none waits (none in flight for a sharding key's message); else holds it for a
     * batch when {@code batchable}, or readies it alone after what is held.
     */
    void offer(Held message, boolean batchable, int holdAt) {
        boolean now = false;
        Request nowAlone = null;
        boolean scheduleLinger = false;
        boolean startDrain;
        synchronized (this) {
            if (message.ordered() && cameBack(message)) {
                // kept for its turn, first of all
            } else if (inFlight < (message.ordered() ? 1 : holdAt)
                    && retries.isEmpty()
                    && ready.isEmpty()
                    && held.isEmpty()
                    && !draining) {
                // nothing to overtake, nothing to wait for
                inFlight++;
                nowAlone = new Request(List.of(message), message.ordered());
                if (nowAlone.ordered()) {
                    orderedInFlight = nowAlone;
                }
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
                if (held.size() >= lanes.maxMessages || heldBytes >= lanes.maxBytes) {
                    takeHeld();
                } else if (!lingerScheduled) {
                    lingerScheduled = true;
                    scheduleLinger = true;
                }
            }
            startDrain = startDrainIfNeeded();
        }
        if (now) {
            send(nowAlone);
        }
        if (startDrain) {
            execute(drain);
        }
        if (scheduleLinger) {
            scheduleLinger(lanes.lingerNanos);
        }
    }

    /**
     * Whether {@code message} is the retry of a message of the lane's failed ordered request, and
     * if so keeps it for its turn; under the lock.
     */
    private boolean cameBack(Held message) {
        if (orderedInFlight != null && holds(orderedInFlight.messages(), message.operation())) {
            // retried at once, before the failed request's answer ran
            if (backEarly == null) {
                backEarly = new ArrayList<>();
            }
            backEarly.add(message);
            return true;
        }
        for (Retry retry : retries) {
            if (retry.operation == message.operation()) {
                retry.back = message;
                return true;
            }
        }
        return false;
    }

    /** Whether {@code messages} holds one of {@code operation}. */
    private static boolean holds(List<Held> messages, SendOperation operation) {
        for (Held message : messages) {
            if (message.operation() == operation) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code message} may join what is held; under the lock. */
    private boolean fits(Held message) {
        Held first = held.get(0);
        return heldBytes + message.size() <= lanes.maxBytes
                && first.address().equals(message.address())
                && Objects.equals(first.message().shardingKey(), message.message().shardingKey());
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

    /**
     * The request with a sharding key's messages was answered, each of its operations told: an
     * operation not ended will retry, and goes before anything else of the lane.
     */
    private void answeredOrdered(Request request) {
        List<Retry> waitedFor = new ArrayList<>(0);
        List<Retry> again = new ArrayList<>(0);
        boolean startDrain;
        synchronized (this) {
            inFlight--;
            orderedInFlight = null;
            for (Held message : request.messages()) {
                SendOperation operation = message.operation();
                Held back = null;
                if (backEarly != null) {
                    for (Held early : backEarly) {
                        if (early.operation() == operation) {
                            back = early;
                        }
                    }
                }
                if (back != null || !operation.isEnded()) {
                    Retry retry = new Retry(operation, back);
                    again.add(retry);
                    if (back == null) {
                        waitedFor.add(retry);
                    }
                }
            }
            // before the retries of earlier failures, which this request went ahead of
            for (int i = again.size() - 1; i >= 0; i--) {
                retries.addFirst(again.get(i));
            }
            backEarly = null;
            takeHeld();
            startDrain = startDrainIfNeeded();
        }
        // a retry that ends without coming back (given up, or sent to another queue) frees
        // the lane; runs at once if it ended meanwhile
        for (Retry retry : waitedFor) {
            retry.operation.outcome().whenComplete((result, failure) -> ended(retry));
        }
        if (startDrain) {
            execute(drain);
        }
    }

    /** The operation of {@code retry} ended: unless it came back, the lane waits no more. */
    private void ended(Retry retry) {
        boolean startDrain;
        synchronized (this) {
            if (retry.back == null) {
                retries.remove(retry);
            }
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
                left = heldSince + lanes.lingerNanos - System.nanoTime();
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
                next = next();
                if (next == null) {
                    draining = false;
                    return;
                }
                if (next.ordered()) {
                    orderedInFlight = next;
                }
                inFlight++;
            }
            send(next);
        }
    }

    /**
     * Takes the request that may go now: the first retry once it is back, else the first ready one;
     * none while a retry is away or while anything is in flight before an ordered one. Under the
     * lock.
     */
    private Request next() {
        if (!nextMayGo()) {
            return null;
        }
        Retry retry = retries.poll();
        return retry != null ? new Request(List.of(retry.back), true) : ready.poll();
    }

    /** Whether {@link #next} has a request to give; under the lock. */
    private boolean nextMayGo() {
        Retry retry = retries.peek();
        if (retry != null) {
            return retry.back != null && inFlight == 0;
        }
        Request next = ready.peek();
        return next != null && !(next.ordered() && inFlight > 0);
    }

    /** Readies what is held as one request; under the lock. */
    private void takeHeld() {
        if (held.isEmpty()) {
            return;
        }
        ready.add(new Request(held, held.get(0).ordered()));
        held = new ArrayList<>(Math.min(held.size() * 2, lanes.maxMessages));
        heldBytes = 0;
    }

    /** Whether the caller must start the drain: the next request may go; under the lock. */
    private boolean startDrainIfNeeded() {
        if (draining || !nextMayGo()) {
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
    private void send(Request request) {
        List<Held> messages = request.messages();
        Runnable answered = request.ordered() ? () -> answeredOrdered(request) : this.answered;
        Held first = messages.get(0);
        long timeoutNanos = first.attemptDeadline();
        for (Held message : messages) {
            timeoutNanos = Math.min(timeoutNanos, message.attemptDeadline());
        }
        // the earliest attempt deadline bounds the request, at least a millisecond
        timeoutNanos = Math.max(timeoutNanos - System.nanoTime(), 1_000_000L);
        try {
            if (messages.size() == 1) {
                lanes.requests.sendAlone(
                        first.message(),
                        queue,
                        first.address(),
                        timeoutNanos,
                        first.operation(),
                        answered);
            } else {
                sendBatch(messages, first.address(), timeoutNanos, answered);
            }
        } catch (RuntimeException e) {
            // the request never went out: each message's attempt failed, as it would alone
            for (Held message : messages) {
                message.operation().attempted(null, e);
            }
            answered.run();
        }
    }

    private void sendBatch(
            List<Held> messages, String address, long timeoutNanos, Runnable answered) {
        List<PreparedMessage> batched = new ArrayList<>(messages.size());
        List<SendOperation> operations = new ArrayList<>(messages.size());
        int bytes = 0;
        for (Held message : messages) {
            batched.add(message.message());
            operations.add(message.operation());
            bytes += message.size();
        }
        lanes.batchesSent.increment();
        lanes.messagesBatched.add(messages.size());
        lanes.requests.sendBatch(
                CoalescedBatch.encode(queue.topic(), batched, bytes),
                operations,
                queue,
                address,
                timeoutNanos,
                answered);
    }
}
