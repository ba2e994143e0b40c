package io.liftoff.producer;

import io.liftoff.producer.message.Message;

/**
 * Told the outcome of every send that was started (after interceptors and validation): exactly one
 * of its methods is called once per message, also for each message of a batch. Listeners observe;
 * they cannot change the outcome. They run on the thread that completes the send, so they must be
 * fast and must not block or call back into the producer. An exception they throw is logged and
 * otherwise ignored.
 */
public interface SendListener {

    /**
     * The broker stored the message.
     *
     * @param message the message as sent
     * @param result where it was stored
     */
    default void onSuccess(Message message, SendResult result) {}

    /**
     * The send failed; the caller gets the same failure.
     *
     * @param message the message as it was to be sent
     * @param failure why
     */
    default void onFailure(Message message, Throwable failure) {}
}
