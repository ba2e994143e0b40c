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
 */
public record SendMessageResponseHeader(
        String offsetMessageId,
        int queueId,
        long queueOffset,
        String transactionId,
        String region,
        String recallHandle) {

    /**
     * Reads the header from a response's extFields.
     *
     * @throws IllegalArgumentException when a required field is missing or not a number
     */
    public static SendMessageResponseHeader fromExtFields(Map<String, String> fields) {
        String region = fields.get("MSG_REGION");
        return new SendMessageResponseHeader(
                required(fields, "msgId"),
                Integer.parseInt(required(fields, "queueId")),
                Long.parseLong(required(fields, "queueOffset")),
                fields.get("transactionId"),
                region == null ? "DefaultRegion" : region,
                fields.get("recallHandle"));
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
