package io.liftoff.producer;

/**
 * A send found no room under the producer's in-flight bounds within its back-pressure timeout.
 * Nothing was sent. The message names the bound that was full and the setting that raises it.
 */
public final class BackPressureException extends ProducerException {

    /**
     * @param message which bound was full, for how long, and how to raise it
     */
    public BackPressureException(String message) {
        super(message);
    }
}
