package io.liftoff.producer.internal.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * The request header of PUSH_REPLY_MESSAGE_TO_CLIENT, with which a broker hands a requester the
 * reply to one of its requests. The fields are the responder's send header plus where and when the
 * broker stored the reply; the body is the reply's body, compressed when {@code sysFlag} says so.
 *
 * @param producerGroup the responder's producer group; must not be {@code null}
 * @param topic the reply topic, {@code <cluster>_REPLY_TOPIC}; must not be {@code null}
 * @param defaultTopic the responder's auto-create template topic; must not be {@code null}
 * @param defaultTopicQueueNums the responder's auto-create queue count
 * @param queueId the queue the responder addressed
 * @param sysFlag RocketMQ's message system flags (compression, transaction type)
 * @param bornTimestamp the responder's clock when it sent the reply, epoch milliseconds
 * @param flag the reply's user flag
 * @param properties the encoded property string with {@code CORRELATION_ID}; empty when the broker
 *     sent none; must not be {@code null}
 * @param reconsumeTimes the reply's reconsume count, 0 when the broker sent none
 * @param unitMode the responder's unit mode, false when the broker sent none
 * @param bornHost the responder's address as the broker saw it, {@code ip:port}; must not be {@code
 *     null}
 * @param storeHost the broker's address, {@code ip:port}; must not be {@code null}
 * @param storeTimestamp the broker's clock when it pushed the reply, epoch milliseconds
 */
public record ReplyMessageHeader(
        String producerGroup,
        String topic,
        String defaultTopic,
        int defaultTopicQueueNums,
        int queueId,
        int sysFlag,
        long bornTimestamp,
        int flag,
        String properties,
        int reconsumeTimes,
        boolean unitMode,
        String bornHost,
        String storeHost,
        long storeTimestamp) {

    public ReplyMessageHeader {
        Objects.requireNonNull(producerGroup, "producerGroup must not be null");
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(defaultTopic, "defaultTopic must not be null");
        Objects.requireNonNull(properties, "properties must not be null");
        Objects.requireNonNull(bornHost, "bornHost must not be null");
        Objects.requireNonNull(storeHost, "storeHost must not be null");
    }

    /**
     * Reads the header from a request's extFields. The fields RocketMQ's {@code
     * ReplyMessageRequestHeader} marks nullable ({@code properties}, {@code reconsumeTimes}, {@code
     * unitMode}) get their neutral value when missing; all others are required.
     *
     * @throws IllegalArgumentException when a required field is missing or a number is malformed
     */
    public static ReplyMessageHeader fromExtFields(Map<String, String> fields) {
        ExtFieldsReader reader =
                new ExtFieldsReader("PUSH_REPLY_MESSAGE_TO_CLIENT request", fields);
        String properties = reader.optional("properties");
        return new ReplyMessageHeader(
                reader.required("producerGroup"),
                reader.required("topic"),
                reader.required("defaultTopic"),
                reader.requiredInt("defaultTopicQueueNums"),
                reader.requiredInt("queueId"),
                reader.requiredInt("sysFlag"),
                reader.requiredLong("bornTimestamp"),
                reader.requiredInt("flag"),
                properties == null ? "" : properties,
                reader.optionalInt("reconsumeTimes", 0),
                reader.optionalBoolean("unitMode", false),
                reader.required("bornHost"),
                reader.required("storeHost"),
                reader.requiredLong("storeTimestamp"));
    }
}
