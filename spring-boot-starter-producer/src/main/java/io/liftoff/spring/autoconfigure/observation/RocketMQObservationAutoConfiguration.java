package io.liftoff.spring.autoconfigure.observation;

import io.liftoff.producer.Producer;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.autoconfigure.ProducerConfigCustomizer;
import io.liftoff.spring.observation.ObservationSendHook;
import io.liftoff.spring.observation.ProducerObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of the observation of sends, opted into with {@code
 * rocketmq.producer.observation-enabled=true}: every producer the starter creates, named ones
 * included, wraps each send in an observation with an {@link ObservationSendHook}. With Micrometer
 * Tracing set up, its propagating handler writes the trace context into message properties. A
 * {@link ProducerObservationConvention} bean replaces the default names and tags.
 */
@AutoConfiguration(
        before = LiftoffProducerAutoConfiguration.class,
        afterName =
                "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({Producer.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty("rocketmq.producer.observation-enabled")
public final class RocketMQObservationAutoConfiguration {

    RocketMQObservationAutoConfiguration() {}

    @Bean
    // last: the hook must see, and be, the message the producer sends
    @Order(Ordered.LOWEST_PRECEDENCE)
    ProducerConfigCustomizer rocketmqSendObservation(
            ObservationRegistry registry,
            ObjectProvider<ProducerObservationConvention> convention) {
        return (name, builder) ->
                new ObservationSendHook(registry, convention.getIfUnique()).addTo(builder);
    }
}
