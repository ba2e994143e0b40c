package io.liftoff.spring.test;

import io.liftoff.embedded.EmbeddedRocketMQ;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What makes one embedded cluster differ from another: TLS, ACL and broker properties. Equal specs
 * share a cluster; topics do not matter, they are created on whichever cluster serves.
 *
 * @param tls whether the servers enforce TLS
 * @param acl whether the broker checks ACL
 * @param brokerProperties extra {@code broker.conf} properties, sorted
 */
record ClusterSpec(boolean tls, boolean acl, Map<String, String> brokerProperties) {

    private static final String ACL_ADMIN = "embedded-admin";

    ClusterSpec {
        brokerProperties = Map.copyOf(brokerProperties);
    }

    /**
     * Returns the spec of {@code tls}, {@code acl} and {@code key=value} broker properties.
     *
     * @throws IllegalArgumentException naming an entry that is not {@code key=value}
     */
    static ClusterSpec of(boolean tls, boolean acl, String... brokerProperties) {
        Map<String, String> properties = new TreeMap<>();
        for (String entry : brokerProperties) {
            int equals = entry.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(
                        "embedded RocketMQ broker property '"
                                + entry
                                + "' must be 'key=value', e.g. 'maxMessageSize=65536'");
            }
            properties.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
        }
        return new ClusterSpec(tls, acl, properties);
    }

    /** Starts a cluster of this spec; an ACL super user gets a fresh secret key. */
    EmbeddedRocketMQ start() {
        EmbeddedRocketMQ.Builder builder = EmbeddedRocketMQ.builder();
        if (this.tls) {
            builder.tls();
        }
        if (this.acl) {
            builder.acl(ACL_ADMIN, "secret-" + UUID.randomUUID());
        }
        new TreeMap<>(this.brokerProperties).forEach(builder::brokerProperty);
        return builder.start();
    }
}
