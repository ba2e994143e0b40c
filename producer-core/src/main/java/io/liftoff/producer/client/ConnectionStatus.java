package io.liftoff.producer.client;

import io.liftoff.producer.remoting.EndpointStatus;
import java.util.List;
import java.util.Objects;

/**
 * What a client knows of its servers right now, from its own recent requests (route look-ups,
 * name-server probes and heartbeats, each at least every 30 s by default), so reading it costs no
 * network round trip.
 *
 * @param nameServers each configured name server, in fail-over order
 * @param brokers each master broker of a topic the client has sent to
 */
public record ConnectionStatus(List<EndpointStatus> nameServers, List<BrokerStatus> brokers) {

    public ConnectionStatus {
        nameServers = List.copyOf(nameServers);
        brokers = List.copyOf(brokers);
    }

    /**
     * One master broker and what its last heartbeat showed.
     *
     * @param brokerName the broker's name, e.g. {@code broker-a}
     * @param status its last heartbeat's outcome
     */
    public record BrokerStatus(String brokerName, EndpointStatus status) {

        public BrokerStatus {
            Objects.requireNonNull(brokerName, "brokerName must not be null");
            Objects.requireNonNull(status, "status must not be null");
        }
    }
}
