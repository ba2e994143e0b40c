package io.liftoff.producer;

/** What a local transaction decided about its half message. */
public enum TransactionState {
    /** Deliver the message to consumers. */
    COMMIT,
    /** Discard the message; consumers never see it. */
    ROLLBACK,
    /** Not known yet: the broker asks the {@link TransactionChecker} again later. */
    UNKNOWN
}
