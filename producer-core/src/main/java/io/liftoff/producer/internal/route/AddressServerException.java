package io.liftoff.producer.internal.route;

/** An address server could not tell where the name servers are; the message names its URL. */
public final class AddressServerException extends RuntimeException {

    /**
     * @param message the URL and what went wrong
     * @param cause the underlying failure, may be {@code null}
     */
    public AddressServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
