package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Producer;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.TransactionChecker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Liftoff {@link Producer} from {@code rocketmq.name-server} and {@code
 * rocketmq.producer.*}. The producer gets the application's {@link SendInterceptor}s and {@link
 * SendListener}s in order, its {@link TransactionChecker} if there is one, and then the {@link
 * ProducerConfigCustomizer}s in order. The context closes the producer on shutdown, which lets the
 * sends in flight drain.
 *
 * <p>A missing name server or group fails the startup with an {@link
 * InvalidProducerPropertyException} that names the property.
 */
@AutoConfiguration
@ConditionalOnClass(Producer.class)
@EnableConfigurationProperties(RocketMQProperties.class)
public final class LiftoffProducerAutoConfiguration {

    LiftoffProducerAutoConfiguration() {}

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Producer liftoffProducer(
            RocketMQProperties properties,
            ObjectProvider<ProducerConfigCustomizer> customizers,
            ObjectProvider<SendInterceptor> interceptors,
            ObjectProvider<SendListener> listeners,
            ObjectProvider<TransactionChecker> transactionChecker) {
        return new PropertiesProducerFactory(
                        customizers, interceptors, listeners, transactionChecker)
                .create(ProducerSource.defaultProducer(properties));
    }
}
