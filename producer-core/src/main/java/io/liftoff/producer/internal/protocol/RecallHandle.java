package io.liftoff.producer.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a recall handle says: a 5.3.2+ broker returns one for each timer message it stores, and
 * RECALL_MESSAGE must go to the broker it names. The handle is the URL-safe Base64 of {@code "v1
 * <topic> <brokerName> <deliverAtMillis> <messageId>"}, as RocketMQ's {@code RecallMessageHandle}
 * writes it; the client needs it only to find the broker, the broker checks the rest.
 *
 * @param topic the topic the message was sent to
 * @param brokerName the broker that stores the message
 * @param deliverAtMillis when the broker delivers the message, epoch milliseconds
 * @param messageId the message's client id ({@code UNIQ_KEY})
 */
public record RecallHandle(
        String topic, String brokerName, long deliverAtMillis, String messageId) {

    private static final String VERSION_1 = "v1";
    private static final int FIELDS = 5;

    /**
     * Reads a handle the way the broker does, and rejects what the broker would reject for its
     * form.
     *
     * @param handle the handle from {@code SendResult.recallHandle()}
     * @return its fields
     * @throws IllegalArgumentException if {@code handle} is {@code null}, blank, not URL-safe
     *     Base64, not a version 1 handle, or lacks a field; the message quotes the handle
     */
    public static RecallHandle decode(String handle) {
        if (handle == null || handle.isBlank()) {
            throw new IllegalArgumentException(
                    "recallHandle must not be "
                            + (handle == null ? "null" : "blank")
                            + "; pass SendResult.recallHandle() of a timer message sent to a"
                            + " 5.3.2+ broker");
        }
        String text;
        try {
            text =
                    new String(
                            Base64.getUrlDecoder().decode(handle.getBytes(StandardCharsets.UTF_8)),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(handle, "it is not URL-safe Base64 (" + e.getMessage() + ")", e);
        }
        // split drops trailing empty strings, as the broker's own decoder does
        String[] fields = text.split(" ");
        if (fields.length < FIELDS || !VERSION_1.equals(fields[0])) {
            throw malformed(
                    handle,
                    "it decodes to '" + text + "', not to 'v1 <topic> <broker> <time> <id>'",
                    null);
        }
        long deliverAt;
        try {
            deliverAt = Long.parseLong(fields[3]);
        } catch (NumberFormatException e) {
            throw malformed(handle, "its delivery time '" + fields[3] + "' is not a number", e);
        }
        if (fields[1].isEmpty() || fields[2].isEmpty() || fields[4].isEmpty()) {
            throw malformed(handle, "it decodes to '" + text + "', which has an empty field", null);
        }
        return new RecallHandle(fields[1], fields[2], deliverAt, fields[4]);
    }

    private static IllegalArgumentException malformed(String handle, String why, Throwable cause) {
        return new IllegalArgumentException(
                "recallHandle '"
                        + handle
                        + "' is malformed: "
                        + why
                        + "; pass SendResult.recallHandle() unchanged",
                cause);
    }
}
