package io.liftoff.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;

/**
 * A RocketMQ 5.x high-availability group in controller mode on 127.0.0.1: one NameServer with the
 * controller embedded ({@code enableControllerInNamesrv}) and two brokers of one {@code
 * brokerName}, each a child JVM with its own ports and store. The controller elects one broker
 * master and the other replicates it synchronously: with {@code allAckInSyncStateSet} the master
 * acknowledges a message only once every broker in the sync-state set has it. When the master dies
 * the controller elects the other broker, which registers with the NameServer as the new master
 * (brokerId 0) under the same name.
 *
 * <pre>{@code
 * try (ControllerGroup group = ControllerGroup.builder().start()) {
 *     group.createTopic("orders", 4);
 *     group.killBroker(group.masterAddress().orElseThrow());
 *     String newMaster = group.awaitMaster(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class ControllerGroup implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern BROKER_ADDRS = Pattern.compile("\"brokerAddrs\":\\{([^}]*)}");
    private static final Pattern MASTER_ENTRY = Pattern.compile("(?:^|,)\"?0\"?:\"([^\"]+)\"");
    private static final Pattern SYNC_STATE_SET = Pattern.compile("\"syncStateSet\":\\[([^]]*)]");

    private final Settings settings;
    private final WorkDirectory workDir;
    private final ServerLauncher launcher;
    private final String nameServerAddress;
    private final String controllerAddress;
    private final List<Integer> brokerPorts;
    private final ServerProcess[] brokers;
    private ServerProcess nameServer;
    private boolean closed;

    private ControllerGroup(Settings settings, WorkDirectory workDir) {
        this.settings = settings;
        this.workDir = workDir;
        this.launcher = new ServerLauncher(settings, workDir, null);
        // one block of free ports: each broker takes its port, the two below it and the one above
        int base = FreePorts.block(2, 10);
        this.brokerPorts = List.of(base, base + 5);
        this.nameServerAddress = "127.0.0.1:" + (base + 8);
        this.controllerAddress = "127.0.0.1:" + (base + 9);
        this.brokers = new ServerProcess[brokerPorts.size()];
    }

    /** A builder with the defaults: broker name {@code broker-a}, 256 MiB heap per server. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:port} of the NameServer, for {@code namesrvAddr}. */
    public String nameServerAddress() {
        return nameServerAddress;
    }

    /** {@code 127.0.0.1:port} of the controller, which the brokers report to. */
    public String controllerAddress() {
        return controllerAddress;
    }

    /** The group's broker name, shared by both brokers. */
    public String brokerName() {
        return settings.brokerName;
    }

    /** {@code 127.0.0.1:port} of each broker's main listener, in start order. */
    public List<String> brokerAddresses() {
        return brokerPorts.stream().map(port -> "127.0.0.1:" + port).toList();
    }

    /**
     * The master's address as the NameServer serves it now (brokerId 0 of the group), or empty
     * while the group has no master, e.g. between the master's death and the next election.
     */
    public Optional<String> masterAddress() {
        AdminCommands.Response info =
                call(nameServerAddress, AdminCommands.GET_BROKER_CLUSTER_INFO, Map.of());
        Matcher addrs = BROKER_ADDRS.matcher(info.body());
        while (addrs.find()) {
            Matcher master = MASTER_ENTRY.matcher(addrs.group(1));
            if (master.find()) {
                return Optional.of(master.group(1));
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until the NameServer serves a master for the group, and returns its address.
     *
     * @throws IllegalStateException when none appears within {@code timeout}
     */
    public String awaitMaster(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> master = masterAddress();
            if (master.isPresent()) {
                return master.get();
            }
            pause();
        }
        throw new IllegalStateException(
                "no master of " + settings.brokerName + " after " + timeout.toSeconds() + " s");
    }

    /**
     * How many brokers the controller counts in the group's sync-state set: those a master waits
     * for before it acknowledges, and the only ones it may elect.
     */
    public int inSyncReplicas() {
        AdminCommands.Response replicas =
                call(
                        controllerAddress,
                        AdminCommands.CONTROLLER_GET_REPLICA_INFO,
                        Map.of("brokerName", settings.brokerName));
        Matcher set = SYNC_STATE_SET.matcher(replicas.body());
        if (replicas.code() != AdminCommands.SUCCESS || !set.find()) {
            return 0;
        }
        return set.group(1).isBlank() ? 0 : set.group(1).split(",").length;
    }

    /**
     * Waits until both brokers run, one is master and both are in the sync-state set, so that a
     * message acknowledged from then on is on both: what a failover test needs before its fault.
     *
     * @throws IllegalStateException when the group does not settle within 90 s
     */
    public synchronized void awaitInSync() {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        awaitMaster(SETTLE_TIMEOUT);
        int inSync = 0;
        while (Instant.now().isBefore(deadline)) {
            inSync = inSyncReplicas();
            if (inSync == brokers.length) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(
                settings.brokerName
                        + " has "
                        + inSync
                        + " of "
                        + brokers.length
                        + " brokers in sync after "
                        + SETTLE_TIMEOUT.toSeconds()
                        + " s");
    }

    /**
     * Creates (or updates) a topic with {@code queues} read and write queues on the master, waits
     * until the NameServer serves its route, and creates it on the running slave too, so that a
     * newly elected master has it without waiting for the slave to copy the master's topics.
     */
    public synchronized void createTopic(String topic, int queues) {
        Objects.requireNonNull(topic, "topic must not be null");
        if (queues < 1) {
            throw new IllegalArgumentException("queues must be at least 1, was " + queues);
        }
        ClusterAdmin admin = admin();
        String master = awaitMaster(SETTLE_TIMEOUT);
        admin.createTopic(master, settings.brokerName, topic, queues, Map.of());
        for (int i = 0; i < brokers.length; i++) {
            String address = brokerAddresses().get(i);
            if (!address.equals(master) && brokers[i].isAlive()) {
                admin.updateTopic(address, topic, queues, Map.of());
            }
        }
    }

    /**
     * Kills the broker at {@code address} with SIGKILL, as a crash would, and keeps its store for
     * {@link #restartBroker(String)}.
     */
    public synchronized void killBroker(String address) {
        brokers[indexOf(address)].close();
    }

    /**
     * Starts the killed broker at {@code address} again on its ports and store; it rejoins the
     * group as a slave of the current master. Does not wait for it to catch up: see {@link
     * #awaitInSync()}.
     */
    public synchronized void restartBroker(String address) {
        int index = indexOf(address);
        if (brokers[index].isAlive()) {
            throw new IllegalStateException(address + " is running; kill it first");
        }
        try {
            brokers[index] = startBroker(index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + address, e);
        }
    }

    /** Stops every server (SIGKILL) and deletes the stores. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        List<ServerProcess> servers = new ArrayList<>(List.of(brokers));
        servers.add(nameServer);
        for (ServerProcess server : servers) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        try {
            workDir.delete();
        } catch (IOException e) {
            failure = first(failure, new UncheckedIOException("cannot delete " + workDir, e));
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "ControllerGroup[nameServer="
                + nameServerAddress
                + ", controller="
                + controllerAddress
                + ", "
                + settings.brokerName
                + "="
                + brokerAddresses()
                + "]";
    }

    private synchronized ControllerGroup start() {
        try {
            nameServer = launcher.startNameServer(nameServerAddress, controllerProperties());
            for (int i = 0; i < brokers.length; i++) {
                brokers[i] = startBroker(i);
            }
            awaitInSync();
            return this;
        } catch (IOException | RuntimeException e) {
            try {
                close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The embedded controller: a DLedger group of one node, which elects itself. */
    private Map<String, String> controllerProperties() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("enableControllerInNamesrv", "true");
        config.put("controllerDLegerGroup", "g1");
        config.put("controllerDLegerPeers", "n0-" + controllerAddress);
        config.put("controllerDLegerSelfId", "n0");
        config.put("controllerStorePath", workDir.path().resolve("controller").toString());
        // the controller's own log files; its default of 1 GiB is sized for servers
        config.put("mappedFileSize", Integer.toString(16 * 1024 * 1024));
        // how often the controller looks for brokers whose heartbeats stopped
        config.put("scanNotActiveBrokerInterval", "1000");
        return config;
    }

    private ServerProcess startBroker(int index) throws IOException {
        int port = brokerPorts.get(index);
        Map<String, String> config = new LinkedHashMap<>();
        // the controller assigns the id and the role; every broker starts as a slave
        config.put("brokerId", "-1");
        config.put("brokerRole", "SLAVE");
        config.put("enableControllerMode", "true");
        config.put("controllerAddr", controllerAddress);
        config.put("haListenPort", Integer.toString(port + 1));
        // acknowledge only what every in-sync replica stored
        config.put("allAckInSyncStateSet", "true");
        config.put("controllerHeartBeatTimeoutMills", "3000");
        return launcher.startBroker(
                settings.brokerName + "-" + index,
                "store-" + index,
                port,
                nameServerAddress,
                config);
    }

    private int indexOf(String address) {
        int index = brokerAddresses().indexOf(address);
        if (index < 0) {
            throw new IllegalArgumentException(
                    address + " is not a broker of this group: " + brokerAddresses());
        }
        return index;
    }

    private ClusterAdmin admin() {
        return new ClusterAdmin(nameServerAddress, SocketFactory.getDefault(), null);
    }

    private static AdminCommands.Response call(
            String address, int code, Map<String, String> fields) {
        try {
            return AdminCommands.call(address, code, fields, ADMIN_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("request " + code + " to " + address + " failed", e);
        }
    }

    private static RuntimeException first(RuntimeException failure, RuntimeException next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the group", e);
        }
    }

    /** Options of a {@link ControllerGroup}; not thread-safe. */
    public static final class Builder {

        private final Settings settings = new Settings();

        private Builder() {}

        /** The name both brokers share; default {@code broker-a}. */
        public Builder brokerName(String brokerName) {
            settings.brokerName = Objects.requireNonNull(brokerName, "brokerName must not be null");
            return this;
        }

        /** Maximum heap of each server JVM in MiB; default 256. */
        public Builder heapMegabytes(int heapMegabytes) {
            if (heapMegabytes < 64) {
                throw new IllegalArgumentException(
                        "heapMegabytes must be at least 64, was " + heapMegabytes);
            }
            settings.heapMegabytes = heapMegabytes;
            return this;
        }

        /** Sets one more {@code broker.conf} property of both brokers. */
        public Builder brokerProperty(String key, String value) {
            settings.brokerProperties.put(
                    Objects.requireNonNull(key, "key must not be null"),
                    Objects.requireNonNull(value, "value must not be null"));
            return this;
        }

        /**
         * Starts the NameServer with its controller and both brokers, and waits until one is master
         * and both are in the sync-state set.
         *
         * @throws IllegalStateException with the server's last output when a server fails to start,
         *     or when the group does not settle
         */
        public ControllerGroup start() {
            WorkDirectory workDir = WorkDirectory.create();
            ControllerGroup group;
            try {
                group = new ControllerGroup(settings.copy(), workDir);
            } catch (RuntimeException e) {
                try {
                    workDir.delete();
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return group.start();
        }
    }
}
