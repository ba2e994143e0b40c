package io.liftoff.spring.autoconfigure.metrics;

import io.liftoff.producer.Producer;
import io.liftoff.producer.SendListener;
import io.liftoff.spring.metrics.ProducerMetrics;
import io.liftoff.spring.metrics.SendMetricsListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;

/**
 * Gives every {@link Producer} bean its meters as soon as it is created: the in-flight gauges of
 * {@link ProducerMetrics}, and, for producers the starter configured, a {@link SendMetricsListener}
 * tagged with the producer's group behind their {@link DeferredSendListener}. The gauges are
 * removed when the producer is destroyed.
 */
final class ProducerMetricsPostProcessor implements DestructionAwareBeanPostProcessor {

    private final ObjectProvider<MeterRegistry> registry;
    private final Map<String, ProducerMetrics> gauges = new ConcurrentHashMap<>();

    ProducerMetricsPostProcessor(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof Producer producer) {
            MeterRegistry meterRegistry = this.registry.getObject();
            String group = producer.config().group();
            for (SendListener listener : producer.config().listeners()) {
                if (listener instanceof DeferredSendListener deferred) {
                    deferred.bind(new SendMetricsListener(meterRegistry, group));
                }
            }
            ProducerMetrics metrics = new ProducerMetrics(producer);
            metrics.bindTo(meterRegistry);
            ProducerMetrics previous = this.gauges.put(beanName, metrics);
            if (previous != null) {
                previous.close();
            }
        }
        return bean;
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return bean instanceof Producer;
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        ProducerMetrics metrics = this.gauges.remove(beanName);
        if (metrics != null) {
            metrics.close();
        }
    }
}
