package io.liftoff.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real Apache RocketMQ cluster on 127.0.0.1: one NameServer and one master Broker, each the
 * official server running in a child JVM with free ports, a temporary store and small memory
 * settings.
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

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final WorkDirectory workDir;
    private final String nameServerAddress;
    private final int brokerPort;
    private ServerProcess nameServer;
    private ServerProcess broker;
    private boolean closed;

    private EmbeddedRocketMQ(Settings settings, WorkDirectory workDir) {
        this.settings = settings;
        this.workDir = workDir;
        this.nameServerAddress =
                settings.existingNameServer != null
                        ? settings.existingNameServer
                        : "127.0.0.1:" + FreePorts.one();
        this.brokerPort = FreePorts.block(2, 1);
    }

    /**
     * A builder with the defaults: broker {@code broker-a}, topic auto-creation and message recall
     * (5.3.2+) enabled.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:port} of the NameServer, for {@code namesrvAddr}. */
    public String nameServerAddress() {
        return nameServerAddress;
    }

    /** {@code 127.0.0.1:port} of the broker's main listener. */
    public String brokerAddress() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The broker's name, e.g. {@code broker-a}. */
    public String brokerName() {
        return settings.brokerName;
    }

    /** The directory holding both servers' stores, configuration and logs. */
    Path workDir() {
        return workDir.path();
    }

    /** The operating-system process id of the broker's JVM, for tests that send it signals. */
    public long brokerPid() {
        return broker.pid();
    }

    /**
     * Freezes the broker's JVM with SIGSTOP: its sockets stay open and accept data, but nothing
     * answers, as with a hung broker. Pair with {@link #resumeBroker()}.
     */
    public void pauseBroker() {
        broker.signal("STOP");
    }

    /** Lets a broker frozen by {@link #pauseBroker()} run again (SIGCONT). */
    public void resumeBroker() {
        broker.signal("CONT");
    }

    /**
     * Creates (or updates) a topic with {@code queues} read and write queues on the broker and
     * waits until the NameServer serves its route.
     *
     * @param topic the topic name, e.g. {@code orders}
     * @param queues the number of queues, at least 1
     */
    public void createTopic(String topic, int queues) {
        Objects.requireNonNull(topic, "topic must not be null");
        if (queues < 1) {
            throw new IllegalArgumentException("queues must be at least 1, was " + queues);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("topic", topic);
        fields.put("defaultTopic", "TBW102");
        fields.put("readQueueNums", Integer.toString(queues));
        fields.put("writeQueueNums", Integer.toString(queues));
        fields.put("perm", "6");
        fields.put("topicFilterType", "SINGLE_TAG");
        fields.put("topicSysFlag", "0");
        fields.put("order", "false");
        AdminCommands.Response response =
                admin(brokerAddress(), AdminCommands.UPDATE_AND_CREATE_TOPIC, fields);
        if (response.code() != AdminCommands.SUCCESS) {
            throw new IllegalStateException(
                    "creating topic "
                            + topic
                            + " failed: "
                            + response.code()
                            + " "
                            + response.remark());
        }
        awaitNameServer(
                AdminCommands.GET_ROUTEINFO_BY_TOPIC,
                Map.of("topic", topic),
                // queue data fields are written in alphabetical order: brokerName, perm, ...
                "\"brokerName\":\"" + settings.brokerName + "\",\"perm\"");
    }

    /**
     * Stops both servers (SIGKILL, which a broker survives like any crash) and deletes the store.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (ServerProcess server : new ServerProcess[] {broker, nameServer}) {
            if (server == null) {
                continue;
            }
            try {
                server.close();
            } catch (RuntimeException e) {
                failure = addTo(failure, e);
            }
        }
        try {
            workDir.delete();
        } catch (IOException e) {
            failure = addTo(failure, new UncheckedIOException("cannot delete " + workDir, e));
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "EmbeddedRocketMQ[nameServer="
                + nameServerAddress()
                + ", "
                + settings.brokerName
                + "="
                + brokerAddress()
                + "]";
    }

    private synchronized EmbeddedRocketMQ start() {
        try {
            workDir.writeLogbackConfigs();
            if (settings.existingNameServer == null) {
                nameServer =
                        ServerProcess.start(
                                "namesrv",
                                workDir.path(),
                                classpath(),
                                jvmOptions(),
                                List.of("namesrv", "-c", writeNameServerConfig().toString()),
                                "The Name Server boot success",
                                START_TIMEOUT);
            }
            broker =
                    ServerProcess.start(
                            settings.brokerName,
                            workDir.path(),
                            classpath(),
                            jvmOptions(),
                            List.of(
                                    "broker",
                                    "-c",
                                    writeBrokerConfig().toString(),
                                    "-n",
                                    nameServerAddress()),
                            "boot success",
                            START_TIMEOUT);
            awaitNameServer(AdminCommands.GET_BROKER_CLUSTER_INFO, Map.of(), settings.brokerName);
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

    private String classpath() {
        if (settings.serverClasspath == null) {
            return System.getProperty("java.class.path");
        }
        try {
            Path launcher =
                    Path.of(
                            RocketMQProcessMain.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            return settings.serverClasspath + File.pathSeparator + launcher;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the embedded-broker classes", e);
        }
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-Xms64m");
        options.add("-Xmx" + settings.heapMegabytes + "m");
        options.add("-XX:MaxDirectMemorySize=256m");
        options.add("-XX:+UseSerialGC");
        options.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        options.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        options.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        return options;
    }

    private Path writeNameServerConfig() throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(
                "listenPort", nameServerAddress.substring(nameServerAddress.lastIndexOf(':') + 1));
        config.put("bindAddress", "127.0.0.1");
        config.put("kvConfigPath", workDir.path().resolve("namesrv/kvConfig.json").toString());
        return workDir.writeProperties("namesrv.conf", config);
    }

    private Path writeBrokerConfig() throws IOException {
        Path store = workDir.path().resolve("store");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("brokerClusterName", "DefaultCluster");
        config.put("brokerName", settings.brokerName);
        config.put("brokerId", "0");
        config.put("listenPort", Integer.toString(brokerPort));
        config.put("brokerIP1", "127.0.0.1");
        config.put("brokerIP2", "127.0.0.1");
        config.put("bindAddress", "127.0.0.1");
        config.put("autoCreateTopicEnable", Boolean.toString(settings.autoCreateTopics));
        config.put("storePathRootDir", store.toString());
        config.put("storePathCommitLog", store.resolve("commitlog").toString());
        config.put("flushDiskType", "ASYNC_FLUSH");
        config.put("mappedFileSizeCommitLog", Integer.toString(64 * 1024 * 1024));
        config.put("mappedFileSizeConsumeQueue", Integer.toString(300_000 * 20));
        config.put("mappedFileSizeTimerLog", Integer.toString(16 * 1024 * 1024));
        config.put("maxHashSlotNum", "50000");
        config.put("maxIndexNum", "200000");
        config.put("diskMaxUsedSpaceRatio", "95");
        config.put("sendMessageThreadPoolNums", "2");
        config.put("pullMessageThreadPoolNums", "4");
        // 5.3.2+ brokers refuse RECALL_MESSAGE unless enabled; older brokers ignore the key
        config.put("recallMessageEnable", "true");
        config.putAll(settings.brokerProperties);
        return workDir.writeProperties("broker.conf", config);
    }

    private void awaitNameServer(int code, Map<String, String> fields, String expected) {
        Instant deadline = Instant.now().plus(ROUTE_TIMEOUT);
        AdminCommands.Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = admin(nameServerAddress(), code, fields);
            if (last.code() == AdminCommands.SUCCESS && last.body().contains(expected)) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(
                "NameServer "
                        + nameServerAddress()
                        + " does not serve '"
                        + expected
                        + "' after "
                        + ROUTE_TIMEOUT.toSeconds()
                        + " s; last answer: "
                        + last);
    }

    private static AdminCommands.Response admin(
            String address, int code, Map<String, String> fields) {
        try {
            return AdminCommands.call(address, code, fields, ADMIN_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("request " + code + " to " + address + " failed", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the NameServer", e);
        }
    }

    private static RuntimeException addTo(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
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
         * @param nameServerAddress {@code 127.0.0.1:port} of the running NameServer
         */
        public Builder joinNameServer(String nameServerAddress) {
            settings.existingNameServer =
                    Objects.requireNonNull(nameServerAddress, "nameServerAddress must not be null");
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

        /** Sets one more {@code broker.conf} property, overriding the embedded default. */
        public Builder brokerProperty(String key, String value) {
            settings.brokerProperties.put(
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
            return new EmbeddedRocketMQ(settings.copy(), WorkDirectory.create()).start();
        }
    }

    private static final class Settings {
        private String brokerName = "broker-a";
        private boolean autoCreateTopics = true;
        private int heapMegabytes = 256;
        private String serverClasspath;
        private String existingNameServer;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        Settings copy() {
            Settings copy = new Settings();
            copy.brokerName = brokerName;
            copy.autoCreateTopics = autoCreateTopics;
            copy.heapMegabytes = heapMegabytes;
            copy.serverClasspath = serverClasspath;
            copy.existingNameServer = existingNameServer;
            copy.brokerProperties.putAll(brokerProperties);
            return copy;
        }
    }
}
