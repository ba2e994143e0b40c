package io.liftoff.producer.internal.route;

/** No name server answered a route look-up; the message lists what each address did. */
public final class RouteLookupException extends RuntimeException {

    /**
     * @param message what was asked and why each name server failed
     * @param cause the last failure, may be {@code null}
     */
    public RouteLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
