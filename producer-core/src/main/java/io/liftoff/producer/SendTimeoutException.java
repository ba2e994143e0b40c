package io.liftoff.producer;

import java.time.Duration;

/**
 * A send did not complete within its time budget. The message may or may not have been stored: the
 * broker can have stored it and the answer got lost.
 */
public final class SendTimeoutException extends ProducerException {

    private final Duration timeout;

    /**
     * @param message what timed out
     * @param timeout the budget that ran out
     * @param cause the last attempt's failure, may be {@code null}
     */
    public SendTimeoutException(String message, Duration timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** The budget that ran out. */
    public Duration timeout() {
        return timeout;
    }
}
