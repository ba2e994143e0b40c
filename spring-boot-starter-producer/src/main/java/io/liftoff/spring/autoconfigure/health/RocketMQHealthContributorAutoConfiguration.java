package io.liftoff.spring.autoconfigure.health;

import io.liftoff.producer.Producer;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.health.RocketMQHealthIndicator;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the {@code rocketmq} health contributor: a {@link RocketMQHealthIndicator}
 * of the producer, or a composite with one per producer bean, keyed by bean name, when there are
 * named producers ({@code rocketmq.producers.<name>}) or the application defines several. Turned
 * off with {@code management.health.rocketmq.enabled=false}.
 */
@AutoConfiguration(after = LiftoffProducerAutoConfiguration.class)
@ConditionalOnClass({
    Producer.class,
    HealthContributor.class,
    ConditionalOnEnabledHealthIndicator.class
})
@Conditional(OnProducerBeanCondition.class)
@ConditionalOnEnabledHealthIndicator("rocketmq")
public final class RocketMQHealthContributorAutoConfiguration
        extends CompositeHealthContributorConfiguration<RocketMQHealthIndicator, Producer> {

    RocketMQHealthContributorAutoConfiguration() {
        super(RocketMQHealthIndicator::new);
    }

    @Bean
    @ConditionalOnMissingBean(name = {"rocketmqHealthIndicator", "rocketmqHealthContributor"})
    HealthContributor rocketmqHealthContributor(ListableBeanFactory beanFactory) {
        // by type, named producers included: they are no default candidates, so the
        // autowiring look-up of createContributor(beanFactory, type) would skip them
        return createContributor(beanFactory.getBeansOfType(Producer.class));
    }
}
