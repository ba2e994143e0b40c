package io.liftoff.spring.test;

import java.util.List;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Turns {@link WithEmbeddedRocketMQ} on a test class into an {@link
 * EmbeddedRocketMQContextCustomizer}.
 */
final class EmbeddedRocketMQContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .get(WithEmbeddedRocketMQ.class)
                .synthesize(annotation -> annotation.isPresent())
                .map(
                        annotation ->
                                new EmbeddedRocketMQContextCustomizer(List.of(annotation.topics())))
                .orElse(null);
    }
}
