package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Producer;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.TransactionChecker;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Liftoff producers: the default {@link Producer} from {@code
 * rocketmq.name-server} and {@code rocketmq.producer.*}, and one producer per {@code
 * rocketmq.producers.<name>}. Each producer gets the application's {@link SendInterceptor}s and
 * {@link SendListener}s in order, its {@link TransactionChecker} if there is one, and then the
 * {@link ProducerConfigCustomizer}s in order; {@link ForProducer} binds such a bean to some
 * producers only. The context closes the producers on shutdown, which lets the sends in flight
 * drain.
 *
 * <p>{@code tls-enable} or {@code ssl.bundle} (a Spring Boot SSL bundle) turns TLS on. A {@link
 * RocketMQConnectionDetails} bean of the application replaces every connection property (name
 * servers, TLS, credentials) of every producer.
 *
 * <p>With rocketmq-spring-boot-starter on the class path, its producer of the same keys is switched
 * off ({@link RocketMQSpringProducerSwitch}).
 *
 * <p>A missing name server or group fails the startup with an {@link
 * InvalidProducerPropertyException} that names the property.
 */
// after Boot's SslAutoConfiguration, whose SslBundles bean resolves 'ssl.bundle'
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(Producer.class)
@EnableConfigurationProperties(RocketMQProperties.class)
@Import(NamedProducersRegistrar.class)
public final class LiftoffProducerAutoConfiguration {

    LiftoffProducerAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean(RocketMQConnectionDetails.class)
    PropertiesRocketMQConnectionDetails rocketMQConnectionDetails(
            RocketMQProperties properties, ObjectProvider<SslBundles> sslBundles) {
        return new PropertiesRocketMQConnectionDetails(properties, sslBundles);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(DefaultProducerCondition.class)
    Producer liftoffProducer(
            RocketMQProperties properties,
            ListableBeanFactory beanFactory,
            Environment environment) {
        return new PropertiesProducerFactory(beanFactory, environment)
                .create(ProducerSource.defaultProducer(properties));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.rocketmq.spring.autoconfigure.RocketMQAutoConfiguration")
    static class RocketMQSpringConfiguration {

        @Bean
        static RocketMQSpringProducerSwitch liftoffRocketMQSpringProducerSwitch() {
            return new RocketMQSpringProducerSwitch();
        }
    }
}
