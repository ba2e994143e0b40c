package io.liftoff.producer;

/**
 * The producer was closed: before a send started (nothing was sent), or while it was in flight (the
 * message may or may not be stored).
 */
public final class ProducerClosedException extends ProducerException {

    /**
     * @param message what was closed and what it means for the send
     */
    public ProducerClosedException(String message) {
        super(message);
    }
}
