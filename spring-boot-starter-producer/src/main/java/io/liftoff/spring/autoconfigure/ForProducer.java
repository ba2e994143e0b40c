package io.liftoff.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@link io.liftoff.producer.SendInterceptor}, {@link io.liftoff.producer.SendListener},
 * {@link io.liftoff.producer.TransactionChecker} or {@link ProducerConfigCustomizer} bean to some
 * auto-configured producers only. Such beans without it go to every producer.
 *
 * <pre>{@code
 * @Bean
 * @ForProducer("orders")                    // rocketmq.producers.orders only
 * TransactionChecker ordersChecker(OrderRepository orders) { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ForProducer {

    /**
     * The producers: {@value ProducerConfigCustomizer#DEFAULT_PRODUCER} for the one of {@code
     * rocketmq.producer.*}, {@code <name>} for the one of {@code rocketmq.producers.<name>}.
     */
    String[] value();
}
