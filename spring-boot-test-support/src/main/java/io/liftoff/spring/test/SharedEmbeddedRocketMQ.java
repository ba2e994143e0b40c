package io.liftoff.spring.test;

import io.liftoff.embedded.EmbeddedRocketMQ;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded clusters of a test JVM, one per {@link ClusterSpec}: starting a broker costs
 * seconds, so every test context that asks for the same spec shares it, and all are closed (servers
 * killed, stores deleted) when the JVM exits.
 */
final class SharedEmbeddedRocketMQ {

    private static final Map<ClusterSpec, EmbeddedRocketMQ> clusters = new HashMap<>();

    private SharedEmbeddedRocketMQ() {}

    static synchronized EmbeddedRocketMQ get(ClusterSpec spec) {
        EmbeddedRocketMQ cluster = clusters.get(spec);
        if (cluster == null) {
            cluster = spec.start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(cluster::close, "embedded-rocketmq-shutdown"));
            clusters.put(spec, cluster);
        }
        return cluster;
    }
}
