package io.liftoff.producer.internal.protocol;

/**
 * How a producer resolves a half message, with the wire codes of END_TRANSACTION's {@code
 * commitOrRollback} (RocketMQ's {@code MessageSysFlag.TRANSACTION_*_TYPE}). The broker rejects any
 * other code.
 */
public enum TransactionResolution {

    /** Deliver the half message to consumers. */
    COMMIT(8),

    /** Discard the half message. */
    ROLLBACK(12),

    /** Decide later: the broker leaves the half message alone and checks back. */
    UNKNOWN(0);

    private final int code;

    TransactionResolution(int code) {
        this.code = code;
    }

    /** The value of the {@code commitOrRollback} header field. */
    public int code() {
        return code;
    }
}
