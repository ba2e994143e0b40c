package io.liftoff.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an {@link EmbeddedRocketMQ.Builder} collected; mutable until copied for a cluster. */
final class Settings {
    String brokerName = "broker-a";
    boolean autoCreateTopics = true;
    int heapMegabytes = 256;
    int nameServers = 1;
    String serverClasspath;
    String existingNameServer;
    boolean tls;
    boolean requireClientCertificates;
    AclUser aclAdmin;
    int proxies;
    boolean localProxy;
    final Map<String, String> brokerProperties = new LinkedHashMap<>();
    final Map<String, String> proxyProperties = new LinkedHashMap<>();

    /** Refuses combinations the embedded servers cannot run. */
    void check() {
        if (tls && existingNameServer != null) {
            throw new IllegalStateException(
                    "tls() cannot be combined with joinNameServer(): each TLS cluster has its"
                            + " own CA, which the other NameServer does not trust");
        }
        boolean proxied = proxies > 0 || localProxy;
        if (proxied && (tls || aclAdmin != null)) {
            throw new IllegalStateException(
                    "Proxies cannot be combined with tls() or acl(..): the embedded Proxy is"
                            + " configured for plain, unauthenticated remoting only");
        }
        if (proxies > 0 && localProxy) {
            throw new IllegalStateException(
                    "choose proxies(n) (cluster mode, in front of the broker) or localProxy()"
                            + " (the broker inside the Proxy), not both");
        }
    }

    Settings copy() {
        Settings copy = new Settings();
        copy.brokerName = brokerName;
        copy.autoCreateTopics = autoCreateTopics;
        copy.heapMegabytes = heapMegabytes;
        copy.nameServers = nameServers;
        copy.serverClasspath = serverClasspath;
        copy.existingNameServer = existingNameServer;
        copy.tls = tls;
        copy.requireClientCertificates = requireClientCertificates;
        copy.aclAdmin = aclAdmin;
        copy.proxies = proxies;
        copy.localProxy = localProxy;
        copy.brokerProperties.putAll(brokerProperties);
        copy.proxyProperties.putAll(proxyProperties);
        return copy;
    }
}
