package io.liftoff.producer.internal.client;

import io.liftoff.producer.ConnectionStatus;
import io.liftoff.producer.internal.message.CommitLogRecord;
import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.protocol.CheckTransactionStateHeader;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.RemotingClient;
import io.liftoff.producer.internal.remoting.RemotingOptions;
import io.liftoff.producer.internal.route.AddressServer;
import io.liftoff.producer.internal.route.AddressServerException;
import io.liftoff.producer.internal.route.ClusterBrokers;
import io.liftoff.producer.internal.route.NameServerClient;
import io.liftoff.producer.internal.route.NameServerListUpdater;
import io.liftoff.producer.internal.route.PublishSnapshot;
import io.liftoff.producer.internal.route.RouteCache;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a RocketMQ client that producers share within a process: connections, the route
 * cache, heartbeats and the scheduler that refreshes routes. Producers with equal {@link
 * ClientOptions} get the same instance from {@link #acquire}; the last {@link #releaseProducer}
 * shuts it down. Thread-safe.
 */
public final class ClientInstance {

    /** The instance name that means "derive one per client", as in the official client. */
    public static final String DEFAULT_INSTANCE_NAME = "DEFAULT";

    private static final Logger log = LoggerFactory.getLogger(ClientInstance.class);
    private static final Map<ClientOptions, ClientInstance> INSTANCES = new HashMap<>();
    private static final Duration FIRST_PROBE_DELAY = Duration.ofSeconds(2);

    private final ClientOptions options;
    private final String clientId;
    private final RemotingClient remoting;
    private final RouteCache routes;
    private final ClusterBrokers clusterBrokers;
    private final Heartbeats heartbeats;
    private final ReplyRouter replies;
    private final ScheduledExecutorService scheduler;
    private final Set<String> producerGroups = ConcurrentHashMap.newKeySet();
    // topics warmed up, looked up again at each route refresh while their route is not cached
    private final Set<String> warmUpTopics = ConcurrentHashMap.newKeySet();
    private final Map<String, TransactionCheckListener> checkListeners = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Set<String>>> brokerListeners = new ConcurrentHashMap<>();

    private ClientInstance(ClientOptions options) {
        this.options = options;
        // fetched before anything is started, so that a failure leaves nothing to clean up
        AddressServer addressServer =
                options.nameServerAddressUrl() == null
                        ? null
                        : new AddressServer(
                                options.nameServerAddressUrl(), options.requestTimeout());
        List<String> nameServers =
                addressServer == null ? options.nameServers() : initialList(addressServer);
        String instanceName =
                DEFAULT_INSTANCE_NAME.equals(options.instanceName())
                        ? ClientId.defaultInstanceName()
                        : options.instanceName();
        this.clientId = ClientId.of(instanceName);
        this.remoting =
                new RemotingClient(
                        RemotingOptions.builder()
                                .headerSerialization(options.headerSerialization())
                                .tls(options.tls())
                                .credentials(options.credentials())
                                .build());
        this.heartbeats =
                new Heartbeats(
                        remoting,
                        clientId,
                        () -> Set.copyOf(producerGroups),
                        options.requestTimeout());
        this.replies = new ReplyRouter(clientId);
        replies.serve(remoting);
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "liftoff-client-" + clientId);
                            thread.setDaemon(true);
                            return thread;
                        });
        // refreshes wait for their look-ups, so they run on the scheduler, never an event loop;
        // first look-ups of a send wait on no thread (RouteCache.publishInfoAsync)
        NameServerClient nameServerClient =
                new NameServerClient(remoting, nameServers, options.requestTimeout());
        this.routes =
                new RouteCache(nameServerClient, options.queuesPerBrokerForNewTopics(), scheduler);
        this.clusterBrokers = new ClusterBrokers(nameServerClient);
        if (addressServer != null) {
            NameServerListUpdater updater =
                    new NameServerListUpdater(addressServer, nameServerClient);
            long interval = options.nameServerAddressRefreshInterval().toMillis();
            scheduler.scheduleWithFixedDelay(
                    updater::refresh, interval, interval, TimeUnit.MILLISECONDS);
        }
        remoting.registerHandler(
                RequestCode.CHECK_TRANSACTION_STATE, this::routeTransactionCheck, scheduler);
        long refresh = options.routeRefreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                this::refreshRoutes, refresh, refresh, TimeUnit.MILLISECONDS);
        // a first look soon after start, so that health is known before the first refresh
        scheduler.schedule(
                this::probeNameServers,
                Math.min(refresh, FIRST_PROBE_DELAY.toMillis()),
                TimeUnit.MILLISECONDS);
        long heartbeat = options.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                this::sendHeartbeats, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /** The first list from the address server; without one the client cannot start. */
    private static List<String> initialList(AddressServer addressServer) {
        try {
            return addressServer.fetch();
        } catch (AddressServerException e) {
            throw new AddressServerException(
                    "cannot start without name servers: "
                            + e.getMessage()
                            + ". Check that the address server runs and that"
                            + " nameServerAddressUrl points at it, or set nameServer instead",
                    e);
        }
    }

    /**
     * Registers a producer of {@code group} with the shared instance for {@code options}, creating
     * the instance on first use; both happen under one lock, so a concurrent release cannot shut
     * the instance down in between. Pair with {@link #releaseProducer}. A new instance that takes
     * its name servers from an address server fetches them here, which takes up to the request
     * timeout.
     *
     * @throws IllegalStateException when a producer of that group already runs on that client
     * @throws AddressServerException when the instance is new, takes its name servers from an
     *     address server, and that gives none
     */
    public static ClientInstance register(ClientOptions options, String group) {
        synchronized (INSTANCES) {
            ClientInstance client = INSTANCES.computeIfAbsent(options, ClientInstance::new);
            if (!client.producerGroups.add(group)) {
                throw new IllegalStateException(
                        "producer group '"
                                + group
                                + "' already has a running producer on client "
                                + client.clientId
                                + "; close it first or use another group or instance name");
            }
            return client;
        }
    }

    /**
     * Unregisters {@code group} from every broker this client has used and shuts the instance down
     * when no producer is left. Idempotent per group.
     */
    public void releaseProducer(String group) {
        if (!producerGroups.remove(group)) {
            return;
        }
        checkListeners.remove(group);
        brokerListeners.remove(group);
        unregisterFromBrokers(group);
        synchronized (INSTANCES) {
            if (producerGroups.isEmpty() && INSTANCES.get(options) == this) {
                INSTANCES.remove(options);
                shutdown();
            }
        }
    }

    /** The client id brokers know this client by, {@code ip@instanceName}. */
    public String clientId() {
        return clientId;
    }

    /** The connections of this client. */
    public RemotingClient remoting() {
        return remoting;
    }

    /** The route cache of this client. */
    public RouteCache routes() {
        return routes;
    }

    /**
     * Makes sure {@code brokerAddress} has had a heartbeat, so that it knows this client's groups;
     * cheap after the first call for an address. Never blocks.
     *
     * @return the broker's protocol version, known once its first heartbeat was answered
     */
    public CompletableFuture<Integer> ensureHeartbeat(String brokerAddress) {
        return heartbeats.greet(brokerAddress);
    }

    /**
     * Warms {@code topic} up without blocking: looks its route up and caches it (so that its first
     * send looks nothing up), then gives every master of it its first heartbeat. Until its route is
     * cached, every route refresh tries again, so that a name server that was down at start does
     * not leave the topic's brokers unknown until its first send.
     *
     * @param topic the topic as brokers know it
     * @return the route, or empty when the topic has none; complete once every master's first
     *     heartbeat has ended, whether it was answered or not; completed exceptionally with {@link
     *     io.liftoff.producer.internal.route.RouteLookupException} when no name server answers
     */
    public CompletableFuture<Optional<PublishSnapshot>> warmUp(String topic) {
        warmUpTopics.add(topic);
        return routes.publishInfoAsync(topic)
                .thenCompose(
                        snapshot ->
                                greetAll(
                                                snapshot.map(s -> s.masterAddresses().values())
                                                        .orElse(List.of()))
                                        .thenApply(ignored -> snapshot));
    }

    /**
     * Learns the masters the name servers list, of every cluster, and gives each its first
     * heartbeat, without blocking; from then on the route refresh asks again, and {@link
     * #connectionStatus} lists them and heartbeats reach them, whether sends use them or not.
     *
     * @return broker name to master address; complete once every master's first heartbeat has
     *     ended; completed exceptionally with {@link
     *     io.liftoff.producer.internal.route.RouteLookupException} when no name server answers
     */
    public CompletableFuture<Map<String, String>> discoverBrokers() {
        return clusterBrokers
                .discoverAsync()
                .thenCompose(masters -> greetAll(masters.values()).thenApply(ignored -> masters));
    }

    /** The first heartbeat of each address, ended either way. */
    private CompletableFuture<Void> greetAll(Collection<String> brokerAddresses) {
        return CompletableFuture.allOf(
                brokerAddresses.stream()
                        .map(address -> heartbeats.greet(address).handle((version, e) -> null))
                        .toArray(CompletableFuture<?>[]::new));
    }

    /**
     * Broker name to master address of every broker in a cached route or learnt from the cluster.
     */
    private Map<String, String> knownBrokers() {
        Map<String, String> brokers = new TreeMap<>(clusterBrokers.masters());
        brokers.putAll(routes.brokers());
        return brokers;
    }

    /**
     * Refreshes the route of {@code topic} soon, on this client's scheduler, after a send to it
     * failed for a routing reason; see {@link RouteCache#refreshSoon(String, String)}. Never
     * blocks.
     *
     * @param suspectBroker the broker that may have left, or {@code null}
     */
    public void refreshRouteSoon(String topic, String suspectBroker) {
        routes.refreshSoon(topic, suspectBroker);
    }

    /**
     * Tells {@code listener} the names of the brokers in the cached routes after every scheduled
     * refresh, so that it can forget the others, until the group's producer is released. The
     * listener runs on the scheduler and must be fast.
     */
    public void onBrokersChanged(String group, Consumer<Set<String>> listener) {
        brokerListeners.put(group, listener);
    }

    /**
     * Routes the brokers' transaction check-backs for half messages of {@code group} to {@code
     * listener}, until the group's producer is released.
     */
    public void onTransactionCheck(String group, TransactionCheckListener listener) {
        checkListeners.put(group, listener);
    }

    /** A check-back names its group only in the half message's PGROUP property. */
    private Command routeTransactionCheck(Command request, String brokerAddress) {
        CheckTransactionStateHeader header =
                CheckTransactionStateHeader.fromExtFields(request.extFields());
        CommitLogRecord record = CommitLogRecord.decode(request.body());
        String group = record.properties().get(MessageProperties.PRODUCER_GROUP);
        TransactionCheckListener listener = group == null ? null : checkListeners.get(group);
        if (listener == null) {
            log.warn(
                    "Broker {} asked about transaction {} of group '{}', which has no producer"
                            + " with a TransactionChecker on this client; it stays open",
                    brokerAddress,
                    header.transactionId(),
                    group);
        } else {
            listener.onCheck(header, record, brokerAddress);
        }
        // CHECK_TRANSACTION_STATE is oneway: it never gets a response
        return null;
    }

    /** Where requests of this client's producers wait for the replies brokers push to it. */
    public ReplyRouter replies() {
        return replies;
    }

    private void unregisterFromBrokers(String group) {
        List<CompletableFuture<Command>> pending =
                heartbeats.brokers().stream()
                        .map(
                                broker ->
                                        remoting.invoke(
                                                broker,
                                                Command.request(
                                                        RequestCode.UNREGISTER_CLIENT,
                                                        Map.of(
                                                                "clientID",
                                                                clientId,
                                                                "producerGroup",
                                                                group),
                                                        null),
                                                options.requestTimeout()))
                        .toList();
        for (CompletableFuture<Command> request : pending) {
            try {
                request.join();
            } catch (RuntimeException e) {
                // the broker forgets the group anyway once its heartbeats stop (120 s)
                log.warn("Could not unregister group '{}': {}", group, e.getMessage());
            }
        }
    }

    /**
     * What this client last saw of its name servers and of the masters it knows (of the cached
     * routes and, after {@link #discoverBrokers}, of the cluster); costs no network round trip.
     *
     * @param sendWindows the send window of the asking producer to a broker, by broker name
     */
    public ConnectionStatus connectionStatus(
            Function<String, ConnectionStatus.SendWindowStatus> sendWindows) {
        List<ConnectionStatus.BrokerStatus> brokers =
                knownBrokers().entrySet().stream()
                        .map(
                                broker ->
                                        new ConnectionStatus.BrokerStatus(
                                                broker.getKey(),
                                                heartbeats.statusOf(broker.getValue()),
                                                sendWindows.apply(broker.getKey())))
                        .toList();
        return new ConnectionStatus(routes.nameServerStatuses(), brokers);
    }

    private void probeNameServers() {
        try {
            routes.probeNameServers();
        } catch (RuntimeException e) {
            logFailure("Name-server probe", e);
        }
    }

    private void refreshRoutes() {
        try {
            routes.probeNameServers();
            routes.refreshAll();
            for (String topic : warmUpTopics) {
                if (routes.cached(topic) == null) {
                    // a failure is tried again at the next refresh
                    warmUp(topic);
                }
            }
            clusterBrokers.refresh();
            forgetOfflineBrokers();
            // a broker that joined a route or the cluster is heartbeated before its first send,
            // so that health reports it from the start
            greetAll(knownBrokers().values());
        } catch (RuntimeException e) {
            logFailure("Route refresh", e);
        }
    }

    private static void logFailure(String task, RuntimeException e) {
        // closing interrupts the scheduled tasks: nothing went wrong then
        if (Thread.currentThread().isInterrupted()) {
            log.debug("{} interrupted: {}", task, e.getMessage());
        } else {
            log.warn("{} failed", task, e);
        }
    }

    /**
     * Brokers that neither a cached route nor the cluster lists any more get no heartbeats and no
     * fault records.
     */
    private void forgetOfflineBrokers() {
        Map<String, String> known = knownBrokers();
        Set<String> addresses = new HashSet<>(known.values());
        addresses.addAll(routes.masterAddresses());
        heartbeats.retainOnly(addresses);
        Set<String> brokers = Set.copyOf(known.keySet());
        for (Consumer<Set<String>> listener : brokerListeners.values()) {
            try {
                listener.accept(brokers);
            } catch (RuntimeException e) {
                log.warn("A listener failed on the refreshed broker list {}", brokers, e);
            }
        }
    }

    private void sendHeartbeats() {
        try {
            heartbeats.sendToAll();
        } catch (RuntimeException e) {
            log.warn("Heartbeat round failed", e);
        }
    }

    private void shutdown() {
        scheduler.shutdownNow();
        replies.close();
        remoting.close();
    }
}
