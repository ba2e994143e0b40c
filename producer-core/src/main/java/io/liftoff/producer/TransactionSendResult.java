package io.liftoff.producer;

import java.util.Objects;

/**
 * The outcome of {@link Producer#sendInTransaction}: where the half message was stored and what was
 * decided about it.
 *
 * @param sendResult where the broker stored the half message
 * @param state the local transaction's decision (ROLLBACK when the half message was not stored with
 *     SEND_OK; UNKNOWN when the local transaction threw)
 * @param resolutionDelivered whether the broker confirmed the decision; when {@code false} its
 *     check-back gets the decision later: from the producer, which keeps its decisions for 10
 *     minutes, or else from the {@link TransactionChecker}. Always {@code false} through a 5.x
 *     Proxy, which confirms but drops a decision that does not answer a check-back: there a decided
 *     message becomes visible at the broker's first check of it ({@code transactionTimeOut}, 6 s by
 *     default, or later)
 */
public record TransactionSendResult(
        SendResult sendResult, TransactionState state, boolean resolutionDelivered) {

    public TransactionSendResult {
        Objects.requireNonNull(sendResult, "sendResult must not be null");
        Objects.requireNonNull(state, "state must not be null");
    }
}
