package io.liftoff.embedded;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the official NameServer, Broker and Proxy of one embedded cluster in child JVMs: their
 * configuration files, JVM options and classpath. Starting a server again reuses its configuration,
 * ports and store, as a restarted server would.
 */
final class ServerLauncher {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** What {@code ProxyStartup} prints once both its listeners run. */
    private static final String PROXY_READY = "rocketmq-proxy startup successfully";

    private final Settings settings;
    private final WorkDirectory workDir;
    private final ClusterTls tls;

    /**
     * @param tls the cluster's TLS certificates, or {@code null} for plain TCP
     */
    ServerLauncher(Settings settings, WorkDirectory workDir, ClusterTls tls) {
        this.settings = settings;
        this.workDir = workDir;
        this.tls = tls;
    }

    /** Starts a NameServer listening on {@code address}'s port and waits until it runs. */
    ServerProcess startNameServer(String address) throws IOException {
        return startNameServer(address, Map.of());
    }

    /**
     * Starts a NameServer listening on {@code address}'s port with {@code properties} added to its
     * configuration (e.g. the embedded controller's), and waits until it runs.
     */
    ServerProcess startNameServer(String address, Map<String, String> properties)
            throws IOException {
        workDir.writeLogbackConfigs();
        return ServerProcess.start(
                "namesrv-" + address.substring(address.lastIndexOf(':') + 1),
                workDir.path(),
                classpath(),
                jvmOptions(),
                List.of("namesrv", "-c", writeNameServerConfig(address, properties).toString()),
                "The Name Server boot success",
                START_TIMEOUT);
    }

    /**
     * Starts the broker on {@code port}, registering with {@code nameServers}, and waits until it
     * runs; its store survives earlier runs.
     *
     * @param nameServers {@code host:port} of each NameServer, separated by {@code ;}
     */
    ServerProcess startBroker(int port, String nameServers) throws IOException {
        return startBroker(settings.brokerName, "store", port, nameServers, Map.of());
    }

    /**
     * Starts one broker of several that share this launcher's work directory, and waits until it
     * runs; its store survives earlier runs.
     *
     * @param name the process's name, also the name of its log and configuration files
     * @param store the store's directory, relative to the work directory
     * @param properties {@code broker.conf} properties that override the embedded defaults and the
     *     builder's, e.g. a controller-mode member's
     */
    ServerProcess startBroker(
            String name, String store, int port, String nameServers, Map<String, String> properties)
            throws IOException {
        workDir.writeLogbackConfigs();
        Path config = writeBrokerConfig(name, store, port, properties);
        return ServerProcess.start(
                name,
                workDir.path(),
                classpath(),
                jvmOptions(),
                List.of("broker", "-c", config.toString(), "-n", nameServers),
                "boot success",
                START_TIMEOUT);
    }

    /**
     * Starts a Proxy in cluster mode in front of {@code nameServers} and their brokers, and waits
     * until it runs.
     */
    ServerProcess startProxy(ProxyPorts ports, String nameServers) throws IOException {
        return ServerProcess.start(
                "proxy-" + ports.remoting(),
                workDir.path(),
                classpath(),
                jvmOptions(),
                List.of(
                        "proxy",
                        "-pm",
                        "cluster",
                        "-pc",
                        writeProxyConfig(ports, nameServers).toString()),
                PROXY_READY,
                START_TIMEOUT);
    }

    /**
     * Starts the broker on {@code port} inside a Proxy in local mode listening on {@code ports},
     * and waits until both run; the broker registers with {@code nameServers}.
     */
    ServerProcess startBrokerInProxy(int port, ProxyPorts ports, String nameServers)
            throws IOException {
        workDir.writeLogbackConfigs();
        return ServerProcess.start(
                settings.brokerName + "-in-proxy-" + ports.remoting(),
                workDir.path(),
                classpath(),
                jvmOptions(),
                List.of(
                        "proxy",
                        "-pm",
                        "local",
                        "-bc",
                        writeBrokerConfig(settings.brokerName, "store", port, Map.of()).toString(),
                        "-pc",
                        writeProxyConfig(ports, nameServers).toString(),
                        "-n",
                        nameServers),
                PROXY_READY,
                START_TIMEOUT);
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
        if (tls != null) {
            options.addAll(tls.serverJvmOptions());
        }
        return options;
    }

