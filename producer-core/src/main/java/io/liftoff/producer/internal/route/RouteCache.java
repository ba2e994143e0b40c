package io.liftoff.producer.internal.route;

import static java.util.function.Predicate.not;

import io.liftoff.producer.EndpointStatus;
import io.liftoff.producer.internal.concurrent.Await;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * topic without a route is never cached, so the next send asks again; a route whose queues are all
 * read-only is cached as an empty snapshot, which the refreshes replace once one is writable again.
 * A first look-up never blocks (see {@link #publishInfoAsync}); refreshes block the refresher.
 * Thread-safe.
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
    // the look-up of each topic not cached yet that callers wait for; removed once it ends
    private final Map<String, CompletableFuture<Optional<PublishSnapshot>>> firstLookUps =
            new ConcurrentHashMap<>();
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
     * The snapshot of {@code topic}: the cached one, or one looked up now, waiting for it; shares a
     * look-up already under way. For callers that may block; see {@link #publishInfoAsync}.
     *
     * @return the snapshot, which has no queue when the topic's route has only read-only ones;
     *     empty when neither the topic nor the template has a route
     * @throws RouteLookupException when no name server answers
     * @throws io.liftoff.producer.ProducerException when the wait is interrupted
     */
    public Optional<PublishSnapshot> publishInfo(String topic) {
        PublishSnapshot cached = snapshots.get(topic);
        if (cached != null) {
            return Optional.of(cached);
        }
        return Await.outcome(publishInfoAsync(topic), lookUpOf(topic));
    }

    /**
     * The snapshot of {@code topic} without blocking: a completed future when it is cached, else
     * the outcome of a look-up. A topic has at most one first look-up at a time, which every caller
     * meanwhile shares, {@link #publishInfo} included; a snapshot it finds is cached, a failure is
     * forgotten, so the next call asks again. A topic the name server does not know gets the queues
     * of the template topic, so a broker that allows auto-creation creates it on the first send.
     *
     * <p>The look-up is asynchronous from end to end ({@link NameServerClient#queryRouteAsync}): it
     * holds no thread while a name server keeps it waiting, neither the caller's nor the
     * refresher's, so a stalled look-up delays neither scheduled refreshes nor other topics'
     * look-ups, and needs no pool of its own. The future completes on a remoting event loop (or at
     * once on the caller's thread), so what depends on it must not block, or must hop to an
     * executor. When the remoting client closes, its pending requests fail, and so does every
     * pending look-up.
     *
     * @return the snapshot (without queues when the topic's route has only read-only ones), or
     *     empty when neither the topic nor the template has a route; completed exceptionally with
     *     {@link RouteLookupException} when no name server answers. Each caller gets its own
     *     future: completing or cancelling it leaves the others alone
     */
    public CompletableFuture<Optional<PublishSnapshot>> publishInfoAsync(String topic) {
        PublishSnapshot cached = snapshots.get(topic);
        if (cached != null) {
            return CompletableFuture.completedFuture(Optional.of(cached));
        }
        CompletableFuture<Optional<PublishSnapshot>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<PublishSnapshot>> shared = firstLookUps.putIfAbsent(topic, mine);
        if (shared != null) {
            return shared.copy();
        }
        // a look-up that ended since the check above cached its result before it left the map
        PublishSnapshot justCached = snapshots.get(topic);
        if (justCached != null) {
            firstLookUps.remove(topic, mine);
            // a caller may have found it in the map meanwhile
            mine.complete(Optional.of(justCached));
            return mine.copy();
        }
        CompletableFuture<Optional<PublishSnapshot>> lookUp;
        try {
            lookUp = lookUpAsync(topic);
        } catch (RuntimeException e) {
            // never leave a look-up in the map that nothing will complete: its waiters would hang
            lookUp = CompletableFuture.failedFuture(e);
        }
        lookUp.whenComplete(
                (looked, failure) -> {
                    if (failure == null) {
                        looked.ifPresent(snapshot -> snapshots.put(topic, snapshot));
                    }
                    // after caching, so that a caller finds the look-up or the snapshot; before
                    // completing, so that a caller told of a failure asks anew when it calls again
                    firstLookUps.remove(topic, mine);
                    if (failure == null) {
                        mine.complete(looked);
                    } else {
                        mine.completeExceptionally(unwrap(failure));
                    }
                });
        return mine.copy();
    }

    /**
     * The cached snapshot of {@code topic}, or {@code null}: the check every send makes, so it
     * allocates nothing.
     */
    public PublishSnapshot cached(String topic) {
        return snapshots.get(topic);
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

    /**
     * Whether {@code address} is one of the name servers too: a 5.x Proxy, which answers route
     * look-ups with its own address as every broker's.
     */
    public boolean isProxy(String address) {
        return nameServers.statuses().stream().anyMatch(status -> status.address().equals(address));
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
            Await.outcome(lookUpAsync(topic), lookUpOf(topic))
                    .ifPresent(snapshot -> snapshots.put(topic, snapshot));
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

    /**
     * The topic's own route, or the template's when the topic has none (or no queues). A route
     * whose queues lack write permission gives an empty snapshot, not the template's queues: the
     * topic exists, an operator made it read-only, and sending it elsewhere would create it on
     * brokers it was never meant for.
     */
    private CompletableFuture<Optional<PublishSnapshot>> lookUpAsync(String topic) {
        return nameServers
                .queryRouteAsync(topic)
                .thenCompose(
                        route -> {
                            Optional<PublishSnapshot> own =
                                    route.map(found -> PublishSnapshot.of(topic, found))
                                            .filter(
                                                    snapshot ->
                                                            !snapshot.isEmpty()
                                                                    || !snapshot.readOnlyBrokers()
                                                                            .isEmpty());
                            return own.isPresent()
                                    ? CompletableFuture.completedFuture(own)
                                    : lookUpTemplate(topic);
                        });
    }

    private CompletableFuture<Optional<PublishSnapshot>> lookUpTemplate(String topic) {
        return nameServers
                .queryRouteAsync(AUTO_CREATE_TEMPLATE_TOPIC)
                .thenApply(
                        template ->
                                template.map(
                                                found ->
                                                        PublishSnapshot.fromTemplate(
                                                                topic,
                                                                found,
                                                                queuesPerBrokerForNewTopics))
                                        .filter(not(PublishSnapshot::isEmpty)));
    }

    private static String lookUpOf(String topic) {
        return "route look-up of topic '" + topic + "'";
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
    }
}
