package io.liftoff.producer;

/**
 * A broker cannot honour what the message asks for, so the producer refused to send it rather than
 * have it handled wrongly (e.g. a timer message delivered at once by a 4.x broker).
 */
public final class FeatureNotSupportedException extends ProducerException {

    /**
     * @param message what is not supported, by which broker, and what to do instead
     */
    public FeatureNotSupportedException(String message) {
        super(message);
    }
}
