package io.liftoff.producer;

import java.util.List;

/**
 * What every attempt of one send puts on the wire, computed once: a single message or an encoded
 * batch part, with its ids, properties, body and flags.
 *
 * @param topic the topic
 * @param messageIds the client-side unique id ({@code UNIQ_KEY}) of each message, in body order
 * @param properties the property string of the request header
 * @param body the body to send, compressed when {@code sysFlag} says so
 * @param sysFlag RocketMQ's message system flags
 * @param flag the message's user flag (0 for a batch: each record carries its own)
 * @param batch whether {@code body} holds several encoded messages
 */
record PreparedMessage(
        String topic,
        List<String> messageIds,
        String properties,
        byte[] body,
        int sysFlag,
        int flag,
        boolean batch) {

    PreparedMessage {
        messageIds = List.copyOf(messageIds);
    }

    /** The id a single send reports; for a batch the comma-joined ids, as RocketMQ does. */
    String messageId() {
        return messageIds.size() == 1 ? messageIds.get(0) : String.join(",", messageIds);
    }
}
