package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.ProducerConfig;

/**
 * Callback that changes the configuration of every auto-configured producer, the default one and
 * each named one, for settings that have no property (a callback executor, an orderly queue
 * selector) or that depend on other beans. Customizers run in {@link
 * org.springframework.core.Ordered order}, after the properties, interceptors, listeners and
 * transaction checker have been applied, so they see and may change all of them.
 */
@FunctionalInterface
public interface ProducerConfigCustomizer {

    /**
     * Customizes the configuration before the producer is created.
     *
     * @param builder the builder, holding the values from the properties; never {@code null}
     */
    void customize(ProducerConfig.Builder builder);
}
