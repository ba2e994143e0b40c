package io.liftoff.producer.internal.trace;

import java.util.List;
import java.util.Set;

/**
 * Writes trace records in the text the official client's {@code TraceDataEncoder} writes and the
 * RocketMQ Dashboard reads: the fields of a record separated by {@code \u0001}, each record ended
 * by {@code \u0002}, and the records of one trace message one after the other.
 */
public final class TraceEncoder {

    /** Separates the fields of a record. */
    public static final char FIELD_SEPARATOR = '\u0001';

    /** Ends a record. */
    public static final char RECORD_END = '\u0002';

    private TraceEncoder() {}

    /** Appends {@code record} to {@code out}. */
    public static void append(StringBuilder out, TraceRecord record) {
        if (record instanceof TraceRecord.Pub pub) {
            appendPub(out, pub);
        } else if (record instanceof TraceRecord.EndTransaction end) {
            appendEndTransaction(out, end);
        } else {
            appendRecall(out, (TraceRecord.Recall) record);
        }
        // the last field ends the record instead of being followed by a separator
        out.setCharAt(out.length() - 1, RECORD_END);
    }

    /** The record alone, as text; for tests and logs. */
    public static String encode(TraceRecord record) {
        StringBuilder out = new StringBuilder(256);
        append(out, record);
        return out.toString();
    }

    /**
     * Adds the keys the trace message of {@code record} is found by: the traced message's id, then
     * each of its keys, as the official client keys it.
     */
    public static void addKeys(Set<String> keys, TraceRecord record) {
        keys.add(record.messageId());
        keys.addAll(record.keys());
    }

    private static void appendPub(StringBuilder out, TraceRecord.Pub pub) {
        field(out, "Pub");
        field(out, pub.timestamp());
        field(out, pub.region());
        field(out, pub.group());
        field(out, pub.topic());
        field(out, pub.messageId());
        field(out, pub.tags());
        field(out, keys(pub.keys()));
        field(out, pub.storeHost());
        field(out, pub.bodyLength());
        field(out, pub.costMillis());
        field(out, pub.messageType().ordinal());
        field(out, pub.offsetMessageId());
        field(out, String.valueOf(pub.success()));
    }

    private static void appendEndTransaction(StringBuilder out, TraceRecord.EndTransaction end) {
        field(out, "EndTransaction");
        field(out, end.timestamp());
        field(out, end.region());
        field(out, end.group());
        field(out, end.topic());
        field(out, end.messageId());
        field(out, end.tags());
        field(out, keys(end.keys()));
        field(out, end.storeHost());
        field(out, TraceMessageType.TRANSACTION_COMMIT.ordinal());
        field(out, end.transactionId());
        field(out, end.state());
        field(out, String.valueOf(end.fromTransactionCheck()));
    }

    private static void appendRecall(StringBuilder out, TraceRecord.Recall recall) {
        field(out, "Recall");
        field(out, recall.timestamp());
        field(out, recall.region());
        field(out, recall.group());
        field(out, recall.topic());
        field(out, recall.messageId());
        field(out, String.valueOf(recall.success()));
    }

    /** The keys as the {@code KEYS} property holds them, or {@code null} for none. */
    private static String keys(List<String> keys) {
        return keys.isEmpty() ? null : String.join(" ", keys);
    }

    private static void field(StringBuilder out, String value) {
        // a null value is written as "null", as StringBuilder and the official client write it
        out.append(value).append(FIELD_SEPARATOR);
    }

    private static void field(StringBuilder out, long value) {
        out.append(value).append(FIELD_SEPARATOR);
    }
}
