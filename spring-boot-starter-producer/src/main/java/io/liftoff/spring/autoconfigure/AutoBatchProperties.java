package io.liftoff.spring.autoconfigure;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * Automatic batching: messages that wait for a queue while its previous request is in flight go out
 * together as one batch request. The bounds apply only when it is enabled; setting one while it is
 * not fails the startup.
 */
public class AutoBatchProperties {

    /**
     * Whether to send the messages that wait behind a queue's in-flight request as one batch
     * request. A message is sent at once, alone, when nothing of its queue is in flight.
     */
    private boolean enabled;

    /** Time that a message waits at most for the answer it is held behind; positive, at most 1s. */
    private Duration linger = Duration.ofMillis(5);

    /**
     * Maximum size of one batch request body; at least 1KB and at most 'max-message-size'. Larger
     * messages are sent alone.
     */
    private DataSize maxBytes = DataSize.ofKilobytes(128);

    /** Maximum number of messages of one batch request; 2 to 10000. */
    private int maxMessages = 256;

    /** Returns whether waiting messages are batched. */
    public boolean isEnabled() {
        return this.enabled;
    }

    /** Sets whether waiting messages are batched. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Returns the time that a message waits at most for the answer it is held behind. */
    public Duration getLinger() {
        return this.linger;
    }

    /** Sets the time that a message waits at most for the answer it is held behind. */
    public void setLinger(Duration linger) {
        this.linger = linger;
    }

    /** Returns the maximum size of one batch request body. */
    public DataSize getMaxBytes() {
        return this.maxBytes;
    }

    /** Sets the maximum size of one batch request body. */
    public void setMaxBytes(DataSize maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Returns the maximum number of messages of one batch request. */
    public int getMaxMessages() {
        return this.maxMessages;
    }

    /** Sets the maximum number of messages of one batch request. */
    public void setMaxMessages(int maxMessages) {
        this.maxMessages = maxMessages;
    }
}
