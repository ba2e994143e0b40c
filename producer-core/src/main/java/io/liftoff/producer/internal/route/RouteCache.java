package io.liftoff.producer.internal.route;

import io.liftoff.producer.EndpointStatus;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish snapshot of every topic this client writes to. A topic enters the cache on its first
 * send; {@link #refreshAll()} replaces each snapshot with one built from a fresh route, and {@link
 * #refreshSoon(String, String)} does so for one topic after a send failed for a routing reason. A
 * fresh snapshot lists only the brokers the name server still lists, so brokers that left drop out.
 * A failed look-up keeps the cached snapshot: sends go on while every name server is unreachable. A
 * topic without a route is never cached, so the next send asks again. Thread-safe.
 */
public final class RouteCache {

    /** The template topic a broker with auto-creation enabled creates missing topics from. */
    public static final String AUTO_CREATE_TEMPLATE_TOPIC = "TBW102";

    /** Refreshes of one topic that failures ask for are at least this far apart. */
    static final Duration MIN_REFRESH_GAP = Duration.ofMillis(500);

    /** Look-ups after the first while the route still lists the broker that failed. */
    static final int FOLLOW_UPS = 3;

    private static final Logger log = LoggerFactory.getLogger(RouteCache.class);

    private final NameServerClient nameServers;
    private final int queuesPerBrokerForNewTopics;
    private final ScheduledExecutorService refresher;
    private final Map<String, PublishSnapshot> snapshots = new ConcurrentHashMap<>();
    // topics with a refresh scheduled or running, and when each one's last refresh started
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastRefreshStart = new ConcurrentHashMap<>();
    // topics whose last refresh failed, so that an outage is logged once
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /**
     * @param nameServers where routes come from, must not be {@code null}
     * @param queuesPerBrokerForNewTopics queues per broker a topic created from the template gets
     * @param refresher runs the refreshes {@link #refreshSoon} asks for, must not be {@code null}
     */
    public RouteCache(
            NameServerClient nameServers,
            int queuesPerBrokerForNewTopics,
            ScheduledExecutorService refresher) {
        this.nameServers = nameServers;
        this.queuesPerBrokerForNewTopics = queuesPerBrokerForNewTopics;
        this.refresher = refresher;
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
            refresh(topic);
        }
    }

    /**
     * Looks up {@code topic} again on the refresher, soon, without blocking the caller: at once,
     * unless its last refresh started less than {@link #MIN_REFRESH_GAP} ago. Requests while one is
     * pending are merged into it, so a burst of failed sends costs one look-up. A topic not cached
     * is ignored: its next send looks it up anyway.
     *
     * <p>A name server learns that a broker died when the broker's connection to it drops, which
     * can be a moment after a client saw it; so while the fresh route still lists {@code
     * suspectBroker}, up to {@link #FOLLOW_UPS} more look-ups follow, {@link #MIN_REFRESH_GAP}
     * apart.
     *
     * @param suspectBroker the broker that failed to take a send, or {@code null} when the failure
     *     says nothing about the broker being gone (e.g. the topic is not writable there)
     */
    public void refreshSoon(String topic, String suspectBroker) {
        if (!snapshots.containsKey(topic) || !refreshing.add(topic)) {
            return;
        }
        Long last = lastRefreshStart.get(topic);
        long sinceLast = last == null ? Long.MAX_VALUE : System.nanoTime() - last;
        schedule(
                topic,
                suspectBroker,
                FOLLOW_UPS,
                Math.max(0, MIN_REFRESH_GAP.toNanos() - sinceLast));
    }

    private void schedule(String topic, String suspectBroker, int followUps, long delayNanos) {
        try {
            refresher.schedule(
                    () -> refreshAndFollowUp(topic, suspectBroker, followUps),
                    delayNanos,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the client is shutting down; there is nothing left to refresh for
            refreshing.remove(topic);
            log.debug("Route refresh of topic '{}' not scheduled: {}", topic, e.getMessage());
        }
    }

    private void refreshAndFollowUp(String topic, String suspectBroker, int followUps) {
        boolean again = false;
        try {
            refresh(topic);
            PublishSnapshot fresh = snapshots.get(topic);
            again =
                    followUps > 0
                            && suspectBroker != null
                            && fresh != null
                            && fresh.masterAddresses().containsKey(suspectBroker);
        } finally {
            if (again) {
                schedule(topic, suspectBroker, followUps - 1, MIN_REFRESH_GAP.toNanos());
            } else {
                refreshing.remove(topic);
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

    private void refresh(String topic) {
        lastRefreshStart.put(topic, System.nanoTime());
        try {
            lookUp(topic).ifPresent(snapshot -> snapshots.put(topic, snapshot));
            if (failing.remove(topic)) {
                log.info("Route of topic '{}' refreshed again", topic);
            }
        } catch (RuntimeException e) {
            // once per outage, not once per refresh: name servers can be down for long
            if (failing.add(topic)) {
                log.warn("Keeping the cached route of topic '{}': {}", topic, e.getMessage());
            } else {
                log.debug("Keeping the cached route of topic '{}': {}", topic, e.getMessage());
            }
        }
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
