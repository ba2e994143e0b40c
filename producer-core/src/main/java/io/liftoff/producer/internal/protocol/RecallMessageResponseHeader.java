package io.liftoff.producer.internal.protocol;

import java.util.Map;

/**
 * The response header of a successful RECALL_MESSAGE.
 *
 * @param msgId the client id ({@code UNIQ_KEY}) of the recalled message
 * @param region the broker's region, or {@code null} when it names none
 */
public record RecallMessageResponseHeader(String msgId, String region) {

    /**
     * Reads the header from a response's extFields.
     *
     * @throws IllegalArgumentException when {@code msgId} is missing
     */
    public static RecallMessageResponseHeader fromExtFields(Map<String, String> fields) {
        return new RecallMessageResponseHeader(
                new ExtFieldsReader("RECALL_MESSAGE response", fields).required("msgId"),
                fields.get(SendMessageResponseHeader.REGION));
    }
}
