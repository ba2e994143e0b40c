package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Producer;
import io.liftoff.spring.core.ProducerTemplate;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * The factory methods of the beans that {@link NamedProducersRegistrar} registers. Their bean
 * definitions name these methods and carry the producer's name as an argument value, which Spring's
 * AOT engine can generate code for (an instance-supplier lambda it cannot); everything else is
 * autowired when the bean is created, so the properties are read at startup, not at build time.
 */
final class NamedProducerBeans {

    /** The name of {@link #producer}, which its bean definitions refer to. */
    static final String PRODUCER_METHOD = "producer";

    /** The name of {@link #template}, which its bean definitions refer to. */
    static final String TEMPLATE_METHOD = "template";

    private NamedProducerBeans() {}

    /** Creates and starts the producer of {@code rocketmq.producers.<name>}. */
    static Producer producer(
            String name,
            RocketMQProperties properties,
            ListableBeanFactory beanFactory,
            Environment environment) {
        RocketMQProperties.NamedProducer producer = properties.getProducers().get(name);
        if (producer == null) {
            // only with AOT: the named producers were fixed when the application was processed
            String prefix = "rocketmq.producers." + name;
            throw InvalidProducerPropertyException.missing(
                    prefix + ".group",
                    "orders-producer",
                    List.of(
                            "process the application ahead of time again without '"
                                    + prefix
                                    + "', as its named producers were fixed when it was"));
        }
        return new PropertiesProducerFactory(beanFactory, environment)
                .create(ProducerSource.named(name, producer));
    }

    /** Creates the template over a named producer, converting as auto-configured templates do. */
    static ProducerTemplate template(Producer producer, BeanFactory beanFactory) {
        return new ProducerTemplate(
                producer,
                TemplateConversions.payloads(beanFactory),
                TemplateConversions.headers(beanFactory));
    }
}
