package io.liftoff.producer.internal.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The request header of END_TRANSACTION, sent oneway to the master that holds the half message. The
 * broker finds the half message by {@code commitLogOffset} and refuses the request unless {@code
 * producerGroup} and {@code tranStateTableOffset} match it (PROTOCOL.md §3c).
 *
 * @param topic the message's real topic, not the half topic; must not be {@code null}
 * @param producerGroup the group the half message was sent with (its {@code PGROUP} property); must
 *     not be {@code null}
 * @param tranStateTableOffset the half message's queue offset: the send response's {@code
 *     queueOffset}, or the check header's when answering a check
 * @param commitLogOffset the half message's commit-log offset: decoded from the send response's
 *     offset message id, or the check header's when answering a check
 * @param resolution commit, roll back or leave open; must not be {@code null}
 * @param fromTransactionCheck whether this answers a CHECK_TRANSACTION_STATE rather than follows a
 *     local transaction
 * @param msgId the message's client id ({@code UNIQ_KEY}); must not be {@code null}
 * @param transactionId the transaction id the broker reported, or {@code null} (4.9 reports none)
 * @param brokerName the broker holding the half message, or {@code null}
 */
public record EndTransactionHeader(
        String topic,
        String producerGroup,
        long tranStateTableOffset,
        long commitLogOffset,
        TransactionResolution resolution,
        boolean fromTransactionCheck,
        String msgId,
        String transactionId,
        String brokerName) {

    public EndTransactionHeader {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(producerGroup, "producerGroup must not be null");
        Objects.requireNonNull(resolution, "resolution must not be null");
        Objects.requireNonNull(msgId, "msgId must not be null");
    }

    /**
     * The header that answers a transaction check. It takes both offsets, the transaction id and
     * the broker name from the check, because the broker re-puts the half message before every
     * check and only the new offsets match it.
     *
     * @param check the broker's check, must not be {@code null}
     * @param producerGroup the half message's {@code PGROUP}, must not be {@code null}
     * @param topic the real topic from the check's message body, must not be {@code null}
     * @param msgId the {@code UNIQ_KEY} from the check's message body, or {@code null} to use the
     *     check header's
     * @param resolution what the application decided, must not be {@code null}
     * @throws NullPointerException when {@code msgId} is {@code null} and the check carries none
     */
    public static EndTransactionHeader answering(
            CheckTransactionStateHeader check,
            String producerGroup,
            String topic,
            String msgId,
            TransactionResolution resolution) {
        return new EndTransactionHeader(
                topic,
                producerGroup,
                check.tranStateTableOffset(),
                check.commitLogOffset(),
                resolution,
                true,
                msgId != null ? msgId : check.msgId(),
                check.transactionId(),
                check.brokerName());
    }

    /**
     * The header as extFields. {@code topic} and {@code bname} are 5.x fields; 4.9 brokers ignore
     * them, so they are sent to every broker.
     */
    public Map<String, String> toExtFields() {
        Map<String, String> fields = new LinkedHashMap<>(16);
        fields.put("topic", topic);
        fields.put("producerGroup", producerGroup);
        fields.put("tranStateTableOffset", Long.toString(tranStateTableOffset));
        fields.put("commitLogOffset", Long.toString(commitLogOffset));
        fields.put("commitOrRollback", Integer.toString(resolution.code()));
        fields.put("fromTransactionCheck", Boolean.toString(fromTransactionCheck));
        fields.put("msgId", msgId);
        if (transactionId != null) {
            fields.put("transactionId", transactionId);
        }
        if (brokerName != null) {
            fields.put("bname", brokerName);
        }
        return fields;
    }
}
