package io.liftoff.producer.internal.client;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.TlsOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What identifies and tunes a {@link ClientInstance}. Producers whose options are equal share one
 * instance; producers with different credentials therefore never share connections or signing.
 *
 * @param nameServers {@code host:port} of each name server, in fail-over order; empty when {@code
 *     nameServerAddressUrl} gives them
 * @param instanceName the instance part of the client id
 * @param headerSerialization the header format of outgoing requests
 * @param requestTimeout timeout of route look-ups, heartbeats and unregistration
 * @param routeRefreshInterval how often cached routes are looked up again
 * @param heartbeatInterval how often every broker in use gets a heartbeat
 * @param queuesPerBrokerForNewTopics queues per broker of a topic the broker auto-creates
 * @param tls whether and how connections to name servers and brokers use TLS
 * @param nameServerAddressUrl the address server that gives the name servers, or {@code null}
 * @param nameServerAddressRefreshInterval how often the address server is asked again
 * @param credentials what every request is signed with, or {@code null} for unsigned requests
 */
public record ClientOptions(
        List<String> nameServers,
        String instanceName,
        HeaderSerialization headerSerialization,
        Duration requestTimeout,
        Duration routeRefreshInterval,
        Duration heartbeatInterval,
        int queuesPerBrokerForNewTopics,
        TlsOptions tls,
        URI nameServerAddressUrl,
        Duration nameServerAddressRefreshInterval,
        Credentials credentials) {

    public ClientOptions {
        nameServers = List.copyOf(nameServers);
        if (nameServers.isEmpty() == (nameServerAddressUrl == null)) {
            throw new IllegalArgumentException(
                    "give either name servers or an address server's URL, not both or neither");
        }
        Objects.requireNonNull(
                nameServerAddressRefreshInterval,
                "nameServerAddressRefreshInterval must not be null");
        Objects.requireNonNull(instanceName, "instanceName must not be null");
        Objects.requireNonNull(headerSerialization, "headerSerialization must not be null");
        Objects.requireNonNull(requestTimeout, "requestTimeout must not be null");
        Objects.requireNonNull(routeRefreshInterval, "routeRefreshInterval must not be null");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval must not be null");
        Objects.requireNonNull(tls, "tls must not be null");
    }
}
