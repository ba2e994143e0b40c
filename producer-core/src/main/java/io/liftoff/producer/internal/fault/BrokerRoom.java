package io.liftoff.producer.internal.fault;

/** Whether a broker can take another request now, without waiting; the producer's send windows. */
@FunctionalInterface
public interface BrokerRoom {

    /** Every broker always has room: selection by faults alone. */
    BrokerRoom ALWAYS = brokerName -> true;

    /** Whether a send to {@code brokerName} would go out at once; a hint, read without locks. */
    boolean hasRoom(String brokerName);
}
