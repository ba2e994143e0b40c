package io.liftoff.producer.route;

import io.liftoff.producer.protocol.TopicRouteData;
import io.liftoff.producer.remoting.EndpointStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish snapshot of every topic this client writes to. A topic enters the cache on its first
 * send; {@link #refreshAll()} replaces each snapshot with one built from a fresh route. A topic
 * without a route is never cached, so the next send asks again. Thread-safe.
 */
public final class RouteCache {

    /** The template topic a broker with auto-creation enabled creates missing topics from. */
    public static final String AUTO_CREATE_TEMPLATE_TOPIC = "TBW102";

    private static final Logger log = LoggerFactory.getLogger(RouteCache.class);

    private final NameServerClient nameServers;
    private final int queuesPerBrokerForNewTopics;
    private final Map<String, PublishSnapshot> snapshots = new ConcurrentHashMap<>();

    /**
     * @param nameServers where routes come from, must not be {@code null}
     * @param queuesPerBrokerForNewTopics queues per broker a topic created from the template gets
     */
    public RouteCache(NameServerClient nameServers, int queuesPerBrokerForNewTopics) {
        this.nameServers = nameServers;
        this.queuesPerBrokerForNewTopics = queuesPerBrokerForNewTopics;
    }

    /**
     * The snapshot of {@code topic}: the cached one, or one looked up now. A topic the name server
     * does not know gets the queues of the template topic, so a broker that allows auto-creation
     * creates it on the first send.
     *
     * @return the snapshot, or empty when neither the topic nor the template has a route
     * @throws RouteLookupException when no name server answers
     */
    public Optional<PublishSnapshot> publishInfo(String topic) {
        PublishSnapshot cached = snapshots.get(topic);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<PublishSnapshot> looked = lookUp(topic);
        looked.ifPresent(snapshot -> snapshots.put(topic, snapshot));
        return looked;
    }

    /** Looks up every cached topic again; a failure keeps the old snapshot and is logged. */
    public void refreshAll() {
        for (String topic : snapshots.keySet()) {
            try {
                lookUp(topic).ifPresent(snapshot -> snapshots.put(topic, snapshot));
            } catch (RuntimeException e) {
                log.warn("Keeping the cached route of topic '{}': {}", topic, e.getMessage());
            }
        }
    }

    /** Broker name to master address of every broker in a cached route. */
    public Map<String, String> brokers() {
        Map<String, String> brokers = new TreeMap<>();
        snapshots.values().forEach(snapshot -> brokers.putAll(snapshot.masterAddresses()));
        return brokers;
    }

    /** What each name server's last request showed. */
    public List<EndpointStatus> nameServerStatuses() {
        return nameServers.statuses();
    }

    /** Asks every name server whether it answers; see {@link NameServerClient#probeAll()}. */
    public void probeNameServers() {
        nameServers.probeAll();
    }

    /** Master addresses of every broker in a cached route. */
    public Set<String> masterAddresses() {
        Set<String> addresses = new HashSet<>();
        snapshots
                .values()
                .forEach(snapshot -> addresses.addAll(snapshot.masterAddresses().values()));
        return addresses;
    }

    private Optional<PublishSnapshot> lookUp(String topic) {
        Optional<TopicRouteData> route = nameServers.queryRoute(topic);
        if (route.isPresent()) {
            PublishSnapshot snapshot = PublishSnapshot.of(topic, route.get());
            if (!snapshot.isEmpty()) {
                return Optional.of(snapshot);
            }
        }
        return nameServers
                .queryRoute(AUTO_CREATE_TEMPLATE_TOPIC)
                .map(
                        template ->
                                PublishSnapshot.fromTemplate(
                                        topic, template, queuesPerBrokerForNewTopics))
                .filter(snapshot -> !snapshot.isEmpty());
    }
}
