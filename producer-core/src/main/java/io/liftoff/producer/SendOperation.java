package io.liftoff.producer;

import io.liftoff.producer.protocol.ResponseCode;
import io.liftoff.producer.route.MessageQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One send, from its first attempt to its outcome: each failed attempt that another broker may well
 * accept is retried on another broker, up to a number of attempts and within one time budget.
 * Attempts run one after the other, so the state needs no locks; each completion hands over to the
 * next attempt through its future.
 */
final class SendOperation {

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

    /** Where an attempt goes. */
    record Target(MessageQueue queue, String address) {}

    /** Chooses the target of each attempt. */
    @FunctionalInterface
    interface Targets {
        /**
         * @param failedBroker the broker of the previous attempt, or {@code null} for the first
         * @throws ProducerException when there is no target
         */
        Target next(String failedBroker);
    }

    private final PreparedMessage message;
    private final Targets targets;
    private final MessageSender sender;
    private final int maxAttempts;
    private final Duration budget;
    private final long deadline;
    private final CompletableFuture<SendResult> outcome = new CompletableFuture<>();
    private final List<RuntimeException> failures = new ArrayList<>();
    private int attempts;

    private SendOperation(
            PreparedMessage message,
            Targets targets,
            MessageSender sender,
            int maxAttempts,
            Duration budget) {
        this.message = message;
        this.targets = targets;
        this.sender = sender;
        this.maxAttempts = maxAttempts;
        this.budget = budget;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    /**
     * Starts the first attempt on the calling thread; later attempts run where the previous one
     * completed.
     *
     * @param retries how many attempts may follow a failed one
     * @return the outcome, completed exactly once; {@link CompletableFuture#completeExceptionally}
     *     on it (e.g. at close) ends the operation
     */
    static CompletableFuture<SendResult> start(
            PreparedMessage message,
            Targets targets,
            MessageSender sender,
            int retries,
            Duration budget) {
        SendOperation operation = new SendOperation(message, targets, sender, retries + 1, budget);
        operation.attempt(null);
        return operation.outcome;
    }

    private void attempt(String failedBroker) {
        if (outcome.isDone()) {
            return;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            fail(outOfTime());
            return;
        }
        Target target;
        try {
            target = targets.next(failedBroker);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        attempts++;
        sender.send(message, target.queue(), target.address(), Duration.ofNanos(remaining))
                .whenComplete(
                        (result, failure) -> {
                            if (failure == null) {
                                outcome.complete(result);
                            } else {
                                attemptFailed(asRuntime(MessageSender.unwrap(failure)), target);
                            }
                        });
    }

    private void attemptFailed(RuntimeException failure, Target target) {
        if (attempts < maxAttempts && isRetryable(failure)) {
            failures.add(failure);
            attempt(target.queue().brokerName());
            return;
        }
        fail(exhausted(failure));
    }

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime
                ? runtime
                : new ProducerException("send failed: " + failure, failure);
    }

    private static boolean isRetryable(RuntimeException failure) {
        if (failure instanceof BrokerRejectedException rejected) {
            return RETRYABLE_CODES.contains(rejected.responseCode());
        }
        // a timeout used the whole remaining budget; anything else was not delivered
        return !(failure instanceof SendTimeoutException);
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
                failures.isEmpty() ? null : failures.remove(failures.size() - 1));
    }

    private void fail(RuntimeException failure) {
        failures.forEach(failure::addSuppressed);
        outcome.completeExceptionally(failure);
    }
}
