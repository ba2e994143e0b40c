package io.liftoff.producer.internal.route;

import io.liftoff.producer.internal.concurrent.Await;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master brokers the name servers list, of every cluster, for a client that wants to know its
 * brokers before any topic's route names them (health from the start). Off until the first {@link
 * #discoverAsync()}; then {@link #refresh()} asks again on every route refresh. An answer without
 * any master keeps the last list, as a failed route look-up keeps its route: when every broker has
 * stopped, the name servers forget them, and a client that forgot them too would report no broker
 * instead of unreachable ones. Thread-safe.
 */
public final class ClusterBrokers {

    private static final Logger log = LoggerFactory.getLogger(ClusterBrokers.class);

    private final NameServerClient nameServers;
    // broker name -> master address; replaced as a whole
    private volatile Map<String, String> masters = Map.of();
    private volatile boolean enabled;
    // whether the last refresh failed or found no master, so that an outage is logged once
    private volatile boolean failing;

    /**
     * @param nameServers where the brokers are learnt, must not be {@code null}
     */
    public ClusterBrokers(NameServerClient nameServers) {
        this.nameServers = nameServers;
    }

    /**
     * Asks the name servers for their brokers now, without blocking, and from then on at every
     * {@link #refresh()}.
     *
     * @return the masters known once the answer is in (broker name to address); completed
     *     exceptionally with {@link RouteLookupException} when no name server answers
     */
    public CompletableFuture<Map<String, String>> discoverAsync() {
        enabled = true;
        return nameServers
                .queryClusterBrokersAsync()
                .thenApply(
                        brokers -> {
                            update(brokers);
                            return masters;
                        });
    }

    /** Asks again, waiting for the answer, when discovery is on; a failure keeps the list. */
    public void refresh() {
        if (!enabled) {
            return;
        }
        try {
            update(
                    Await.outcome(
                            nameServers.queryClusterBrokersAsync(),
                            "look-up of the cluster's brokers"));
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("Keeping the cluster's brokers as last known: {}", e.getMessage());
            }
        }
    }

    /** Broker name to master address of every broker learnt; empty before discovery. */
    public Map<String, String> masters() {
        return masters;
    }

    private synchronized void update(List<TopicRouteData.BrokerData> brokers) {
        Map<String, String> fresh = new TreeMap<>();
        for (TopicRouteData.BrokerData broker : brokers) {
            if (broker.masterAddress() != null) {
                fresh.put(broker.brokerName(), broker.masterAddress());
            }
        }
        if (fresh.isEmpty()) {
            if (!masters.isEmpty() && !failing) {
                failing = true;
                log.warn(
                        "The name servers list no master broker; keeping the last known {}",
                        masters);
            }
            return;
        }
        failing = false;
        masters = Collections.unmodifiableMap(fresh);
    }
}
