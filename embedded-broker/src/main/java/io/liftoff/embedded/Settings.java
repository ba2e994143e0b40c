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
    final Map<String, String> brokerProperties = new LinkedHashMap<>();

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
        copy.brokerProperties.putAll(brokerProperties);
        return copy;
    }
}
