package io.liftoff.spring.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The rocketmq-spring keys that Liftoff deliberately does not support. Each one that is set fails
 * the startup of the producer it would configure, naming the key and what to do instead; the
 * configuration metadata marks them too, so that IDEs flag them.
 */
final class UnsupportedProperties {

    static final String ACCESS_CHANNEL = "rocketmq.access-channel";

    private UnsupportedProperties() {}

    /**
     * Refuses the unsupported keys that apply to one producer.
     *
     * @throws InvalidProducerPropertyException naming the first such key that is set
     */
    static void check(Environment environment, ProducerSource source) {
        Binder binder = Binder.get(environment);
        String accessChannel = binder.bind(ACCESS_CHANNEL, String.class).orElse("LOCAL");
        if (!accessChannel.strip().equalsIgnoreCase("LOCAL")) {
            throw InvalidProducerPropertyException.unsupported(
                    ACCESS_CHANNEL,
                    "'"
                            + accessChannel
                            + "' selects Alibaba Cloud's channel; Liftoff speaks to Apache RocketMQ"
                            + " name servers and brokers, which is what LOCAL means.",
                    "Remove '" + ACCESS_CHANNEL + "' or set it to LOCAL.");
        }
        String namespaceV2 = source.key("namespace-v2");
        if (StringUtils.hasText(binder.bind(namespaceV2, String.class).orElse(null))) {
            throw InvalidProducerPropertyException.unsupported(
                    namespaceV2,
                    "Liftoff does not send the namespace in request headers for the broker to"
                            + " apply, as rocketmq-client 5's namespace-v2 does.",
                    "Set '"
                            + source.key("namespace")
                            + "' instead, which wraps topics and the group in the namespace on"
                            + " the client, if your brokers accept namespaced names.");
        }
    }
}
