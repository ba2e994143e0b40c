package io.liftoff.producer.internal.trace;

import java.util.List;

/**
 * One trace record: what happened to one message, as the official client's {@code TraceContext}
 * with its one {@code TraceBean} says it. Topics and groups are without namespace. A {@code null}
 * tag or key list is written as the text {@code null}, as the official client writes it.
 */
public sealed interface TraceRecord {

    /** The topic of the traced message; records of one topic travel together. */
    String topic();

    /** The traced message's client id ({@code UNIQ_KEY}); the first key of the trace message. */
    String messageId();

    /** The traced message's user keys, also keys of the trace message; empty for none. */
    List<String> keys();

    /**
     * A message the broker stored (record type {@code Pub}).
     *
     * @param timestamp when the send started, epoch milliseconds
     * @param region the broker's region ({@code MSG_REGION})
     * @param group the producer group
     * @param tags the message's tag, or {@code null}
     * @param storeHost {@code ip:port} of the broker the message was sent to
     * @param bodyLength the body's length on the wire (after compression)
     * @param costMillis how long the send took
     * @param offsetMessageId the broker's id of the stored message
     * @param success whether the broker answered SEND_OK
     */
    record Pub(
            long timestamp,
            String region,
            String group,
            String topic,
            String messageId,
            String tags,
            List<String> keys,
            String storeHost,
            int bodyLength,
            int costMillis,
            TraceMessageType messageType,
            String offsetMessageId,
            boolean success)
            implements TraceRecord {

        public Pub {
            keys = List.copyOf(keys);
        }
    }

    /**
     * The end of a transaction (record type {@code EndTransaction}).
     *
     * @param timestamp when the decision was sent, epoch milliseconds
     * @param storeHost {@code ip:port} of the broker the decision was sent to
     * @param transactionId the transaction id (the half message's client id)
     * @param state the official {@code LocalTransactionState} name: {@code COMMIT_MESSAGE}, {@code
     *     ROLLBACK_MESSAGE} or {@code UNKNOW}
     * @param fromTransactionCheck whether the decision answered a broker's check-back
     */
    record EndTransaction(
            long timestamp,
            String region,
            String group,
            String topic,
            String messageId,
            String tags,
            List<String> keys,
            String storeHost,
            String transactionId,
            String state,
            boolean fromTransactionCheck)
            implements TraceRecord {

        public EndTransaction {
            keys = List.copyOf(keys);
        }
    }

    /**
     * A recall of a timer message (record type {@code Recall}, 5.3.2+).
     *
     * @param timestamp when the broker's answer came, epoch milliseconds
     * @param success whether the broker recalled the message
     */
    record Recall(
            long timestamp,
            String region,
            String group,
            String topic,
            String messageId,
            boolean success)
            implements TraceRecord {

        @Override
        public List<String> keys() {
            return List.of();
        }
    }
}
