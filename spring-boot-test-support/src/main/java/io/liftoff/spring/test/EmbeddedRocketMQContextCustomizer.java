package io.liftoff.spring.test;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.spring.autoconfigure.RocketMQConnectionDetails;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.Assert;

/**
 * Points a test context at a shared embedded RocketMQ of its {@link ClusterSpec}: creates the
 * topics, registers the cluster and an {@link EmbeddedRocketMQConnectionDetails} (primary, so that
 * it wins over connection details of the application's own) as beans, and publishes the name-server
 * address under the property asked for. Customizers of the same configuration are equal, so
 * Spring's test-context cache reuses the context.
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
        context.getBeanFactory().registerSingleton("embeddedRocketMQ", rocketmq);
        Assert.isInstanceOf(
                BeanDefinitionRegistry.class,
                context,
                "@WithEmbeddedRocketMQ needs a context that bean definitions can be added to");
        // a definition the auto-configuration's @ConditionalOnMissingBean sees, so that it backs
        // off; primary over connection details the application defines itself
        EmbeddedRocketMQConnectionDetails details =
                new EmbeddedRocketMQConnectionDetails(rocketmq, ORIGIN);
        RootBeanDefinition definition =
                new RootBeanDefinition(RocketMQConnectionDetails.class, () -> details);
        definition.setPrimary(true);
        ((BeanDefinitionRegistry) context)
                .registerBeanDefinition("embeddedRocketMQConnectionDetails", definition);
    }
}
