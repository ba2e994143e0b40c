package io.liftoff.spring.autoconfigure.metrics;

import io.liftoff.producer.Producer;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.autoconfigure.ProducerConfigCustomizer;
import io.liftoff.spring.metrics.ProducerMetrics;
import io.liftoff.spring.metrics.SendMetricsListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of producer metrics: every producer the starter creates, named ones included,
 * records its sends with a {@link SendMetricsListener}, and every {@link Producer} bean gets the
 * in-flight gauges of {@link ProducerMetrics}. Meters are tagged with the producer group.
 */
@AutoConfiguration(
        before = LiftoffProducerAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass({Producer.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public final class RocketMQMetricsAutoConfiguration {

    RocketMQMetricsAutoConfiguration() {}

    @Bean
    ProducerConfigCustomizer rocketmqSendMetrics() {
        // the listener learns its producer's group once the producer exists
        return (name, builder) -> builder.listener(new DeferredSendListener());
    }

    @Bean
    static ProducerMetricsPostProcessor rocketmqProducerMetricsPostProcessor(
            ObjectProvider<MeterRegistry> registry) {
        return new ProducerMetricsPostProcessor(registry);
    }
}
