package io.liftoff.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * A real Apache RocketMQ cluster on 127.0.0.1: one NameServer (or several) and one master Broker,
 * optionally with RocketMQ 5.x Proxies, each the official server running in a child JVM with free
 * ports, a temporary store and small memory settings. Fault tests can kill, freeze and restart the
 * servers.
 *
 * <p>Child JVMs (rather than the test's own JVM) keep the broker's logging, system properties and
 * Netty threads away from the code under test, and let fault tests kill or pause a broker. A child
 * halts when this JVM dies, so nothing is left behind even after a crash.
 *
 * <pre>{@code
 * try (EmbeddedRocketMQ rocketmq = EmbeddedRocketMQ.builder().start()) {
 *     rocketmq.createTopic("orders", 4);
 *     String nameServer = rocketmq.nameServerAddress();
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class EmbeddedRocketMQ implements AutoCloseable {

    private final Settings settings;
    private final WorkDirectory workDir;
    private final ClusterTls tls;
    private final ClusterServers servers;
    private boolean closed;

    private EmbeddedRocketMQ(Settings settings, WorkDirectory workDir) throws IOException {
        this.settings = settings;
        this.workDir = workDir;
        this.tls =
                settings.tls
                        ? ClusterTls.create(workDir.path(), settings.requireClientCertificates)
                        : null;
        this.servers = new ClusterServers(settings, new ServerLauncher(settings, workDir, tls));
    }

    /** A builder with the defaults: broker {@code broker-a}, auto-created topics, recall on. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code 127.0.0.1:port} of the NameServer for {@code namesrvAddr}; several joined by {@code
     * ;}.
     */
    public String nameServerAddress() {
        return servers.nameServerAddress();
    }

    /** {@code 127.0.0.1:port} of each NameServer, in start order. */
    public List<String> nameServerAddresses() {
        return servers.nameServerAddresses();
    }

    /** {@code 127.0.0.1:port} of the broker's main listener. */
    public String brokerAddress() {
        return "127.0.0.1:" + servers.brokerPort();
    }

    /**
     * The Proxies, in start order: those of {@link Builder#proxies(int)}, or the one of {@link
     * Builder#localProxy()}; empty without.
     */
    public List<ProxyAddress> proxies() {
        return servers.proxyPorts().stream()
                .map(ports -> new ProxyAddress(ports.remotingAddress(), ports.grpcAddress()))
                .toList();
    }

    /**
     * Stops cluster-mode Proxy {@code index} the way an operator does (SIGTERM: its own shutdown
     * runs) and waits until its JVM has ended; the broker and the other Proxies keep running.
     *
     * @param index the Proxy's position in {@link #proxies()}
     */
    public synchronized void stopProxy(int index) {
        servers.stopProxy(index);
    }

    /** The broker's name, e.g. {@code broker-a}. */
    public String brokerName() {
        return settings.brokerName;
    }

    /**
     * Whether the servers accept TLS only ({@code tls.server.mode=enforcing}): {@link
     * Builder#tls()}.
     */
    public boolean tlsEnforced() {
        return tls != null;
    }

    /**
     * Whether the servers also require a client certificate signed by {@link
     * #certificateAuthority()}, as {@link Builder#requireClientCertificates()} asks.
     */
    public boolean clientCertificatesRequired() {
        return tls != null && tls.requiresClientCertificates();
    }

    /**
     * The throwaway CA that signed the servers' certificate (for 127.0.0.1 and localhost): what a
     * client must trust.
     *
     * @throws IllegalStateException if the cluster does not use TLS
     */
    public CertificateAuthority certificateAuthority() {
        return requireTls().certificateAuthority();
    }

    /**
     * A client certificate signed by {@link #certificateAuthority()}, which the servers accept for
     * mutual TLS.
     *
     * @throws IllegalStateException if the cluster does not use TLS
     */
    public CertificateAuthority.IssuedCertificate clientCertificate() {
        return requireTls().clientCertificate();
    }

    private ClusterTls requireTls() {
        if (tls == null) {
            throw new IllegalStateException(
                    "this cluster does not use TLS; start it with EmbeddedRocketMQ.builder().tls()");
        }
        return tls;
    }

    /**
     * The super user of the broker's ACL, set with {@link Builder#acl}; empty when ACL is off. The
     * cluster's own admin requests are signed with it; pass it to {@link OfficialConsumer} to read
     * messages back.
     */
    public Optional<AclUser> aclAdmin() {
        return Optional.ofNullable(settings.aclAdmin);
    }

    /** The directory holding both servers' stores, configuration and logs. */
    Path workDir() {
        return workDir.path();
    }

    /** The operating-system process id of the broker's JVM, for tests that send it signals. */
    public long brokerPid() {
        return servers.broker().pid();
    }

    /**
     * Freezes the broker's JVM with SIGSTOP: its sockets stay open and accept data, but nothing
     * answers, as with a hung broker. Returns once every thread of the JVM has stopped (on Linux),
     * so that nothing sent afterwards is answered. Pair with {@link #resumeBroker()}.
     */
    public void pauseBroker() {
        servers.broker().signal("STOP");
    }

    /**
     * Lets a broker frozen by {@link #pauseBroker()} run again (SIGCONT), and returns once it
     * answers and the NameServer lists it: a frozen broker can lose its registration for a while,
     * and the tests after a pause expect the cluster as it was.
     */
    public void resumeBroker() {
        servers.broker().signal("CONT");
        admin().awaitBrokerAnswers(brokerAddress());
        awaitNameServer(AdminCommands.GET_BROKER_CLUSTER_INFO, Map.of(), brokerAddress());
    }

    /** Kills the broker's JVM (SIGKILL) as a crash would; its store stays for a restart. */
    public synchronized void killBroker() {
        servers.broker().close();
    }

    /**
     * Starts the broker again on the same ports and store, after {@link #killBroker()}, and waits
     * until the NameServer lists it. It recovers what it stored before the kill.
     */
    public synchronized void restartBroker() {
        servers.restartBroker();
        awaitNameServer(AdminCommands.GET_BROKER_CLUSTER_INFO, Map.of(), brokerAddress());
    }

    /**
     * Kills NameServer {@code index} (SIGKILL); its address then refuses connections.
     *
     * @param index the NameServer's position in {@link #nameServerAddresses()}
     */
    public synchronized void stopNameServer(int index) {
        servers.stopNameServer(index);
    }

    /**
     * Starts NameServer {@code index} again on its port, after {@link #stopNameServer(int)}. It
     * knows no broker until the brokers' next registration ({@code registerNameServerPeriod}).
     */
    public synchronized void startNameServer(int index) {
        servers.startNameServer(index);
    }

    /**
     * Creates (or updates) a topic with {@code queues} read and write queues on the broker and
     * waits until the NameServer serves its route.
     *
     * @param topic the topic name, e.g. {@code orders}
     * @param queues the number of queues, at least 1
     */
    public void createTopic(String topic, int queues) {
        createTopic(topic, queues, Map.of());
    }

    /**
     * Like {@link #createTopic(String, int)}, with topic attributes, e.g. {@code message.type} =
     * {@code DELAY}, which a 5.x Proxy checks sends against.
     *
     * @param attributes attribute names and values, e.g. {@code Map.of("message.type", "NORMAL")}
     */
    public void createTopic(String topic, int queues, Map<String, String> attributes) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(attributes, "attributes must not be null");
        if (queues < 1) {
            throw new IllegalArgumentException("queues must be at least 1, was " + queues);
        }
        admin().createTopic(brokerAddress(), settings.brokerName, topic, queues, attributes);
    }

    /**
     * Creates a normal user of a 5.3 broker's ACL 2.0 that may publish to {@code topics} and do
     * nothing else, for tests of authorization. Needs {@link Builder#acl}.
     *
     * @param publisher the new user's keys
     * @param topics the topics it may publish to
     * @throws IllegalStateException without ACL, or when the broker refuses (e.g. a 4.9 broker,
     *     whose users live in {@code plain_acl.yml})
     */
    public void createPublisher(AclUser publisher, String... topics) {
        Objects.requireNonNull(publisher, "publisher must not be null");
        if (settings.aclAdmin == null) {
            throw new IllegalStateException(
                    "this cluster runs without ACL; start it with EmbeddedRocketMQ.builder().acl(..)");
        }
        admin().createPublisher(brokerAddress(), publisher, List.of(topics));
    }

    /**
     * Stops every server (SIGKILL, which a broker survives like any crash) and deletes the store.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        workDir.deleteAfter(servers::close);
    }

    @Override
    public String toString() {
        return "EmbeddedRocketMQ[nameServer="
                + nameServerAddress()
                + ", "
                + settings.brokerName
                + "="
                + brokerAddress()
                + (tls == null ? "" : ", TLS enforced")
                + "]";
    }

    private synchronized EmbeddedRocketMQ start() {
        try {
            servers.start();
            awaitNameServer(AdminCommands.GET_BROKER_CLUSTER_INFO, Map.of(), settings.brokerName);
            if (settings.proxies > 0) {
                admin().createProxySystemTopic(brokerAddress(), settings.brokerName);
                servers.startProxies();
            }
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

    private void awaitNameServer(int code, Map<String, String> fields, String expected) {
        admin().awaitNameServer(code, fields, expected);
    }

    private ClusterAdmin admin() {
        return new ClusterAdmin(
                servers.nameServerAddresses().get(0),
                tls == null ? SocketFactory.getDefault() : tls.socketFactory(),
                settings.aclAdmin);
    }

    /** Options of an {@link EmbeddedRocketMQ}; not thread-safe. */
    public static final class Builder {

        private final Settings settings = new Settings();

        private Builder() {}

        /** The broker's name; default {@code broker-a}. */
        public Builder brokerName(String brokerName) {
            settings.brokerName = Objects.requireNonNull(brokerName, "brokerName must not be null");
            return this;
        }

        /**
         * Whether a send to an unknown topic creates it (the broker's {@code
         * autoCreateTopicEnable}); default {@code true}.
         */
        public Builder autoCreateTopics(boolean autoCreateTopics) {
            settings.autoCreateTopics = autoCreateTopics;
            return this;
        }

        /**
         * Starts only a broker, registered with the NameServer of another embedded cluster, so that
         * tests can run several brokers under one NameServer; {@link #close()} then leaves that
         * NameServer running.
         *
         * @param nameServerAddress {@code 127.0.0.1:port} of the running NameServer, or several
         *     separated by {@code ;}
         */
        public Builder joinNameServer(String nameServerAddress) {
            settings.existingNameServer =
                    Objects.requireNonNull(nameServerAddress, "nameServerAddress must not be null");
            return this;
        }

        /**
         * How many NameServers to start, each on its own port; default 1. The broker registers with
         * all of them.
         */
        public Builder nameServers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("nameServers must be at least 1, was " + count);
            }
            settings.nameServers = count;
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

        /**
         * The classpath of the official NameServer and Broker to run, e.g. RocketMQ 4.9.x
         * artifacts; default: this JVM's classpath, which holds RocketMQ 5.x.
         */
        public Builder serverClasspath(String classpath) {
            settings.serverClasspath =
                    Objects.requireNonNull(classpath, "classpath must not be null").strip();
            return this;
        }

        /**
         * Like {@link #serverClasspath(String)}, read from a file such as the one {@code mvn
         * dependency:build-classpath} writes.
         */
        public Builder serverClasspathFile(Path file) {
            try {
                return serverClasspath(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the server classpath from " + file + "; build it first", e);
            }
        }

        /**
         * Turns the broker's ACL on, with one super user that may do everything: on 5.3 ACL 2.0
         * (authentication and authorization; more users can be created with the official admin
         * tools), on 4.9 the plain ACL ({@code aclEnable} and an admin account in {@code
         * conf/plain_acl.yml}). Every request then needs a signature; unsigned ones are refused.
         * NameServers do not check ACL.
         *
         * @param accessKey the super user's access key: more than 6 letters, digits, '_' or '-'
         * @param secretKey its secret key, likewise
         */
        public Builder acl(String accessKey, String secretKey) {
            settings.aclAdmin = new AclUser(accessKey, secretKey);
            return this;
        }

        /** Sets one more {@code broker.conf} property, overriding the embedded default. */
        public Builder brokerProperty(String key, String value) {
            settings.brokerProperties.put(
                    Objects.requireNonNull(key, "key must not be null"),
                    Objects.requireNonNull(value, "value must not be null"));
            return this;
        }

        /**
         * Makes both servers accept TLS connections only ({@code tls.server.mode=enforcing}), with
         * a certificate for 127.0.0.1 signed by a throwaway CA ({@link #certificateAuthority()})
         * that is created in the work directory and deleted with it. The broker registers with the
         * NameServer over TLS too. Not with {@link #joinNameServer(String)}.
         */
        public Builder tls() {
            settings.tls = true;
            return this;
        }

        /**
         * Like {@link #tls()}, and the servers also require a client certificate signed by the
         * cluster's CA ({@code tls.server.need.client.auth=require}): mutual TLS. {@link
         * #clientCertificate()} is one.
         */
        public Builder requireClientCertificates() {
            settings.tls = true;
            settings.requireClientCertificates = true;
            return this;
        }

        /**
         * Starts {@code count} RocketMQ 5.x Proxies in cluster mode in front of the NameServer and
         * the broker, each with a remoting and a gRPC port of its own ({@link #proxies()}); default
         * none. Needs a server classpath with {@code rocketmq-proxy}, such as the {@code
         * rocketmq55-classpath} module's. Not with {@link #tls()}, {@link #acl} or {@link
         * #localProxy()}.
         */
        public Builder proxies(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("proxies must not be negative, was " + count);
            }
            settings.proxies = count;
            return this;
        }

        /**
         * Runs the broker inside a RocketMQ 5.x Proxy in local mode ({@code ProxyStartup -pm
         * local}), one JVM with the Proxy's remoting and gRPC ports ({@link #proxies()}) and the
         * broker's own. Needs a server classpath with {@code rocketmq-proxy}. Not with {@link
         * #tls()}, {@link #acl} or {@link #proxies(int)}.
         */
        public Builder localProxy() {
            settings.localProxy = true;
            return this;
        }

        /**
         * Sets one more {@code rmq-proxy.json} property of every Proxy, e.g. {@code
         * enableTopicMessageTypeCheck} = {@code false}, overriding the embedded default.
         */
        public Builder proxyProperty(String key, String value) {
            settings.proxyProperties.put(
                    Objects.requireNonNull(key, "key must not be null"),
                    Objects.requireNonNull(value, "value must not be null"));
            return this;
        }

        /**
         * Starts the NameServer and the broker and waits until the broker is registered.
         *
         * @throws IllegalStateException with the server's last output when a server fails to start
         */
        public EmbeddedRocketMQ start() {
            settings.check();
            WorkDirectory workDir = WorkDirectory.create();
            EmbeddedRocketMQ cluster;
            try {
                cluster = new EmbeddedRocketMQ(settings.copy(), workDir);
            } catch (IOException | RuntimeException e) {
                try {
                    workDir.delete();
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e instanceof IOException io
                        ? new UncheckedIOException("cannot prepare the cluster", io)
                        : (RuntimeException) e;
            }
            return cluster.start();
        }
    }
}
