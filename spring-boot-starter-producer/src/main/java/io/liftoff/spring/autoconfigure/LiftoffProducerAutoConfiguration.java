package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Creates a started {@link Producer} from {@code rocketmq.name-server} and {@code
 * rocketmq.producer.group}; the context closes it on shutdown.
 */
@AutoConfiguration
@ConditionalOnClass(Producer.class)
@EnableConfigurationProperties(RocketMQProperties.class)
public final class LiftoffProducerAutoConfiguration {

    LiftoffProducerAutoConfiguration() {}

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(
            prefix = "rocketmq",
            name = {"name-server", "producer.group"})
    Producer liftoffProducer(RocketMQProperties properties) {
        RocketMQProperties.Producer producer = properties.getProducer();
        return Producer.create(
                ProducerConfig.builder()
                        .nameServer(properties.getNameServer())
                        .group(producer.getGroup())
                        .sendTimeout(producer.getSendMessageTimeout())
                        .retryTimesWhenSendFailed(producer.getRetryTimesWhenSendFailed())
                        .maxMessageSize(Math.toIntExact(producer.getMaxMessageSize().toBytes()))
                        .build());
    }
}
