package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Producer;
import io.liftoff.spring.core.ProducerOperations;
import io.liftoff.spring.core.ProducerTemplate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Auto-configuration of the {@link ProducerTemplate} over the application's {@link Producer}: the
 * auto-configured one or the application's own. Payloads are converted as {@code byte[]}, UTF-8
 * {@code String}, or JSON written by the application's {@code JsonMapper} when Jackson 3 is
 * present, or by the application's only {@code MessageConverter} bean; headers are mapped by its
 * only {@code ProducerHeaderMapper} bean, or as {@code RocketMQHeaders} describes. Backs off when
 * the application defines its own {@link ProducerOperations}.
 */
@AutoConfiguration(
        after = LiftoffProducerAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ProducerTemplate.class, MessageConverter.class})
public final class ProducerTemplateAutoConfiguration {

    ProducerTemplateAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean(ProducerOperations.class)
    @ConditionalOnSingleCandidate(Producer.class)
    ProducerTemplate producerTemplate(Producer producer, BeanFactory beanFactory) {
        return new ProducerTemplate(
                producer,
                TemplateConversions.payloads(beanFactory),
                TemplateConversions.headers(beanFactory));
    }
}
