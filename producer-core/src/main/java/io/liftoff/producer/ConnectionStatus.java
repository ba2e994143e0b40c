package io.liftoff.producer;

import java.util.List;
import java.util.Objects;

/**
 * What a client knows of its servers right now, from its own recent requests (route look-ups,
 * name-server probes and heartbeats, each at least every 30 s by default), so reading it costs no
 * network round trip.
 *
 * @param nameServers each configured name server, in fail-over order
 * @param brokers each master broker the client knows, by name: of the route of each topic it has
 *     sent to or warmed up ({@link ProducerConfig#warmUpTopics()}) and, when it learnt them at
 *     start, every master the name servers list; each gets heartbeats, whose outcome is its
 *     reachability
 */
public record ConnectionStatus(List<EndpointStatus> nameServers, List<BrokerStatus> brokers) {

    public ConnectionStatus {
        nameServers = List.copyOf(nameServers);
        brokers = List.copyOf(brokers);
    }

    /**
     * One master broker, what its last heartbeat showed, and this producer's send window to it.
     *
     * @param brokerName the broker's name, e.g. {@code broker-a}
     * @param status its last heartbeat's outcome
     * @param sendWindow how many send requests the producer may have in flight to it now
     */
    public record BrokerStatus(
            String brokerName, EndpointStatus status, SendWindowStatus sendWindow) {

        public BrokerStatus {
            Objects.requireNonNull(brokerName, "brokerName must not be null");
            Objects.requireNonNull(status, "status must not be null");
            Objects.requireNonNull(sendWindow, "sendWindow must not be null");
        }
    }

    /**
     * A producer's send window to one broker. The producer sends a broker at most {@code limit}
     * requests at a time; a broker that sheds load (answers SYSTEM_BUSY) halves the limit, and
     * stored messages grow it back. Sends beyond the limit wait in order, within their send
     * timeout, for room.
     *
     * @param limit how many send requests may be in flight to the broker now, at least 1
     * @param inFlight how many are
     * @param waiting how many sends wait for room
     * @param flowControlAnswers how many times the broker has shed load so far (SYSTEM_BUSY and
     *     other flow-control answers)
     */
    public record SendWindowStatus(int limit, int inFlight, int waiting, long flowControlAnswers) {}
}
