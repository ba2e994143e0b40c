package io.liftoff.producer.internal;

import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.remoting.WritableBody;
import java.util.List;

/**
 * What every attempt of one send puts on the wire, computed once: a single message or an encoded
 * batch part, with its ids, properties, body and flags. Made by {@link #single} or {@link #batch}.
 *
 * @param topic the topic
 * @param messageId the id a send reports: the client-side unique id ({@code UNIQ_KEY}) of a single
 *     message; {@code null} for a batch, whose {@link #messageId()} joins its ids when asked
 * @param batchIds the id of each message of a batch, in body order; empty for a single message
 * @param properties the property string of the request header, or only its start when {@code
 *     uniqueKeyLast}
 * @param uniqueKeyLast whether {@code properties} stops before the value of a last {@code
 *     UNIQ_KEY}, {@code messageId}: a message with only {@code WAIT} and {@code UNIQ_KEY} keeps a
 *     constant start and its id, which the header writes into the frame without joining them
 * @param body the body to send, compressed when {@code sysFlag} says so, shared by every attempt:
 *     it writes itself into the frame, so that the bytes are copied only there (a message's body
 *     straight from its array, a batch's records one by one)
 * @param sysFlag RocketMQ's message system flags
 * @param flag the message's user flag (0 for a batch: each record carries its own)
 * @param batchable whether automatic batching may put this single message into a batch request: a
 *     plain send, uncompressed, not delayed, waiting for the store (see {@link QueueLanes})
 * @param ordered whether the message has a sharding key: its queue's requests then go one at a time
 *     (see {@link QueueLanes})
 */
record PreparedMessage(
        String topic,
        String messageId,
        List<String> batchIds,
        String properties,
        boolean uniqueKeyLast,
        WritableBody body,
        int sysFlag,
        int flag,
        boolean batchable,
        String shardingKey) {

    PreparedMessage {
        batchIds = List.copyOf(batchIds);
    }

    /**
     * One message.
     *
     * @param properties the whole property string
     * @param body a view of the body that this send takes over: the caller no longer moves it
     */
    static PreparedMessage single(
            String topic,
            String messageId,
            String properties,
            WritableBody body,
            int sysFlag,
            int flag) {
        return new PreparedMessage(
                topic, messageId, List.of(), properties, false, body, sysFlag, flag, false, null);
    }

    /**
     * One message of a plain send, as {@link MessagePreparer} makes it.
     *
     * @param properties the whole property string, or when {@code uniqueKeyLast} its start before
     *     the id
     * @param body a view of the body that this send takes over: the caller no longer moves it
     */
    static PreparedMessage single(
            String topic,
            String messageId,
            String properties,
            boolean uniqueKeyLast,
            WritableBody body,
            int sysFlag,
            int flag,
            boolean batchable,
            String shardingKey) {
        return new PreparedMessage(
                topic,
                messageId,
                List.of(),
                properties,
                uniqueKeyLast,
                body,
                sysFlag,
                flag,
                batchable,
                shardingKey);
    }

    /**
     * An encoded batch part.
     *
     * @param messageIds the id of each message, in body order; at least one
     * @param body the encoded messages
     */
    static PreparedMessage batch(
            String topic, List<String> messageIds, String properties, WritableBody body) {
        if (messageIds.isEmpty()) {
            throw new IllegalArgumentException("a batch part holds at least one message");
        }
        return new PreparedMessage(
                topic, null, messageIds, properties, false, body, 0, 0, false, null);
    }

    /**
     * The id a send reports: a single message's own, or for a batch its messages' ids comma-joined,
     * as RocketMQ does. A batch joins them only when asked: one that automatic batching made never
     * is, since each of its messages reports its own.
     */
    @Override
    public String messageId() {
        return messageId != null ? messageId : String.join(",", batchIds);
    }

    /** Whether {@code body} holds several encoded messages, sent as SEND_BATCH_MESSAGE. */
    boolean batch() {
        return !batchIds.isEmpty();
    }

    /** The id that completes {@code properties}, or {@code null} if it is whole. */
    String trailingUniqueKey() {
        return uniqueKeyLast ? messageId : null;
    }

    /** The whole property string of a single message, its id included. */
    String wholeProperties() {
        return uniqueKeyLast
                ? properties + messageId + MessageProperties.PROPERTY_SEPARATOR
                : properties;
    }

    /** The number of body bytes. */
    int bodyLength() {
        return body.length();
    }
}
