package io.liftoff.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The child JVMs of one embedded cluster, its own NameServers, its broker and its Proxies, each on
 * a port chosen once: a server that a fault test kills starts again where clients and the other
 * servers expect it. Not thread-safe; {@link EmbeddedRocketMQ} guards it.
 */
final class ClusterServers {

    /** A Proxy's own graceful shutdown takes a few seconds; a loaded machine needs more. */
    private static final Duration PROXY_STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final ServerLauncher launcher;
    private final List<String> nameServerAddresses;

    /** The NameServers this cluster runs itself: none when it joined another cluster's. */
    private final ServerProcess[] nameServers;

    private final int brokerPort;
    private ServerProcess broker;

    /**
     * The Proxies' ports: those of the cluster-mode Proxies in front of the broker, or of the one
     * local-mode Proxy the broker runs in.
     */
    private final List<ProxyPorts> proxyPorts;

    /** The cluster-mode Proxies; the local-mode one is {@link #broker}. */
    private final ServerProcess[] proxies;

    /** Chooses the servers' addresses; starts nothing. */
    ClusterServers(Settings settings, ServerLauncher launcher) {
        this.settings = settings;
        this.launcher = launcher;
        List<String> addresses = new ArrayList<>();
        if (settings.existingNameServer != null) {
            addresses.addAll(List.of(settings.existingNameServer.split(";")));
        } else {
            for (int i = 0; i < settings.nameServers; i++) {
                addresses.add("127.0.0.1:" + FreePorts.one());
            }
        }
        this.nameServerAddresses = List.copyOf(addresses);
        this.nameServers =
                new ServerProcess[settings.existingNameServer != null ? 0 : addresses.size()];
        this.brokerPort = FreePorts.block(2, 1);
        List<ProxyPorts> ports = new ArrayList<>();
        for (int i = 0; i < (settings.localProxy ? 1 : settings.proxies); i++) {
            ports.add(ProxyPorts.free());
        }
        this.proxyPorts = List.copyOf(ports);
        this.proxies = new ServerProcess[settings.proxies];
    }

    /** The ports of each Proxy, in start order. */
    List<ProxyPorts> proxyPorts() {
        return proxyPorts;
    }

    /** {@code 127.0.0.1:port} of each NameServer, in start order. */
    List<String> nameServerAddresses() {
        return nameServerAddresses;
    }

    /** The NameServers' addresses separated by {@code ;}, as {@code namesrvAddr} takes them. */
    String nameServerAddress() {
        return String.join(";", nameServerAddresses);
    }

    int brokerPort() {
        return brokerPort;
    }

    /** The broker's process, running or killed; {@code null} before {@link #start()}. */
    ServerProcess broker() {
        return broker;
    }

    /** Starts this cluster's own NameServers, then the broker, each waiting until it runs. */
    void start() throws IOException {
        for (int i = 0; i < nameServers.length; i++) {
            nameServers[i] = launcher.startNameServer(nameServerAddresses.get(i));
        }
        broker = startBroker();
    }

    /** Starts the cluster-mode Proxies, one after the other, each waiting until it runs. */
    void startProxies() throws IOException {
        for (int i = 0; i < proxies.length; i++) {
            proxies[i] = launcher.startProxy(proxyPorts.get(i), nameServerAddress());
        }
    }

    /**
     * Stops cluster-mode Proxy {@code index} as an operator would (SIGTERM, its shutdown hooks run)
     * and waits until its JVM has ended.
     */
    void stopProxy(int index) {
        if (index < 0 || index >= proxies.length) {
            throw new IllegalArgumentException(
                    "this cluster started "
                            + proxies.length
                            + " cluster-mode Proxy(ies); there is no Proxy "
                            + index);
        }
        proxies[index].stopGracefully(PROXY_STOP_TIMEOUT);
    }

    private ServerProcess startBroker() throws IOException {
        return settings.localProxy
                ? launcher.startBrokerInProxy(brokerPort, proxyPorts.get(0), nameServerAddress())
                : launcher.startBroker(brokerPort, nameServerAddress());
    }

    /** Starts the killed broker again on its port and store. */
    void restartBroker() {
        if (broker.isAlive()) {
            throw new IllegalStateException(settings.brokerName + " is running; kill it first");
        }
        try {
            broker = startBroker();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + settings.brokerName, e);
        }
    }

    /** Kills NameServer {@code index} (SIGKILL). */
    void stopNameServer(int index) {
        ownNameServer(index).close();
    }

    /** Starts the stopped NameServer {@code index} again on its port. */
    void startNameServer(int index) {
        if (ownNameServer(index).isAlive()) {
            throw new IllegalStateException(nameServerAddresses.get(index) + " is running");
        }
        try {
            nameServers[index] = launcher.startNameServer(nameServerAddresses.get(index));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot restart NameServer " + nameServerAddresses.get(index), e);
        }
    }

    /**
     * Kills every server that was started, the Proxies and the broker first; goes on past a failure
     * and throws the first, with the later ones suppressed.
     */
    void close() {
        RuntimeException failure = null;
        List<ServerProcess> servers = new ArrayList<>(Arrays.asList(proxies));
        servers.add(broker);
        servers.addAll(Arrays.asList(nameServers));
        for (ServerProcess server : servers) {
            if (server == null) {
                continue;
            }
            try {
                server.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private ServerProcess ownNameServer(int index) {
        if (index < 0 || index >= nameServers.length) {
            throw new IllegalArgumentException(
                    "this cluster started "
                            + nameServers.length
                            + " NameServer(s); there is no NameServer "
                            + index);
        }
        return nameServers[index];
    }
}
