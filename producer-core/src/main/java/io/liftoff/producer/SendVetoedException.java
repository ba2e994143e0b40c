package io.liftoff.producer;

/**
 * A {@link SendInterceptor} refused a send; nothing was sent. The interceptor's reason is the
 * cause.
 */
public final class SendVetoedException extends ProducerException {

    /**
     * @param message which interceptor refused which send
     * @param cause what the interceptor threw
     */
    public SendVetoedException(String message, Throwable cause) {
        super(message, cause);
    }
}
