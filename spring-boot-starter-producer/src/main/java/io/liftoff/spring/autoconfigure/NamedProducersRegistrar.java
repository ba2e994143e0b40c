package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Producer;
import io.liftoff.spring.core.ProducerTemplate;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a {@link Producer} bean {@code <name>Producer} and a {@link ProducerTemplate} bean
 * {@code <name>ProducerTemplate} for each {@code rocketmq.producers.<name>}. They are not default
 * candidates: they are injected only where asked for by name
 * ({@code @Qualifier("ordersProducer")}), so the default producer and its template keep being the
 * ones injected by type, and bean conditions such as
 * {@code @ConditionalOnMissingBean(Producer.class)} do not see them. A bean the application already
 * defines under one of these names is left as it is.
 */
class NamedProducersRegistrar implements ImportBeanDefinitionRegistrar {

    private static final String PRODUCERS = "rocketmq.producers";

    private static final Log logger = LogFactory.getLog(NamedProducersRegistrar.class);

    private final Environment environment;
    private final BeanFactory beanFactory;

    NamedProducersRegistrar(Environment environment, BeanFactory beanFactory) {
        this.environment = environment;
        this.beanFactory = beanFactory;
    }

    /** Binds {@code rocketmq.producers}; empty when none is configured. */
    static Map<String, RocketMQProperties.NamedProducer> bind(Environment environment) {
        return Binder.get(environment)
                .bind(
                        PRODUCERS,
                        Bindable.mapOf(String.class, RocketMQProperties.NamedProducer.class))
                .orElse(Map.of());
    }

    @Override
    public void registerBeanDefinitions(
            AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
        bind(this.environment)
                .forEach(
                        (name, properties) ->
                                register(registry, name, ProducerSource.named(name, properties)));
    }

    /** Returns the name of the producer bean of {@code rocketmq.producers.<name>}. */
    static String producerBeanName(String name) {
        return name + "Producer";
    }

    private void register(BeanDefinitionRegistry registry, String name, ProducerSource source) {
        if (name.equals(ProducerConfigCustomizer.DEFAULT_PRODUCER)) {
            throw InvalidProducerPropertyException.unsupported(
                    source.prefix(),
                    "'default' is the name that customizers and @ForProducer give the producer of"
                            + " rocketmq.producer.*.",
                    "Rename it, e.g. rocketmq.producers.main.");
        }
        String producerBean = producerBeanName(name);
        String templateBean = name + "ProducerTemplate";
        if (registry.containsBeanDefinition(producerBean)) {
            logger.info(keptBean(producerBean, name));
        } else {
            RootBeanDefinition producer =
                    new RootBeanDefinition(Producer.class, () -> producerFactory().create(source));
            // closing drains the sends in flight when the context shuts down
            producer.setDestroyMethodName("close");
            producer.setDefaultCandidate(false);
            registry.registerBeanDefinition(producerBean, producer);
        }
        if (registry.containsBeanDefinition(templateBean)) {
            logger.info(keptBean(templateBean, name));
        } else {
            RootBeanDefinition template =
                    new RootBeanDefinition(
                            ProducerTemplate.class,
                            () ->
                                    new ProducerTemplate(
                                            this.beanFactory.getBean(producerBean, Producer.class),
                                            TemplateConversions.payloads(this.beanFactory),
                                            TemplateConversions.headers(this.beanFactory)));
            template.setDefaultCandidate(false);
            registry.registerBeanDefinition(templateBean, template);
        }
    }

    private static String keptBean(String beanName, String name) {
        return "Bean '"
                + beanName
                + "' already exists, so rocketmq.producers."
                + name
                + " does not create one";
    }

    private PropertiesProducerFactory producerFactory() {
        return new PropertiesProducerFactory(
                (ListableBeanFactory) this.beanFactory, this.environment);
    }
}
