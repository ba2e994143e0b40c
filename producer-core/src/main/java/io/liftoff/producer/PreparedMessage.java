package io.liftoff.producer;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What every attempt of one send puts on the wire, computed once: a single message or an encoded
 * batch part, with its ids, properties, body and flags.
 *
 * @param topic the topic
 * @param messageIds the client-side unique id ({@code UNIQ_KEY}) of each message, in body order
 * @param properties the property string of the request header
 * @param body the body to send, compressed when {@code sysFlag} says so: a read-only view from
 *     position 0, shared by every attempt (each reads it through a duplicate), so that the bytes
 *     are copied only into the frame
 * @param sysFlag RocketMQ's message system flags
 * @param flag the message's user flag (0 for a batch: each record carries its own)
 * @param batch whether {@code body} holds several encoded messages
 */
record PreparedMessage(
        String topic,
        List<String> messageIds,
        String properties,
        ByteBuffer body,
        int sysFlag,
        int flag,
        boolean batch) {

    PreparedMessage {
        messageIds = List.copyOf(messageIds);
        body = body.asReadOnlyBuffer();
    }

    /** The number of body bytes. */
    int bodyLength() {
        return body.remaining();
    }

    /** The id a single send reports; for a batch the comma-joined ids, as RocketMQ does. */
    String messageId() {
        return messageIds.size() == 1 ? messageIds.get(0) : String.join(",", messageIds);
    }
}
