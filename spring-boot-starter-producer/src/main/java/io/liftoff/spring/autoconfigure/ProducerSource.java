package io.liftoff.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * Where one producer's settings come from: the bound properties, its name servers, and the keys
 * they were bound from, so that errors can name the property to fix.
 *
 * @param prefix the key of the producer's properties, e.g. {@code rocketmq.producer}
 * @param nameServerProperty the key its name servers come from
 * @param nameServer the name servers, or {@code null} when not set
 * @param nameServerAddressUrlProperty the key its address server's URL comes from
 * @param nameServerAddressUrl the URL of the address server that gives the name servers, or {@code
 *     null} when not set
 * @param properties the producer's properties
 * @param beanName the name of the producer's bean, which the application may define itself
 */
record ProducerSource(
        String prefix,
        String nameServerProperty,
        @Nullable String nameServer,
        String nameServerAddressUrlProperty,
        @Nullable String nameServerAddressUrl,
        RocketMQProperties.Producer properties,
        String beanName) {

    private static final String ROOT_NAME_SERVER = "rocketmq.name-server";
    private static final String ROOT_ADDRESS_URL = "rocketmq.name-server-address-url";
    private static final String NAMED_PREFIX = "rocketmq.producers.";

    /**
     * The default producer, from {@code rocketmq.name-server} or {@code
     * rocketmq.name-server-address-url}, and {@code rocketmq.producer.*}.
     */
    static ProducerSource defaultProducer(RocketMQProperties properties) {
        return new ProducerSource(
                "rocketmq.producer",
                ROOT_NAME_SERVER,
                properties.getNameServer(),
                ROOT_ADDRESS_URL,
                properties.getNameServerAddressUrl(),
                properties.getProducer(),
                "liftoffProducer");
    }

    /**
     * A named producer, from {@code rocketmq.producers.<name>.*}; its own name servers or address
     * server win over {@code rocketmq.name-server} and {@code rocketmq.name-server-address-url}.
     * With none set, its own keys are the ones reported missing.
     */
    static ProducerSource named(
            String name,
            RocketMQProperties.NamedProducer producer,
            @Nullable String rootNameServer,
            @Nullable String rootAddressUrl) {
        String prefix = NAMED_PREFIX + name;
        String beanName = NamedProducersRegistrar.producerBeanName(name);
        boolean own =
                StringUtils.hasText(producer.getNameServer())
                        || StringUtils.hasText(producer.getNameServerAddressUrl());
        boolean inherited =
                StringUtils.hasText(rootNameServer) || StringUtils.hasText(rootAddressUrl);
        if (!own && inherited) {
            return new ProducerSource(
                    prefix,
                    ROOT_NAME_SERVER,
                    rootNameServer,
                    ROOT_ADDRESS_URL,
                    rootAddressUrl,
                    producer,
                    beanName);
        }
        return new ProducerSource(
                prefix,
                prefix + ".name-server",
                producer.getNameServer(),
                prefix + ".name-server-address-url",
                producer.getNameServerAddressUrl(),
                producer,
                beanName);
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
