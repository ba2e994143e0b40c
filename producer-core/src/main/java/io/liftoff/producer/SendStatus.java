package io.liftoff.producer;

/**
 * How a broker stored a message. Every status means the message was stored on the master; all but
 * {@link #SEND_OK} say that a durability guarantee beyond that was not met in time.
 */
public enum SendStatus {
    /** Stored, and flushed or replicated as the broker is configured to. */
    SEND_OK,
    /** Stored, but the synchronous disk flush timed out. */
    FLUSH_DISK_TIMEOUT,
    /** Stored, but the synchronous replication to the slave timed out. */
    FLUSH_SLAVE_TIMEOUT,
    /** Stored, but no slave was available for synchronous replication. */
    SLAVE_NOT_AVAILABLE
}
