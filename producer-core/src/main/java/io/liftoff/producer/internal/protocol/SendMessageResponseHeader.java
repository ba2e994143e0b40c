package io.liftoff.producer.internal.protocol;

import java.util.Map;

/**
 * The response header of a stored message.
 *
 * @param offsetMessageId the broker's id: store host and commit-log offset
 * @param queueId the queue the broker stored the message in
 * @param queueOffset the message's offset in that queue
 * @param transactionId the transaction id (5.x brokers), or {@code null}
 * @param region the broker's region, {@code DefaultRegion} when it names none
 * @param recallHandle the handle to recall a timer message with (5.3.2+ brokers), or {@code null}
 * @param traceOn whether the broker wants message traces of the message: true unless it answers
 *     {@code TRACE_ON=false}
 */
public record SendMessageResponseHeader(
        String offsetMessageId,
        int queueId,
        long queueOffset,
        String transactionId,
        String region,
        String recallHandle,
        boolean traceOn) {

    /** The extField of the broker's region, on send and recall responses. */
    public static final String REGION = "MSG_REGION";

    /** The region a broker that names none is in, as the official client assumes. */
    public static final String DEFAULT_REGION = "DefaultRegion";

    /**
     * Reads the header from a response's extFields.
     *
     * @throws IllegalArgumentException when a required field is missing or not a number
     */
    public static SendMessageResponseHeader fromExtFields(Map<String, String> fields) {
        String region = fields.get(REGION);
        return new SendMessageResponseHeader(
                required(fields, "msgId"),
                Integer.parseInt(required(fields, "queueId")),
                Long.parseLong(required(fields, "queueOffset")),
                fields.get("transactionId"),
                region == null ? DEFAULT_REGION : region,
                fields.get("recallHandle"),
                !"false".equals(fields.get("TRACE_ON")));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "send response lacks header field '" + name + "'; fields: " + fields.keySet());
        }
        return value;
    }
}
