package io.liftoff.spring.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.Ordered;

/**
 * Side by side with rocketmq-spring-boot-starter (kept for its consumers): both starters would
 * create a producer from {@code rocketmq.name-server} and {@code rocketmq.producer.group}, two
 * producers in one group. When Liftoff's default producer is defined, this switches
 * rocketmq-spring's producer off, and its {@code RocketMQTemplate} too unless its pull consumer
 * needs it, and logs so. rocketmq-spring's listeners are left as they are.
 */
final class RocketMQSpringProducerSwitch implements BeanDefinitionRegistryPostProcessor, Ordered {

    /** rocketmq-spring's producer bean, from its {@code RocketMQAutoConfiguration}. */
    static final String PRODUCER = "defaultMQProducer";

    /** rocketmq-spring's template bean, which sends through {@value #PRODUCER}. */
    static final String TEMPLATE = "rocketMQTemplate";

    /** rocketmq-spring's lite pull consumer, the other thing the template serves. */
    static final String PULL_CONSUMER = "defaultLitePullConsumer";

    private static final String LIFTOFF_PRODUCER = "liftoffProducer";

    private static final Log logger = LogFactory.getLog(RocketMQSpringProducerSwitch.class);

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(PRODUCER)
                || !registry.containsBeanDefinition(LIFTOFF_PRODUCER)) {
            return;
        }
        registry.removeBeanDefinition(PRODUCER);
        String template = "";
        if (registry.containsBeanDefinition(TEMPLATE)
                && !registry.containsBeanDefinition(PULL_CONSUMER)) {
            registry.removeBeanDefinition(TEMPLATE);
            template = " and its '" + TEMPLATE + "'";
        }
        logger.info(
                "rocketmq-spring's producer '"
                        + PRODUCER
                        + "'"
                        + template
                        + " switched off: Liftoff's '"
                        + LIFTOFF_PRODUCER
                        + "' is the producer of rocketmq.producer.*, and one group must not have two"
                        + " producers. rocketmq-spring's consumers are unaffected; send with"
                        + " ProducerTemplate (docs/migration.md), or exclude"
                        + " LiftoffProducerAutoConfiguration to keep rocketmq-spring's producer.");
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
