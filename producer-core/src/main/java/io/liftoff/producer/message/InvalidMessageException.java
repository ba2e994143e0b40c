package io.liftoff.producer.message;

/**
 * Thrown for a message or argument that can never be sent; raised before anything goes on the wire.
 *
 * <p>Retrying cannot help: the message text names the argument, the bad value and how to fix it.
 */
public class InvalidMessageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what is wrong and how to fix it.
     *
     * @param message the explanation; must not be {@code null}
     */
    public InvalidMessageException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that revealed the problem.
     *
     * @param message the explanation; must not be {@code null}
     * @param cause the underlying failure
     */
    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
