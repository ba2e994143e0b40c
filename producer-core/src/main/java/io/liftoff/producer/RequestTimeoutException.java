package io.liftoff.producer;

import java.time.Duration;

/**
 * A request got no reply within its timeout. The request itself may have been stored and even
 * answered: a reply that arrives later is dropped.
 */
public final class RequestTimeoutException extends ProducerException {

    private final String correlationId;
    private final Duration timeout;

    /**
     * @param message what timed out, naming the correlation id and the timeout
     * @param correlationId the request's {@code CORRELATION_ID}
     * @param timeout the timeout that ran out
     * @param cause the underlying failure, may be {@code null}
     */
    public RequestTimeoutException(
            String message, String correlationId, Duration timeout, Throwable cause) {
        super(message, cause);
        this.correlationId = correlationId;
        this.timeout = timeout;
    }

    /** The request's {@code CORRELATION_ID}, as the responder saw it. */
    public String correlationId() {
        return correlationId;
    }

    /** The timeout that ran out. */
    public Duration timeout() {
        return timeout;
    }
}
