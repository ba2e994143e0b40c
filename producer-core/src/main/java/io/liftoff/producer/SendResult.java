package io.liftoff.producer;

import java.util.Objects;

/**
 * The outcome of a message the broker stored.
 *
 * @param status how it was stored
 * @param messageId the client-side unique id ({@code UNIQ_KEY}) consumers see as the message id
 * @param offsetMessageId the broker's id: store host and commit-log offset
 * @param queue the queue that holds the message
 * @param queueOffset the message's offset in that queue
 * @param transactionId the broker's transaction id, {@code null} when the broker sends none
 * @param region the broker's region
 * @param recallHandle for a timer message on a 5.3.2+ broker, the handle that recalls it before it
 *     is delivered; otherwise {@code null}
 */
public record SendResult(
        SendStatus status,
        String messageId,
        String offsetMessageId,
        MessageQueue queue,
        long queueOffset,
        String transactionId,
        String region,
        String recallHandle) {

    public SendResult {
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(messageId, "messageId must not be null");
        Objects.requireNonNull(offsetMessageId, "offsetMessageId must not be null");
        Objects.requireNonNull(queue, "queue must not be null");
    }
}
