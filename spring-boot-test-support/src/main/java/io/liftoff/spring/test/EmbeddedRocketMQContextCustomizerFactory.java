package io.liftoff.spring.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns {@link WithEmbeddedRocketMQ} on a test class, its superclasses or (for {@code @Nested}
 * classes) its enclosing classes into an {@link EmbeddedRocketMQContextCustomizer}.
 */
final class EmbeddedRocketMQContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        WithEmbeddedRocketMQ annotation =
                TestContextAnnotationUtils.findMergedAnnotation(
                        testClass, WithEmbeddedRocketMQ.class);
        return annotation == null ? null : EmbeddedRocketMQContextCustomizer.of(annotation);
    }
}
