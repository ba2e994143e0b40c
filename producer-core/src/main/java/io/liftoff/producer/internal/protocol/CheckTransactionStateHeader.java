package io.liftoff.producer.internal.protocol;

import java.util.Map;

/**
 * The request header of CHECK_TRANSACTION_STATE, which a broker sends oneway to ask about a half
 * message. Its offsets belong to the half message as re-put for this check, not as first sent, and
 * are the ones END_TRANSACTION must carry (see {@link EndTransactionHeader#answering}).
 *
 * @param topic the half topic {@code RMQ_SYS_TRANS_HALF_TOPIC} (not the real topic), or {@code
 *     null} from 4.9 brokers
 * @param tranStateTableOffset the re-put half message's queue offset
 * @param commitLogOffset the re-put half message's commit-log offset
 * @param msgId the message's client id ({@code UNIQ_KEY}), or {@code null} when the message has
 *     none
 * @param transactionId the transaction id (equal to {@code msgId}), or {@code null}
 * @param offsetMsgId the re-put half message's broker id, or {@code null}
 * @param brokerName the broker's name, or {@code null} from 4.9 brokers
 */
public record CheckTransactionStateHeader(
        String topic,
        long tranStateTableOffset,
        long commitLogOffset,
        String msgId,
        String transactionId,
        String offsetMsgId,
        String brokerName) {

    /**
     * Reads the header from a request's extFields. Only the two offsets are required, as in
     * RocketMQ's own header: the message body carries the rest.
     *
     * @throws IllegalArgumentException when an offset is missing or not a number
     */
    public static CheckTransactionStateHeader fromExtFields(Map<String, String> fields) {
        ExtFieldsReader reader = new ExtFieldsReader("CHECK_TRANSACTION_STATE request", fields);
        return new CheckTransactionStateHeader(
                reader.optional("topic"),
                reader.requiredLong("tranStateTableOffset"),
                reader.requiredLong("commitLogOffset"),
                reader.optional("msgId"),
                reader.optional("transactionId"),
                reader.optional("offsetMsgId"),
                reader.optional("bname"));
    }
}
