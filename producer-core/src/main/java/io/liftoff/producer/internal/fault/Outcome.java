package io.liftoff.producer.internal.fault;

/** How one send attempt to a broker ended, as far as the broker's health is concerned. */
public enum Outcome {

    /**
     * The broker answered in time, whatever it said about the message: its latency decides whether
     * it sits out.
     */
    ANSWERED,

    /**
     * The broker could not take the message: the connection was refused or lost, or the broker said
     * it is busy or failing. It sits out as long as an attempt of {@link
     * LatencyFaultTolerance#FAILURE_LATENCY} would make it.
     */
    UNAVAILABLE,

    /** No answer within the attempt's timeout; counts like {@link #UNAVAILABLE}. */
    TIMED_OUT
}
