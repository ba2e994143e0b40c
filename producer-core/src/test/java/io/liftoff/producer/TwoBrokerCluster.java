package io.liftoff.producer;

import io.liftoff.embedded.EmbeddedRocketMQ;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that gives the reliability tests one cluster per test run: broker-a and
 * broker-b, each its own process, registered with two NameServers. Tests that kill, freeze or stop
 * a server bring it back before they end, so the classes can share it in any order.
 */
final class TwoBrokerCluster implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TwoBrokerCluster.class);

    /** The running servers; {@link #close()} stops them all. */
    record Servers(EmbeddedRocketMQ clusterA, EmbeddedRocketMQ brokerB) implements AutoCloseable {

        /** Both NameServers, {@code host:port;host:port}. */
        String nameServer() {
            return clusterA.nameServerAddress();
        }

        /** Creates {@code topic} with 4 queues on both brokers; returns it. */
        String createTopic(String topic) {
            clusterA.createTopic(topic, 4);
            brokerB.createTopic(topic, 4);
            return topic;
        }

        @Override
        public void close() {
            try {
                brokerB.close();
            } finally {
                clusterA.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Servers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the root store closes AutoCloseable values when the whole run ends
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(Servers.class, key -> start(), Servers.class);
    }

    private static Servers start() {
        // brokers re-register every 10 s (the least they allow), so that a restarted NameServer
        // learns the routes soon
        EmbeddedRocketMQ clusterA =
                EmbeddedRocketMQ.builder()
                        .brokerName("broker-a")
                        .nameServers(2)
                        .brokerProperty("registerNameServerPeriod", "10000")
                        .start();
        try {
            EmbeddedRocketMQ brokerB =
                    EmbeddedRocketMQ.builder()
                            .brokerName("broker-b")
                            .joinNameServer(clusterA.nameServerAddress())
                            .brokerProperty("registerNameServerPeriod", "10000")
                            .start();
            return new Servers(clusterA, brokerB);
        } catch (RuntimeException e) {
            clusterA.close();
            throw e;
        }
    }
}
