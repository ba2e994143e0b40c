package io.liftoff.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless the application configures only named producers: with {@code rocketmq.producers.*}
 * set and {@code rocketmq.producer.group} not, no default producer is wanted. In every other case
 * the default producer is created, and its missing properties fail the startup with an explanation
 * rather than leaving the application silently without a producer.
 */
class DefaultProducerCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(
            ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message =
                ConditionMessage.forCondition("Default Liftoff producer");
        if (Binder.get(context.getEnvironment())
                .bind("rocketmq.producer.group", String.class)
                .isBound()) {
            return ConditionOutcome.match(
                    message.found("property").items("rocketmq.producer.group"));
        }
        if (NamedProducersRegistrar.bind(context.getEnvironment()).isEmpty()) {
            return ConditionOutcome.match(message.because("no named producer is configured"));
        }
        return ConditionOutcome.noMatch(
                message.because("only named producers (rocketmq.producers.*) are configured"));
    }
}
