package io.liftoff.producer.internal;

import io.liftoff.producer.BrokerBusyException;
import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.SendTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One send, from its first attempt to its outcome: a failed attempt that another broker may well
 * accept ({@link AttemptFailure}) is retried on another one, up to a number of attempts and within
 * one time budget. Attempts run one after the other, so the state needs no locks; the operation is
 * the listener of each attempt and starts the next one from there.
 *
 * <p><b>Send windows.</b> Each attempt takes room in the {@link SendWindow} of its broker first,
 * and waits there in order, without a thread, while the window is full; the queue selection prefers
 * brokers with room. A broker that sheds load ({@link AttemptFailure#FLOW_CONTROL}) shrinks its
 * window, and the send tries again when there is room, on another broker where one has room, as
 * often as its budget allows: a refusal for load spends no retry. Out of budget, it fails with a
 * {@link BrokerBusyException}.
 *
 * <p><b>Per-attempt timeout.</b> Unless {@link Policy#attemptTimeout()} fixes it, an attempt gets a
 * fair share of the remaining budget (divided by the attempts still allowed), so that a hung broker
 * leaves time to retry elsewhere, the official client's failure; with the defaults (3 s, 2 retries)
 * the first gets 1 s. A timed-out attempt may have been stored nonetheless, so its retry can store
 * the message twice: delivery is at least once. An attempt whose retry could only go back to the
 * same broker ({@link Target#sameBrokerOnRetry}) gets all the remaining budget: cut short, every
 * attempt to a merely slow broker would time out while being stored, and each retry would add to
 * its backlog until every send fails.
 */
final class SendOperation extends InFlightSends.Entry implements AttemptListener, Runnable {

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

    private static final long FIRST_BACK_OFF_MILLIS = 10;
    private static final long MAX_BACK_OFF_MILLIS = 1_000;

    /**
     * How hard one send tries.
     *
     * @param retries how many attempts may follow a failed one
     * @param budget the time all attempts together may take
     * @param attemptTimeout the most one attempt may take, or {@code null} for a fair share of the
     *     remaining budget; never more than the remaining budget
     * @param retryWhenNotStoredOk whether a stored result other than SEND_OK (e.g. a flush timeout)
     *     is retried on another broker; the last such result is returned if none is OK
     */
    record Policy(
            int retries, Duration budget, Duration attemptTimeout, boolean retryWhenNotStoredOk) {}

    /**
     * Makes one attempt; {@link MessageSender#send} behind an {@link AttemptRecorder} in
     * production.
     */
    @FunctionalInterface
    interface Attempt {
        /**
         * Sends {@code message} and tells {@code listener} how the attempt ended, exactly once,
         * possibly before returning.
         */
        void send(
                PreparedMessage message,
                MessageQueue queue,
                String address,
                long timeoutNanos,
                AttemptListener listener);

        /**
         * Told how an attempt that {@link #send} took on ended, before the operation acts on it, so
         * that a retry already sees what the attempt taught (see {@link AttemptRecorder}). The
         * operation tells it rather than a wrapped listener: no object per attempt.
         *
         * @param elapsedNanos from just before {@link #send} to the end of the attempt
         * @param failure what the attempt's failure says, or {@code null} when a result arrived
         */
        default void ended(MessageQueue queue, long elapsedNanos, AttemptFailure failure) {}
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
     * Where an attempt goes.
     *
     * @param window the send window of the queue's broker
     * @param sameBrokerOnRetry whether a retry could only go to this same broker (the route has no
     *     other, or the message keeps its queue), so that timing the attempt out early gains
     *     nothing
     */
    record Target(
            MessageQueue queue, String address, SendWindow window, boolean sameBrokerOnRetry) {}

    /** Told once when an operation's outcome is decided, before anyone waiting for it is. */
    @FunctionalInterface
    interface Finish {
        void finished(SendOperation operation);
    }

    /** Chooses the target of each attempt. */
    @FunctionalInterface
    interface Targets {
        /**
         * @param topic the topic of the message, as on the wire
         * @param failedBroker the broker of the previous attempt, or {@code null} for the first
         * @throws ProducerException when there is no target
         */
        Target next(String topic, String failedBroker);
    }

    private final PreparedMessage message;
    private final Targets targets;
    private final Attempt sender;
    private final Delays delays;
    private final int maxAttempts;
    private final Duration budget;
    // 0 for a fair share of the remaining budget
    private final long attemptTimeoutNanos;
    private final boolean retryWhenNotStoredOk;
    private final long deadline;
    private final Finish finish;
    private final Executor completions;
    private final CompletableFuture<SendResult> outcome = new CompletableFuture<>();
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

    /**
     * An operation ready to {@link #start()}.
     *
     * @param delays runs the attempt that follows a GO_AWAY after a short back-off, and ends a wait
     *     for room at the deadline
     * @param policy how many attempts, within which time
     * @param permits the in-flight room the send holds, for {@link InFlightSends}
     * @param finish told when the outcome is decided, before the outcome future completes
     * @param completions completes the outcome future; e.g. the user's callback executor
     */
    SendOperation(
            PreparedMessage message,
            Targets targets,
            Attempt sender,
            Delays delays,
            Policy policy,
            int permits,
            Finish finish,
            Executor completions) {
        super(permits);
        this.message = message;
        this.targets = targets;
        this.sender = sender;
        this.delays = delays;
        this.maxAttempts = policy.retries() + 1;
        this.budget = policy.budget();
        this.attemptTimeoutNanos =
                policy.attemptTimeout() == null ? 0 : policy.attemptTimeout().toNanos();
        this.retryWhenNotStoredOk = policy.retryWhenNotStoredOk();
        this.deadline = System.nanoTime() + budget.toNanos();
        this.finish = finish;
        this.completions = completions;
    }

    /**
     * Starts the first attempt on the calling thread; later attempts run where the previous one
     * completed, or where a window gave room.
     */
    void start() {
        attempt(null, false);
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
        if (target.window().tryAcquire(this, afterFlowControl, now)) {
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
        long timeoutNanos = timeoutOfNextAttempt(deadline - now, target);
        attempts++;
        countedAttempts++;
        attemptStart = now;
        try {
            sender.send(message, target.queue(), target.address(), timeoutNanos, this);
        } catch (RuntimeException e) {
            // e.g. a request the remoting layer refuses: fail this attempt rather than the thread;
            // it never reached the broker, so it says nothing of it
            target.window().release(attemptStart, attemptStart, SendWindow.Answer.UNUSED);
            act(null, e, AttemptFailure.of(e));
        }
    }

    /** How the attempt under way ended. */
    @Override
    public void attempted(SendResult result, RuntimeException failure) {
        long now = System.nanoTime();
        AttemptFailure kind = failure == null ? null : AttemptFailure.of(failure);
        sender.ended(target.queue(), now - attemptStart, kind);
        target.window().release(attemptStart, now, SendWindow.Answer.of(kind));
        act(result, failure, kind);
    }

    private void act(SendResult result, RuntimeException failure, AttemptFailure kind) {
        if (failure == null) {
            stored(result);
        } else {
            attemptFailed(failure, kind);
        }
    }

    /**
     * The fixed attempt timeout, or the remaining budget shared by the attempts left, or all of it
     * when a retry could only go back to the same broker.
     */
    private long timeoutOfNextAttempt(long remainingNanos, Target target) {
        if (attemptTimeoutNanos > 0) {
            return Math.min(attemptTimeoutNanos, remainingNanos);
        }
        if (target.sameBrokerOnRetry()) {
            return remainingNanos;
        }
        int attemptsLeft = maxAttempts - countedAttempts;
        // at least 1 ns: the remoting layer refuses a zero timeout
        return Math.max(1, remainingNanos / attemptsLeft);
    }

    private void stored(SendResult result) {
        if (result.status() == SendStatus.SEND_OK
                || !retryWhenNotStoredOk
                || countedAttempts >= maxAttempts) {
            end(result, null);
            return;
        }
        notStoredOk = result;
        lastFailureWasFlowControl = false;
        attempt(target.queue().brokerName(), false);
    }

    private void attemptFailed(RuntimeException failure, AttemptFailure kind) {
        String failedBroker = target.queue().brokerName();
        if (kind.retry() == AttemptFailure.Retry.WITHIN_BUDGET) {
            // the broker shed load: its window shrank, and the send waits there for room
            countedAttempts--;
            flowControl().answered((BrokerRejectedException) failure);
            lastFailureWasFlowControl = true;
            attempt(failedBroker, true);
            return;
        }
        lastFailureWasFlowControl = false;
        timedOutOnce |= kind == AttemptFailure.TIMED_OUT;
        if (kind.retry() != AttemptFailure.Retry.NO && countedAttempts < maxAttempts) {
            if (failures == null) {
                failures = new ArrayList<>(maxAttempts - 1);
            }
            failures.add(failure);
            if (kind.retry() == AttemptFailure.Retry.AFTER_PAUSE) {
                retryAfterBackOff(failure, failedBroker);
            } else {
                attempt(failedBroker, false);
            }
            return;
        }
        if (notStoredOk != null) {
            end(notStoredOk, null);
            return;
        }
        fail(exhausted(failure));
    }

    /** A broker that is going away needs a moment; the back-off never outlasts the budget. */
    private void retryAfterBackOff(RuntimeException failure, String failedBroker) {
        long ceiling =
                Math.min(
                        MAX_BACK_OFF_MILLIS, FIRST_BACK_OFF_MILLIS << Math.min(countedAttempts, 7));
        // Jitter: sends turned away together must not all come back together.
        long backOff = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        try {
            delays.schedule(() -> attempt(failedBroker, false), Duration.ofMillis(backOff));
        } catch (IllegalStateException closed) {
            // the client is closing: no later attempt, so this failure is the outcome
            failures.remove(failure);
            fail(exhausted(failure));
        }
    }

    /** Ends a wait for room at the deadline, unless room came first. */
    private void expireAtDeadline() {
        if (!flowControl.claimExpiry()) {
            return; // scheduled at an earlier wait; the deadline has not moved
        }
        try {
            delays.schedule(
                    this::expire, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
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
            fail(brokerBusy());
        } else {
            fail(outOfTime());
        }
    }

    private RuntimeException exhausted(RuntimeException last) {
        if (last instanceof BrokerRejectedException || last instanceof SendTimeoutException) {
            return last;
        }
        return new ProducerException(
                "send to topic '"
                        + message.topic()
                        + "' failed after "
                        + attempts
                        + " attempt(s): "
                        + last.getMessage(),
                last);
    }

    private SendTimeoutException outOfTime() {
        return new SendTimeoutException(
                "send to topic '"
                        + message.topic()
                        + "' ran out of its "
                        + budget.toMillis()
                        + " ms budget after "
                        + attempts
                        + " attempt(s)",
                budget,
                failures == null || failures.isEmpty()
                        ? null
                        : failures.remove(failures.size() - 1));
    }

    private BrokerBusyException brokerBusy() {
        SendWindow window = target.window();
        return new BrokerBusyException(
                message.topic(),
                window.brokerName(),
                target.address(),
                flowControl.lastAnswer(),
                flowControl.answers(),
                flowControl.waited(),
                budget,
                window.status().limit(),
                timedOutOnce);
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
        finish.finished(this);
        // the operation itself is the task: the hop costs no lambda and no future
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
