package io.liftoff.producer.internal;

import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.internal.concurrent.WaitedOutcome;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One send, from its first attempt to its outcome. Each attempt takes room in the {@link
 * SendWindow} of its target's broker (waiting there in order, without a thread, while the window is
 * full), goes out through the {@link Attempt} ({@link QueueLanes} in production), and comes back to
 * {@link #attempted}, which records it ({@link AttemptRecorder}), classifies a failure ({@link
 * AttemptFailure}) and asks the {@link RetryPolicy} what follows: the outcome, or another attempt.
 * Attempts run one after the other, so the state needs no locks.
 *
 * <p>At its end the operation leaves the producer's {@link InFlightSends}, returning its room, and
 * then has {@code completions} run {@link #run()}, which completes the outcome future: on the
 * thread that ended it for sync sends ({@link #ON_WAITING_CALLER}), which wakes their caller, on
 * the callback executor for async ones.
 */
final class SendOperation extends InFlightSends.Entry implements Runnable {

    private static final VarHandle ENDED;

    static {
        try {
            ENDED =
                    MethodHandles.lookup()
                            .findVarHandle(SendOperation.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Sends one attempt; {@link QueueLanes} in production, a script in tests. */
    @FunctionalInterface
    interface Attempt {
        /**
         * Sends {@code message} and tells {@code operation} how the attempt ended by calling {@link
         * SendOperation#attempted} exactly once, possibly before returning.
         */
        void send(
                PreparedMessage message,
                MessageQueue queue,
                String address,
                long timeoutNanos,
                SendOperation operation);
    }

    /**
     * Runs a task later without blocking a thread meanwhile; {@link
     * io.liftoff.producer.internal.remoting.RemotingClient#schedule}.
     */
    @FunctionalInterface
    interface Delays {
        /**
         * @throws IllegalStateException if tasks can no longer be scheduled (e.g. at close)
         */
        void schedule(Runnable task, Duration delay);
    }

    /**
     * The parts of a producer that every one of its operations uses.
     *
     * @param sender sends each attempt
     * @param recorder told how each attempt ended, before the operation acts on it
     * @param delays runs the attempt that follows a GO_AWAY after a back-off, and ends a wait for
     *     room at the deadline
     * @param inFlight the producer's sends in flight, which the operation leaves at its end
     */
    record Engine(
            Attempt sender, AttemptRecorder recorder, Delays delays, InFlightSends inFlight) {}

    /**
     * Where an attempt goes.
     *
     * @param window the send window of the queue's broker
     * @param sameBrokerOnRetry whether a retry could only go to this same broker (the route has no
     *     other, or the message keeps its queue), so that timing the attempt out early gains
     *     nothing
     */
    record Target(
            MessageQueue queue, String address, SendWindow window, boolean sameBrokerOnRetry) {}

    /**
     * Chooses the target of each attempt; {@link SendTargets} makes one for orderly messages and
     * one for all others.
     */
    @FunctionalInterface
    interface Targets {
        /**
         * @param topic the topic of the message, as on the wire
         * @param failedBroker the broker of the previous attempt, or {@code null} for the first
         * @throws ProducerException when there is no target
         */
        Target next(String topic, String failedBroker);
    }

    /**
     * The completions of a send whose caller waits for it: the thread that ends the operation
     * completes the outcome, a {@link WaitedOutcome}, which wakes the caller. A send given these is
     * one that {@link #callerWaits() waits}.
     */
    static final Executor ON_WAITING_CALLER = Runnable::run;

    private final Engine engine;
    private final PreparedMessage message;
    private final Targets targets;
    private final RetryPolicy policy;
    private final long deadline;
    private final Executor completions;
    private final CompletableFuture<SendResult> outcome;
    // the failures retried after (flow control only counted), made on the first: most have none
    private List<RuntimeException> failures;
    private volatile int attempts;
    // attempts that spend one of the policy's: all but those answered with flow control
    private int countedAttempts;
    private volatile boolean ended;
    // the outcome, set once ended
    private SendResult result;
    private RuntimeException failure;
    private SendResult notStoredOk;
    // the target of the attempt under way or waiting for room, and when the attempt started
    private Target target;
    private long attemptStart;
    // whether the last failure was flow control; whether an attempt timed out (may have stored)
    private boolean lastFailureWasFlowControl;
    private boolean timedOutOnce;
    // made at the first flow-control answer or wait for room: most sends meet neither
    private FlowControlRecord flowControl;
    // the window this operation waits in, guarded by that window's lock; null when not waiting
    volatile SendWindow queuedAt;
    // whether the broker of the last answer wants message traces (its TRACE_ON)
    private boolean traceOn = true;

    /**
     * An operation ready to {@link #start()}; its budget starts now.
     *
     * @param permits the in-flight room the send holds, returned at its end
     * @param completions runs {@link #run()}, which completes the outcome future; e.g. the user's
     *     callback executor
     */
    SendOperation(
            Engine engine,
            PreparedMessage message,
            Targets targets,
            RetryPolicy policy,
            int permits,
            Executor completions) {
        super(permits);
        this.engine = engine;
        this.message = message;
        this.targets = targets;
        this.policy = policy;
        this.deadline = System.nanoTime() + policy.budget().toNanos();
        this.completions = completions;
        // a waiting caller parks on it without a waiter node per send
        this.outcome = callerWaits() ? new WaitedOutcome<>() : new CompletableFuture<>();
    }

    /**
     * Starts the first attempt on the calling thread; later attempts run where the previous one
     * completed, or where a window gave room.
     */
    void start() {
        attempt(null, false);
    }

    /**
     * Whether the caller waits for this send's outcome before it sends again (a sync send): then
     * holding its message for a batch costs the caller that wait as throughput.
     */
    boolean callerWaits() {
        return completions == ON_WAITING_CALLER;
    }

    /**
     * The outcome, completed exactly once by the completions executor. Completing or cancelling it
     * from outside does not end the operation: {@link #abort} does.
     */
    CompletableFuture<SendResult> outcome() {
        return outcome;
    }

    /** Ends the operation with {@code failure} unless its outcome is decided already. */
    void abort(RuntimeException failure) {
        end(null, failure);
    }

    /** Whether the outcome is decided. */
    boolean isEnded() {
        return ended;
    }

    /** Requests made so far; final once {@link #outcome()} is complete. */
    int attempts() {
        return attempts;
    }

    /** The address of the broker of the last attempt, or {@code null} before the first. */
    String address() {
        Target last = target;
        return last == null ? null : last.address();
    }

    /** The body's length on the wire, compressed or encoded as a batch. */
    int bodyLength() {
        return message.bodyLength();
    }

    /**
     * Told by the {@link Attempt} before {@link #attempted} whether the broker that answered wants
     * message traces.
     */
    void traceSwitch(boolean on) {
        traceOn = on;
    }

    /**
     * Whether the broker of the stored result wants message traces; read once {@link #outcome()} is
     * complete.
     */
    boolean traceOn() {
        return traceOn;
    }

    /**
     * Chooses the target of the next attempt and sends, or waits for room there.
     *
     * @param failedBroker the broker of the previous attempt, or {@code null} for the first
     * @param afterFlowControl whether that broker shed load; the send then waits at the head
     */
    private void attempt(String failedBroker, boolean afterFlowControl) {
        if (ended) {
            return;
        }
        long now = System.nanoTime();
        if (deadline - now <= 0) {
            giveUp(false);
            return;
        }
        try {
            target = targets.next(message.topic(), failedBroker);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (failedBroker != null && message.shardingKey() != null) {
            // a sharding key's retry: its queue's lane holds the key's later messages back until
            // it went, and they hold room in this window; waiting for room behind them would
            // wait for ever
            target.window().acquirePastLimit();
            send(now);
        } else if (target.window().tryAcquire(this, afterFlowControl, now)) {
            send(now);
        } else {
            expireAtDeadline();
        }
    }

    /** Called by a window that queues this operation, under its lock, before any grant. */
    void waitingFrom(long nowNanos) {
        flowControl().waitFrom(nowNanos);
    }

    /** Run by the grants executor once the window this operation waited in gave it room. */
    void granted() {
        long now = System.nanoTime();
        flowControl.waitEnded(now);
        if (ended || deadline - now <= 0) {
            target.window().release(now, now, SendWindow.Answer.UNUSED);
            giveUp(true);
            return;
        }
        send(now);
    }

    private void send(long now) {
        long timeoutNanos =
                policy.attemptTimeoutNanos(
                        deadline - now, countedAttempts, target.sameBrokerOnRetry());
        attempts++;
        countedAttempts++;
        attemptStart = now;
        try {
            engine.sender().send(message, target.queue(), target.address(), timeoutNanos, this);
        } catch (RuntimeException e) {
            // e.g. a request the remoting layer refuses: fail this attempt rather than the thread;
            // it never reached the broker, so it says nothing of it
            target.window().release(attemptStart, attemptStart, SendWindow.Answer.UNUSED);
            attemptFailed(e, AttemptFailure.of(e));
        }
    }

    /**
     * How the attempt under way ended; told by the {@link Attempt} exactly once, on a Netty event
     * loop or on the thread that sent it.
     *
     * @param result the result, or {@code null} when the attempt failed
     * @param failure why the attempt failed, or {@code null} when a result arrived
     */
    void attempted(SendResult result, RuntimeException failure) {
        long now = System.nanoTime();
        AttemptFailure kind = failure == null ? null : AttemptFailure.of(failure);
        // recorded before the retry is chosen, so that it already avoids a broker that just failed
        engine.recorder().ended(target.queue(), now - attemptStart, kind);
        target.window().release(attemptStart, now, SendWindow.Answer.of(kind));
        if (failure == null) {
            stored(result);
        } else {
            attemptFailed(failure, kind);
        }
    }

    private void stored(SendResult result) {
        if (!policy.retriesStored(result.status(), countedAttempts)) {
            end(result, null);
            return;
        }
        notStoredOk = result;
        lastFailureWasFlowControl = false;
        attempt(target.queue().brokerName(), false);
    }

    private void attemptFailed(RuntimeException failure, AttemptFailure kind) {
        String failedBroker = target.queue().brokerName();
        RetryPolicy.Next next =
                policy.afterFailure(
                        kind,
                        countedAttempts,
                        target.sameBrokerOnRetry(),
                        message.shardingKey() == null);
        lastFailureWasFlowControl =
                next == RetryPolicy.Next.WAIT_FOR_ROOM || next == RetryPolicy.Next.PAUSE_FOR_ROOM;
        switch (next) {
            case WAIT_FOR_ROOM -> {
                // the broker shed load: its window shrank, and the send waits there for room
                countedAttempts--;
                flowControl().answered((BrokerRejectedException) failure);
                attempt(failedBroker, true);
            }
            case PAUSE_FOR_ROOM -> {
                countedAttempts--;
                flowControl().answered((BrokerRejectedException) failure);
                pauseForRoom(failedBroker);
            }
            case RETRY -> {
                retriedAfter(failure, kind);
                attempt(failedBroker, false);
            }
            case RETRY_AFTER_BACK_OFF -> {
                retriedAfter(failure, kind);
                retryAfter(RetryPolicy.backOff(countedAttempts), failure, failedBroker);
            }
            case RETRY_AFTER_ROUTE_REFRESH -> {
                retriedAfter(failure, kind);
                retryAfter(
                        policy.routePause(deadline - System.nanoTime(), countedAttempts),
                        failure,
                        failedBroker);
            }
            case GIVE_UP -> {
                timedOutOnce |= kind == AttemptFailure.TIMED_OUT;
                if (notStoredOk != null) {
                    end(notStoredOk, null);
                } else {
                    fail(SendFailures.exhausted(message.topic(), attempts, failure));
                }
            }
        }
    }

    private void retriedAfter(RuntimeException failure, AttemptFailure kind) {
        timedOutOnce |= kind == AttemptFailure.TIMED_OUT;
        if (failures == null) {
            failures = new ArrayList<>(policy.maxAttempts() - 1);
        }
        failures.add(failure);
    }

    /**
     * Retries after {@code pause}: a broker going away needs a moment, a failover a route refresh.
     * A pause past the budget ends the send at the next attempt, which finds no time left.
     */
    private void retryAfter(Duration pause, RuntimeException failure, String failedBroker) {
        try {
            engine.delays().schedule(() -> attempt(failedBroker, false), pause);
        } catch (IllegalStateException closed) {
            // the client is closing: no later attempt, so this failure is the outcome
            failures.remove(failure);
            fail(SendFailures.exhausted(message.topic(), attempts, failure));
        }
    }

    /**
     * Tries again after a back-off that doubles with each flow-control answer: the broker shed
     * load, and the send, a sharding key's, takes its room past the window's limit (see {@link
     * #attempt}) rather than waiting there. A pause past the budget ends the send at the next
     * attempt.
     */
    private void pauseForRoom(String failedBroker) {
        try {
            engine.delays()
                    .schedule(
                            () -> attempt(failedBroker, false),
                            RetryPolicy.backOff(flowControl.answers() - 1));
        } catch (IllegalStateException closed) {
            giveUp(false); // the client is closing: no later attempt
        }
    }

    /** Ends a wait for room at the deadline, unless room came first. */
    private void expireAtDeadline() {
        if (!flowControl.claimExpiry()) {
            return; // scheduled at an earlier wait; the deadline has not moved
        }
        try {
            engine.delays()
                    .schedule(
                            this::expire,
                            Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } catch (IllegalStateException closing) {
            expire(); // the client is closing and nothing will give room any more
        }
    }

    private void expire() {
        SendWindow window = queuedAt;
        if (window != null && window.expire(this)) {
            flowControl.waitEnded(System.nanoTime());
            giveUp(true);
        }
    }

    private FlowControlRecord flowControl() {
        if (flowControl == null) {
            flowControl = new FlowControlRecord();
        }
        return flowControl;
    }

    /**
     * Ends the operation once its budget is spent: with a stored result that was not OK if there is
     * one, else with why it could not be stored in time.
     *
     * @param waitingForRoom whether the budget ran out while waiting in a send window
     */
    private void giveUp(boolean waitingForRoom) {
        if (notStoredOk != null) {
            end(notStoredOk, null);
        } else if (waitingForRoom || lastFailureWasFlowControl) {
            fail(
                    SendFailures.brokerBusy(
                            message.topic(), target, flowControl, policy.budget(), timedOutOnce));
        } else {
            RuntimeException last =
                    failures == null || failures.isEmpty()
                            ? null
                            : failures.remove(failures.size() - 1);
            fail(SendFailures.outOfTime(message.topic(), policy.budget(), attempts, last));
        }
    }

    private void fail(RuntimeException failure) {
        if (failures != null) {
            failures.forEach(failure::addSuppressed);
        }
        end(null, failure);
    }

    private void end(SendResult result, RuntimeException failure) {
        if (!ENDED.compareAndSet(this, false, true)) {
            return;
        }
        this.result = result;
        this.failure = failure;
        engine.inFlight().finished(this);
        // runs this.run(): the operation itself is the task, so the hop costs no lambda
        completions.execute(this);
    }

    /** Completes the outcome future; run by the completions executor once the operation ended. */
    @Override
    public void run() {
        if (failure == null) {
            outcome.complete(result);
        } else {
            outcome.completeExceptionally(failure);
        }
    }
}
