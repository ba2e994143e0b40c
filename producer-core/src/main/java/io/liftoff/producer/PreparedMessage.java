package io.liftoff.producer;

import io.liftoff.producer.message.Message;

/**
 * A validated message with what every attempt of its send shares, computed once: its unique id, its
 * encoded properties, and the body and system flags as they go on the wire.
 *
 * @param message the message
 * @param messageId its client-side unique id ({@code UNIQ_KEY})
 * @param properties its property string, {@code UNIQ_KEY} included
 * @param body the body to send, compressed when {@code sysFlag} says so
 * @param sysFlag RocketMQ's message system flags
 */
record PreparedMessage(
        Message message, String messageId, String properties, byte[] body, int sysFlag) {}
