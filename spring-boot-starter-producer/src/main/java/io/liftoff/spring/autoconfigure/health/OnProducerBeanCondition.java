package io.liftoff.spring.autoconfigure.health;

import io.liftoff.producer.Producer;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.Assert;

/**
 * Matches when the context defines at least one {@link Producer} bean. Unlike {@code
 * ConditionalOnBean}, it also counts the named producers, which are no default candidates, so that
 * an application with only named producers gets their health too.
 */
class OnProducerBeanCondition extends SpringBootCondition implements ConfigurationCondition {

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(
            ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        Assert.state(beanFactory != null, "No bean factory to look for Producer beans in");
        String[] producers = beanFactory.getBeanNamesForType(Producer.class, true, false);
        ConditionMessage.Builder message = ConditionMessage.forCondition("Liftoff producer bean");
        return (producers.length > 0)
                ? ConditionOutcome.match(message.found("bean", "beans").items((Object[]) producers))
                : ConditionOutcome.noMatch(message.didNotFind("Producer bean").atAll());
    }
}
