package io.liftoff.producer.internal;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What every attempt of one send puts on the wire, computed once: a single message or an encoded
 * batch part, with its ids, properties, body and flags. Made by {@link #single} or {@link #batch}.
 *
 * @param topic the topic
 * @param messageId the id a send reports: the client-side unique id ({@code UNIQ_KEY}) of a single
 *     message, or for a batch the comma-joined ids, as RocketMQ does
 * @param batchIds the id of each message of a batch, in body order; empty for a single message
 * @param properties the property string of the request header, or only its start when {@code
 *     uniqueKeyLast}
 * @param uniqueKeyLast whether {@code properties} stops before the value of a last {@code
 *     UNIQ_KEY}, {@code messageId}: a message with only {@code WAIT} and {@code UNIQ_KEY} keeps a
 *     constant start and its id, which the header writes into the frame without joining them
 * @param body the body to send, compressed when {@code sysFlag} says so: a view from position 0
 *     that nothing writes through, shared by every attempt, so that the bytes are copied only into
 *     the frame (straight from its array when it is writable: see {@code Command.writeBodyTo})
 * @param sysFlag RocketMQ's message system flags
 * @param flag the message's user flag (0 for a batch: each record carries its own)
 */
record PreparedMessage(
        String topic,
        String messageId,
        List<String> batchIds,
        String properties,
        boolean uniqueKeyLast,
        ByteBuffer body,
        int sysFlag,
        int flag) {

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
            ByteBuffer body,
            int sysFlag,
            int flag) {
        return new PreparedMessage(
                topic, messageId, List.of(), properties, false, body, sysFlag, flag);
    }

    /**
     * One message whose property string is {@code start}, then its id and {@code \u0002}.
     *
     * @param body a view of the body that this send takes over: the caller no longer moves it
     */
    static PreparedMessage singleWithIdLast(
            String topic, String messageId, String start, ByteBuffer body, int sysFlag, int flag) {
        return new PreparedMessage(topic, messageId, List.of(), start, true, body, sysFlag, flag);
    }

    /**
     * An encoded batch part.
     *
     * @param messageIds the id of each message, in body order; at least one
     * @param body a view of the encoded messages that this send takes over
     */
    static PreparedMessage batch(
            String topic, List<String> messageIds, String properties, ByteBuffer body) {
        if (messageIds.isEmpty()) {
            throw new IllegalArgumentException("a batch part holds at least one message");
        }
        return new PreparedMessage(
                topic, String.join(",", messageIds), messageIds, properties, false, body, 0, 0);
    }

    /** Whether {@code body} holds several encoded messages, sent as SEND_BATCH_MESSAGE. */
    boolean batch() {
        return !batchIds.isEmpty();
    }

    /** The id that completes {@code properties}, or {@code null} if it is whole. */
    String trailingUniqueKey() {
        return uniqueKeyLast ? messageId : null;
    }

    /** The number of body bytes. */
    int bodyLength() {
        return body.remaining();
    }
}
