package io.liftoff.producer;

/**
 * A send or producer operation failed. The root of Liftoff's unchecked exceptions; the message says
 * what failed and, where it can, how to fix it, and the cause is always kept.
 */
public class ProducerException extends RuntimeException {

    /**
     * @param message what failed
     * @param cause why, may be {@code null}
     */
    public ProducerException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what failed
     */
    public ProducerException(String message) {
        super(message);
    }
}
