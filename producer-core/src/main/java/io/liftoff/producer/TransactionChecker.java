package io.liftoff.producer;

/**
 * Answers the broker's check-back for transactions left open: after a local transaction returned
 * {@link TransactionState#UNKNOWN}, threw, or its answer got lost, the broker asks again (every 30
 * s on 5.x, up to 15 times). Runs on the producer's own check executor, one check at a time per
 * producer; it may block, e.g. to query a database.
 */
@FunctionalInterface
public interface TransactionChecker {

    /**
     * @param check the open transaction's message
     * @return the decision; {@link TransactionState#UNKNOWN} (or throwing) leaves it open for the
     *     next check
     */
    TransactionState check(TransactionCheck check);
}
