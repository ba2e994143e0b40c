package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Producer;
import io.liftoff.spring.core.ProducerTemplate;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
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
 *
 * <p>The definitions name the factory methods of {@link NamedProducerBeans}, so that Spring's AOT
 * engine can generate code for them; with AOT, the set of named producers is the one seen at build
 * time, while their properties are read at startup.
 */
class NamedProducersRegistrar implements ImportBeanDefinitionRegistrar {

    private static final String PRODUCERS = "rocketmq.producers";

    private static final Log logger = LogFactory.getLog(NamedProducersRegistrar.class);

    private final Environment environment;

    NamedProducersRegistrar(Environment environment) {
        this.environment = environment;
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
        bind(this.environment).keySet().forEach((name) -> register(registry, name));
    }

    /** Returns the name of the producer bean of {@code rocketmq.producers.<name>}. */
    static String producerBeanName(String name) {
        return name + "Producer";
    }

    private void register(BeanDefinitionRegistry registry, String name) {
        if (name.equals(ProducerConfigCustomizer.DEFAULT_PRODUCER)) {
            throw InvalidProducerPropertyException.unsupported(
                    PRODUCERS + "." + name,
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
                    definition(Producer.class, NamedProducerBeans.PRODUCER_METHOD, name);
            // closing drains the sends in flight when the context shuts down
            producer.setDestroyMethodName("close");
            registry.registerBeanDefinition(producerBean, producer);
        }
        if (registry.containsBeanDefinition(templateBean)) {
            logger.info(keptBean(templateBean, name));
        } else {
            registry.registerBeanDefinition(
                    templateBean,
                    definition(
                            ProducerTemplate.class,
                            NamedProducerBeans.TEMPLATE_METHOD,
                            new RuntimeBeanReference(producerBean)));
        }
    }

    /**
     * A non-default candidate made by a static factory method of {@link NamedProducerBeans}, whose
     * first argument is given and whose other arguments are autowired.
     */
    private static RootBeanDefinition definition(
            Class<?> type, String factoryMethod, Object firstArgument) {
        RootBeanDefinition definition = new RootBeanDefinition(NamedProducerBeans.class);
        definition.setFactoryMethodName(factoryMethod);
        definition.setTargetType(type);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, firstArgument);
        definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
        definition.setDefaultCandidate(false);
        return definition;
    }

    private static String keptBean(String beanName, String name) {
        return "Bean '"
                + beanName
                + "' already exists, so rocketmq.producers."
                + name
                + " does not create one";
    }
}