    private Path writeNameServerConfig(String address, Map<String, String> properties)
            throws IOException {
        String port = address.substring(address.lastIndexOf(':') + 1);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listenPort", port);
        config.put("bindAddress", "127.0.0.1");
        config.put(
                "kvConfigPath",
                workDir.path().resolve("namesrv-" + port + "/kvConfig.json").toString());
        config.putAll(properties);
        return workDir.writeProperties("namesrv-" + port + ".conf", config);
    }

    private Path writeBrokerConfig(
            String name, String storeDir, int port, Map<String, String> properties)
            throws IOException {
        Path store = workDir.path().resolve(storeDir);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("brokerClusterName", "DefaultCluster");
        config.put("brokerName", settings.brokerName);
        config.put("brokerId", "0");
        config.put("listenPort", Integer.toString(port));
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
        if (settings.aclAdmin != null) {
            config.putAll(aclProperties(settings.aclAdmin));
            workDir.writePlainAcl(settings.aclAdmin);
        }
        config.putAll(settings.brokerProperties);
        config.putAll(properties);
        return workDir.writeProperties(name + ".conf", config);
    }

    /**
     * The Proxy's {@code rmq-proxy.json}: every address 127.0.0.1 (its default is the machine's
     * first non-loopback address, which it would also put into routes), then the settings' own
     * properties. Its listeners still bind all interfaces: 5.5.0 has no setting for that.
     */
    private Path writeProxyConfig(ProxyPorts ports, String nameServers) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("rocketMQClusterName", "DefaultCluster");
        config.put("namesrvAddr", nameServers);
        config.put("remotingListenPort", Integer.toString(ports.remoting()));
        config.put("grpcServerPort", Integer.toString(ports.grpc()));
        config.put("localServeAddr", "127.0.0.1");
        config.put("remotingAccessAddr", "127.0.0.1");
        // a graceful stop waits this long for gRPC calls, which the tests do not make (default 30)
        config.put("grpcShutdownTimeSeconds", "1");
        config.putAll(settings.proxyProperties);
        return workDir.writeJson("proxy-" + ports.remoting() + ".json", config);
    }

    /**
     * ACL with {@code admin} as its super user, for either server generation; each ignores the
     * other's keys. 5.3 (ACL 2.0): authentication and authorization with users and policies kept in
     * the broker's store, {@code admin} created at start and used by the broker's own clients too.
     * 4.9: {@code aclEnable} with the accounts of {@code conf/plain_acl.yml}.
     */
    private static Map<String, String> aclProperties(AclUser admin) {
        String auth = "org.apache.rocketmq.auth.";
        Map<String, String> config = new LinkedHashMap<>();
        config.put("authenticationEnabled", "true");
        config.put(
                "authenticationProvider",
                auth + "authentication.provider.DefaultAuthenticationProvider");
        config.put(
                "authenticationMetadataProvider",
                auth + "authentication.provider.LocalAuthenticationMetadataProvider");
        config.put(
                "initAuthenticationUser",
                "{\"username\":\""
                        + admin.accessKey()
                        + "\",\"password\":\""
                        + admin.secretKey()
                        + "\"}");
        config.put(
                "innerClientAuthenticationCredentials",
                "{\"accessKey\":\""
                        + admin.accessKey()
                        + "\",\"secretKey\":\""
                        + admin.secretKey()
                        + "\"}");
        config.put("authorizationEnabled", "true");
        config.put(
                "authorizationProvider",
                auth + "authorization.provider.DefaultAuthorizationProvider");
        config.put(
                "authorizationMetadataProvider",
                auth + "authorization.provider.LocalAuthorizationMetadataProvider");
        config.put("aclEnable", "true");
        return config;
    }
}
