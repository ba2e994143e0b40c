package io.liftoff.spring.autoconfigure;

/**
 * Where one producer's settings come from: the bound properties and the key they were bound from,
 * so that errors can name the property to fix. Its connection (name servers, TLS, credentials)
 * comes from the {@link RocketMQConnectionDetails} when the producer is created.
 *
 * @param prefix the key of the producer's properties, e.g. {@code rocketmq.producer}
 * @param properties the producer's properties
 * @param beanName the name of the producer's bean, which the application may define itself
 */
record ProducerSource(String prefix, RocketMQProperties.Producer properties, String beanName) {

    private static final String NAMED_PREFIX = "rocketmq.producers.";

    /** The default producer, from {@code rocketmq.producer.*}. */
    static ProducerSource defaultProducer(RocketMQProperties properties) {
        return new ProducerSource("rocketmq.producer", properties.getProducer(), "liftoffProducer");
    }

    /** A named producer, from {@code rocketmq.producers.<name>.*}. */
    static ProducerSource named(String name, RocketMQProperties.NamedProducer producer) {
        return new ProducerSource(
                NAMED_PREFIX + name, producer, NamedProducersRegistrar.producerBeanName(name));
    }

    /** Returns the full key of one of the producer's properties, e.g. {@code group}. */
    String key(String property) {
        return this.prefix + "." + property;
    }

    /**
     * Returns the producer's name: {@value ProducerConfigCustomizer#DEFAULT_PRODUCER}, or {@code
     * <name>} of {@code rocketmq.producers.<name>}.
     */
    String name() {
        return isNamed()
                ? this.prefix.substring(NAMED_PREFIX.length())
                : ProducerConfigCustomizer.DEFAULT_PRODUCER;
    }

    /** Returns whether this is a named producer, whose name servers may be set in two places. */
    boolean isNamed() {
        return !this.prefix.equals("rocketmq.producer");
    }
}
