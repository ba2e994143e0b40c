package io.liftoff.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Where one producer's settings come from: the bound properties, its name servers, and the keys
 * they were bound from, so that errors can name the property to fix.
 *
 * @param prefix the key of the producer's properties, e.g. {@code rocketmq.producer}
 * @param nameServerProperty the key its name servers come from
 * @param nameServer the name servers, or {@code null} when not set
 * @param properties the producer's properties
 * @param beanName the name of the producer's bean, which the application may define itself
 */
record ProducerSource(
        String prefix,
        String nameServerProperty,
        @Nullable String nameServer,
        RocketMQProperties.Producer properties,
        String beanName) {

    private static final String ROOT_NAME_SERVER = "rocketmq.name-server";

    /** The default producer, from {@code rocketmq.name-server} and {@code rocketmq.producer.*}. */
    static ProducerSource defaultProducer(RocketMQProperties properties) {
        return new ProducerSource(
                "rocketmq.producer",
                ROOT_NAME_SERVER,
                properties.getNameServer(),
                properties.getProducer(),
                "liftoffProducer");
    }

    /** Returns the full key of one of the producer's properties, e.g. {@code group}. */
    String key(String property) {
        return this.prefix + "." + property;
    }
}
