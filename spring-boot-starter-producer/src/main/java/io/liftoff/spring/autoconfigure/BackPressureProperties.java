package io.liftoff.spring.autoconfigure;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on sends in flight (sent, not yet answered); a send beyond them waits for room, then
 * fails.
 */
public class BackPressureProperties {

    /** Maximum number of messages in flight. */
    private int maxInFlightMessages = 10_000;

    /** Maximum size of the message bodies in flight. */
    private DataSize maxInFlightBytes = DataSize.ofMegabytes(100);

    /** Time that a send waits for room under the bounds before it fails. */
    private Duration timeout = Duration.ofSeconds(3);

    /** Returns the maximum number of messages in flight. */
    public int getMaxInFlightMessages() {
        return this.maxInFlightMessages;
    }

    /** Sets the maximum number of messages in flight. */
    public void setMaxInFlightMessages(int maxInFlightMessages) {
        this.maxInFlightMessages = maxInFlightMessages;
    }

    /** Returns the maximum size of the message bodies in flight. */
    public DataSize getMaxInFlightBytes() {
        return this.maxInFlightBytes;
    }

    /** Sets the maximum size of the message bodies in flight. */
    public void setMaxInFlightBytes(DataSize maxInFlightBytes) {
        this.maxInFlightBytes = maxInFlightBytes;
    }

    /** Returns the time that a send waits for room before it fails. */
    public Duration getTimeout() {
        return this.timeout;
    }

    /** Sets the time that a send waits for room before it fails. */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
