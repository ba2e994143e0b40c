package io.liftoff.producer.internal.trace;

/**
 * The kind of a traced message; a record carries its ordinal, which must stay that of RocketMQ's
 * {@code MessageType}: do not reorder.
 */
public enum TraceMessageType {
    /** An ordinary message. */
    NORMAL,
    /** The half message of a transaction. */
    TRANSACTION_HALF,
    /** The end of a transaction; every EndTransaction record carries it. */
    TRANSACTION_COMMIT,
    /** A message with a delay level or a delivery time. */
    DELAY,
    /** A message with a sharding key, kept in order. */
    ORDER
}
