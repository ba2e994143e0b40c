package io.liftoff.producer.internal;

import io.liftoff.producer.TransactionCheck;
import io.liftoff.producer.TransactionChecker;
import io.liftoff.producer.TransactionState;
import io.liftoff.producer.internal.client.TransactionCheckListener;
import io.liftoff.producer.internal.message.CommitLogRecord;
import io.liftoff.producer.internal.protocol.CheckTransactionStateHeader;
import io.liftoff.producer.internal.protocol.EndTransactionHeader;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.RemotingClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the broker's check-backs, on a thread of its own so that a slow checker never holds up
 * the client: with the decision this producer's local transaction already made, while {@link
 * TransactionDecisions} keeps it, else with the application's {@link TransactionChecker}.
 */
final class TransactionCheckResponder implements TransactionCheckListener {

    private static final Logger log = LoggerFactory.getLogger(TransactionCheckResponder.class);

    private final TransactionChecker checker;
    private final TransactionDecisions decisions;
    private final RemotingClient remoting;
    private final String group;
    private final ExecutorService executor;
    private final CheckTraces traces;

    /** Told of each decision sent in answer to a check, for its trace record. */
    @FunctionalInterface
    interface CheckTraces {
        /**
         * @param record the checked half message as the broker sent it
         * @param messageId its client id
         * @param brokerAddress the broker the decision went to
         */
        void answered(
                CommitLogRecord record,
                String messageId,
                String brokerAddress,
                TransactionState state);
    }

    /**
     * @param checker asked about transactions not in {@code decisions}, or {@code null} when the
     *     application has none (such a transaction stays open)
     * @param decisions the decisions already made
     * @param traces told of each decision sent, or {@code null} when tracing is off
     */
    TransactionCheckResponder(
            TransactionChecker checker,
            TransactionDecisions decisions,
            RemotingClient remoting,
            String group,
            CheckTraces traces) {
        this.checker = checker;
        this.decisions = decisions;
        this.remoting = remoting;
        this.group = group;
        this.traces = traces;
        this.executor =
                Executors.newSingleThreadExecutor(
                        task -> {
                            Thread thread = new Thread(task, "liftoff-txcheck-" + group);
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    @Override
    public void onCheck(
            CheckTransactionStateHeader header, CommitLogRecord record, String brokerAddress) {
        executor.execute(() -> answer(header, record, brokerAddress));
    }

    /** The checker's answer, or {@code null} when there is none or it failed. */
    private TransactionState askChecker(
            CheckTransactionStateHeader header, CommitLogRecord record, String messageId) {
        if (checker == null) {
            log.warn(
                    "Broker asked about transaction {} of topic '{}', which this producer no longer"
                            + " remembers and has no TransactionChecker to ask; it stays open",
                    messageId,
                    record.topic());
            return null;
        }
        try {
            return checker.check(
                    new TransactionCheck(
                            messageId,
                            header.transactionId(),
                            record.topic(),
                            record.properties(),
                            record.body()));
        } catch (RuntimeException e) {
            log.warn(
                    "TransactionChecker failed on transaction {} of topic '{}'; it stays open for"
                            + " the next check",
                    messageId,
                    record.topic(),
                    e);
            return null;
        }
    }

    /** Stops the check thread once the checks already received are answered. */
    void shutdown() {
        executor.shutdown();
    }

    private void answer(
            CheckTransactionStateHeader header, CommitLogRecord record, String brokerAddress) {
        String messageId = record.uniqueKey() != null ? record.uniqueKey() : header.msgId();
        TransactionState state = decisions.decided(messageId).orElse(null);
        if (state == null) {
            state = askChecker(header, record, messageId);
        }
        if (state == null || state == TransactionState.UNKNOWN) {
            return;
        }
        // the answer must carry the offsets of this check, not of the original send
        EndTransactionHeader answer =
                EndTransactionHeader.answering(
                        header,
                        group,
                        record.topic(),
                        messageId,
                        TransactionalSender.resolutionOf(state));
        remoting.invokeOneway(
                        brokerAddress,
                        Command.request(RequestCode.END_TRANSACTION, answer.toExtFields(), null))
                .whenComplete(
                        (written, failure) -> {
                            if (failure != null) {
                                log.warn(
                                        "Could not answer the check of transaction {} to {}: {}",
                                        messageId,
                                        brokerAddress,
                                        failure.getMessage());
                            }
                        });
        if (traces != null) {
            traces.answered(record, messageId, brokerAddress, state);
        }
    }
}
