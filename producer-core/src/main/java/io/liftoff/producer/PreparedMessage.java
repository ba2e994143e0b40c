package io.liftoff.producer;

import io.liftoff.producer.message.Message;

/**
 * A validated message with what every attempt of its send shares: its unique id and its encoded
 * properties, computed once.
 *
 * @param message the message
 * @param messageId its client-side unique id ({@code UNIQ_KEY})
 * @param properties its property string, {@code UNIQ_KEY} included
 */
record PreparedMessage(Message message, String messageId, String properties) {}
