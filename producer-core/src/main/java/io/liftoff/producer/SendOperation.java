package io.liftoff.producer;

import io.liftoff.producer.protocol.ResponseCode;
import io.liftoff.producer.route.MessageQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One send, from its first attempt to its outcome: each failed attempt that another broker may well
 * accept is retried on another broker, up to a number of attempts and within one time budget.
 * Attempts run one after the other, so the state needs no locks; the operation is the listener of
 * each attempt and starts the next one from there.
 *
 * <p><b>Per-attempt timeout.</b> One attempt may not use the whole budget, or a hung broker (one
 * that accepts requests and never answers) would leave no time to retry elsewhere, the official
 * client's failure. Unless {@link Policy#attemptTimeout()} fixes it, an attempt gets a fair share
 * of what is left: the remaining budget divided by the attempts still allowed, this one included.
 * With the defaults (3 s, 2 retries) the first attempt gets 1 s; an attempt that failed fast leaves
 * more to the next ones, and the last one gets all that remains. A timed-out attempt is retried on
 * another broker while budget remains. It may have been stored nonetheless, so a retry after a
 * timeout can store the message twice: delivery is at least once.
 *
 * <p>An attempt whose retry could only go back to the same broker ({@link
 * Target#sameBrokerOnRetry}) gets all the remaining budget instead: cutting it short reaches no
 * healthier broker, and against a broker that is merely slow (answers after more than a third of
 * the budget, e.g. on a loaded machine) every attempt would time out while its request is still
 * being stored, and each retry would add one more message to the slow broker's backlog, until every
 * send fails.
 */
final class SendOperation extends InFlightSends.Entry implements AttemptListener, Runnable {

    /** Codes after which another broker may well accept the message (PROTOCOL.md §2). */
    private static final Set<Integer> RETRYABLE_CODES =
            Set.of(
                    ResponseCode.TOPIC_NOT_EXIST,
                    ResponseCode.SERVICE_NOT_AVAILABLE,
                    ResponseCode.SYSTEM_ERROR,
                    ResponseCode.SYSTEM_BUSY,
                    ResponseCode.NO_PERMISSION,
                    ResponseCode.NO_BUYER_ID,
                    ResponseCode.NOT_IN_CURRENT_UNIT,
                    ResponseCode.GO_AWAY);

    /** Codes that say the broker is overloaded: the next attempt waits a little first. */
    private static final Set<Integer> BUSY_CODES =
            Set.of(ResponseCode.SYSTEM_BUSY, ResponseCode.GO_AWAY);

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
         * @param failure why the attempt failed, or {@code null} when a result arrived
         */
        default void ended(MessageQueue queue, long elapsedNanos, RuntimeException failure) {}
    }

    /**
     * Runs a task later without blocking a thread meanwhile; {@link
     * io.liftoff.producer.remoting.RemotingClient#schedule}.
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
     * @param sameBrokerOnRetry whether a retry could only go to this same broker (the route has no
     *     other, or the message keeps its queue), so that timing the attempt out early gains
     *     nothing
     */
    record Target(MessageQueue queue, String address, boolean sameBrokerOnRetry) {}

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
    // the failures retried after, made on the first one: most sends have none
    private List<RuntimeException> failures;
    private volatile int attempts;
    private volatile boolean ended;
    // the outcome, set once ended
    private SendResult result;
    private RuntimeException failure;
    private SendResult notStoredOk;
    // the target of the attempt under way, and when it started
    private Target target;
    private long attemptStart;

    /**
     * An operation ready to {@link #start()}.
     *
     * @param delays runs the attempt that follows a busy answer after a short back-off
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
     * completed.
     */
    void start() {
        attempt(null);
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

    /** Requests made so far; final once {@link #outcome()} is complete. */
    int attempts() {
        return attempts;
    }

    private void attempt(String failedBroker) {
        if (ended) {
            return;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            if (notStoredOk != null) {
                end(notStoredOk, null);
            } else {
                fail(outOfTime());
            }
            return;
        }
        try {
            target = targets.next(message.topic(), failedBroker);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        long timeoutNanos = timeoutOfNextAttempt(remaining, target);
        attempts++;
        attemptStart = System.nanoTime();
        try {
            sender.send(message, target.queue(), target.address(), timeoutNanos, this);
        } catch (RuntimeException e) {
            // e.g. a request the remoting layer refuses: fail this attempt rather than the thread;
            // it never reached the broker, so it says nothing of it
            act(null, e);
        }
    }

    /** How the attempt under way ended. */
    @Override
    public void attempted(SendResult result, RuntimeException failure) {
        sender.ended(target.queue(), System.nanoTime() - attemptStart, failure);
        act(result, failure);
    }

    private void act(SendResult result, RuntimeException failure) {
        if (failure == null) {
            stored(result);
        } else {
            attemptFailed(failure);
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
        int attemptsLeft = maxAttempts - attempts;
        // at least 1 ns: the remoting layer refuses a zero timeout
        return Math.max(1, remainingNanos / attemptsLeft);
    }

    private void stored(SendResult result) {
        if (result.status() == SendStatus.SEND_OK
                || !retryWhenNotStoredOk
                || attempts >= maxAttempts) {
            end(result, null);
            return;
        }
        notStoredOk = result;
        attempt(target.queue().brokerName());
    }

    private void attemptFailed(RuntimeException failure) {
        if (attempts < maxAttempts && isRetryable(failure)) {
            if (failures == null) {
                failures = new ArrayList<>(maxAttempts - 1);
            }
            failures.add(failure);
            String failedBroker = target.queue().brokerName();
            if (isBusy(failure)) {
                // an overloaded broker needs a moment; the back-off never outlasts the budget
                long ceiling =
                        Math.min(
                                MAX_BACK_OFF_MILLIS,
                                FIRST_BACK_OFF_MILLIS << Math.min(attempts, 7));
                // Jitter: sends turned away together must not all come back together, or a
                // busy broker turns them away again, wave after wave.
                long backOff = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
                try {
                    delays.schedule(() -> attempt(failedBroker), Duration.ofMillis(backOff));
                } catch (IllegalStateException closed) {
                    // the client is closing: no later attempt, so this failure is the outcome
                    failures.remove(failure);
                    fail(exhausted(failure));
                }
            } else {
                attempt(failedBroker);
            }
            return;
        }
        if (notStoredOk != null) {
            end(notStoredOk, null);
            return;
        }
        fail(exhausted(failure));
    }

    private static boolean isBusy(RuntimeException failure) {
        return failure instanceof BrokerRejectedException rejected
                && BUSY_CODES.contains(rejected.responseCode());
    }

    private static boolean isRetryable(RuntimeException failure) {
        if (failure instanceof AccessDeniedException) {
            // every broker of a cluster checks the same users and permissions: no point
            return false;
        }
        if (failure instanceof BrokerRejectedException rejected) {
            return RETRYABLE_CODES.contains(rejected.responseCode());
        }
        // not delivered, lost with its connection, or timed out: another broker may take it,
        // and attempt() stops when the budget is gone
        return true;
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
