package io.liftoff.spring.test;

import io.liftoff.embedded.EmbeddedRocketMQ;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test context at the shared embedded RocketMQ: creates its topics, sets {@code
 * rocketmq.name-server} (and clears {@code rocketmq.name-server-address-url}) with the highest
 * precedence, and registers the cluster as a bean. Equal topic lists give equal customizers, so
 * Spring's test-context cache reuses the context.
 */
final class EmbeddedRocketMQContextCustomizer implements ContextCustomizer {

    private static final String PROPERTY_SOURCE = "embeddedRocketMQ";

    private final List<String> topics;

    EmbeddedRocketMQContextCustomizer(List<String> topics) {
        this.topics = List.copyOf(topics);
    }

    @Override
    public void customizeContext(
            ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        EmbeddedRocketMQ rocketmq = SharedEmbeddedRocketMQ.get();
        for (String topic : this.topics) {
            TopicSpec spec = TopicSpec.parse(topic);
            rocketmq.createTopic(spec.name(), spec.queues());
        }
        context.getEnvironment()
                .getPropertySources()
                .addFirst(
                        new MapPropertySource(
                                PROPERTY_SOURCE,
                                // an address server the application names would exclude it
                                Map.of(
                                        "rocketmq.name-server",
                                        rocketmq.nameServerAddress(),
                                        "rocketmq.name-server-address-url",
                                        "")));
        context.getBeanFactory().registerSingleton("embeddedRocketMQ", rocketmq);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddedRocketMQContextCustomizer that
                && this.topics.equals(that.topics);
    }

    @Override
    public int hashCode() {
        return this.topics.hashCode();
    }

    /** A topic to create: {@code name} or {@code name:queues}. */
    record TopicSpec(String name, int queues) {

        private static final int DEFAULT_QUEUES = 4;

        static TopicSpec parse(String spec) {
            int colon = spec.indexOf(':');
            if (colon < 0) {
                return new TopicSpec(spec, DEFAULT_QUEUES);
            }
            try {
                return new TopicSpec(
                        spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "@WithEmbeddedRocketMQ topic '"
                                + spec
                                + "' must be 'name' or 'name:queues', e.g. 'orders:4'",
                        e);
            }
        }
    }
}
