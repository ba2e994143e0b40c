package io.liftoff.producer;

import io.liftoff.producer.message.Message;

/**
 * The application's work that decides a transactional message, run by {@link
 * Producer#sendInTransaction} after the broker stored the half message.
 */
@FunctionalInterface
public interface LocalTransaction {

    /**
     * Does the local work, e.g. a database transaction.
     *
     * @param message the message as sent, with its message id in the result that follows
     * @param arg what the caller passed to {@code sendInTransaction}, may be {@code null}
     * @return whether to commit or roll back the message; {@link TransactionState#UNKNOWN} leaves
     *     it to the {@link TransactionChecker}. Throwing counts as UNKNOWN.
     */
    TransactionState execute(Message message, Object arg);
}
