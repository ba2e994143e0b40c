package io.liftoff.spring.test;

import io.liftoff.embedded.EmbeddedRocketMQ;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test context at a shared embedded RocketMQ of its {@link ClusterSpec}: creates the
 * topics, registers the cluster and an {@link EmbeddedRocketMQConnectionDetails} as beans, and
 * publishes the name-server address under the property asked for. Customizers of the same
 * configuration are equal, so Spring's test-context cache reuses the context.
 *
 * @param cluster the cluster to share
 * @param topics the topics to create, {@code name} or {@code name:queues}
 * @param nameServerProperty the property to publish the address under, empty for none
 */
record EmbeddedRocketMQContextCustomizer(
        ClusterSpec cluster, List<String> topics, String nameServerProperty)
        implements ContextCustomizer {

    static final String ORIGIN = "@WithEmbeddedRocketMQ";

    private static final String PROPERTY_SOURCE = "embeddedRocketMQ";

    EmbeddedRocketMQContextCustomizer {
        topics = List.copyOf(topics);
        // parse early: a malformed topic fails the test's configuration, not its first send
        topics.forEach(TopicSpec::parse);
    }

    /** Returns the customizer of {@code annotation}. */
    static EmbeddedRocketMQContextCustomizer of(WithEmbeddedRocketMQ annotation) {
        return new EmbeddedRocketMQContextCustomizer(
                ClusterSpec.of(annotation.tls(), annotation.acl(), annotation.brokerProperties()),
                List.of(annotation.topics()),
                annotation.nameServerProperty().strip());
    }

    @Override
    public void customizeContext(
            ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        EmbeddedRocketMQ rocketmq = SharedEmbeddedRocketMQ.get(this.cluster);
        this.topics.stream().map(TopicSpec::parse).forEach((topic) -> topic.createOn(rocketmq));
        if (!this.nameServerProperty.isEmpty()) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(
                            new MapPropertySource(
                                    PROPERTY_SOURCE,
                                    Map.of(this.nameServerProperty, rocketmq.nameServerAddress())));
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton("embeddedRocketMQ", rocketmq);
        // a singleton the auto-configuration's @ConditionalOnMissingBean sees: it backs off
        beanFactory.registerSingleton(
                "embeddedRocketMQConnectionDetails",
                new EmbeddedRocketMQConnectionDetails(rocketmq, ORIGIN));
    }
}
