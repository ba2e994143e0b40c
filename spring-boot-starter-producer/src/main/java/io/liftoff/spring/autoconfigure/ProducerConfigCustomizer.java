package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.ProducerConfig;

/**
 * Callback that changes the configuration of the auto-configured producers, the default one and
 * each named one, for settings that have no property (a callback executor, an orderly queue
 * selector) or that depend on other beans. Customizers run in {@link
 * org.springframework.core.Ordered order}, after the properties, interceptors, listeners and
 * transaction checker have been applied, so they see and may change all of them. {@link
 * ForProducer} limits one to some producers.
 */
@FunctionalInterface
public interface ProducerConfigCustomizer {

    /** The name of the default producer, the one of {@code rocketmq.producer.*}. */
    String DEFAULT_PRODUCER = "default";

    /**
     * Customizes the configuration before the producer is created.
     *
     * @param producerName {@value #DEFAULT_PRODUCER}, or {@code <name>} of {@code
     *     rocketmq.producers.<name>}
     * @param builder the builder, holding the values from the properties; never {@code null}
     */
    void customize(String producerName, ProducerConfig.Builder builder);
}
