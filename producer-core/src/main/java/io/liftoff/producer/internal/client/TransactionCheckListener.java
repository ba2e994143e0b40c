package io.liftoff.producer.internal.client;

import io.liftoff.producer.internal.message.CommitLogRecord;
import io.liftoff.producer.internal.protocol.CheckTransactionStateHeader;

/** Receives the broker's transaction check-backs for one producer group. */
@FunctionalInterface
public interface TransactionCheckListener {

    /**
     * Called on the client's scheduler thread; hand slow work to an executor of your own.
     *
     * @param header the check's header: offsets and ids to answer with
     * @param record the half message as the broker stores it
     * @param brokerAddress {@code host:port} of the broker that asks, where the answer goes
     */
    void onCheck(CheckTransactionStateHeader header, CommitLogRecord record, String brokerAddress);
}
