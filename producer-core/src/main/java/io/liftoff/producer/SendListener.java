package io.liftoff.producer;

/**
 * Told the outcome of every send that was started (after interceptors and validation): exactly one
 * of its methods is called once per message, also for each message of a batch. Listeners observe;
 * they cannot change the outcome. They run on the thread that completes the send, before the caller
 * sees the outcome (the send returns, its future completes), so they must be fast and must not
 * block or call back into the producer. An exception they throw is logged and otherwise ignored.
 */
public interface SendListener {

    /**
     * The broker stored the message (for a oneway send: it was written).
     *
     * @param event the message, how long it took and how many attempts
     * @param result where it was stored; {@code null} for a oneway send
     */
    default void onSuccess(SendEvent event, SendResult result) {}

    /**
     * The send failed; the caller gets the same failure.
     *
     * @param event the message, how long it took and how many attempts
     * @param failure why
     */
    default void onFailure(SendEvent event, Throwable failure) {}
}
