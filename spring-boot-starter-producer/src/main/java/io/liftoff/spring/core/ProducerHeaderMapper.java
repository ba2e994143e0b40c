package io.liftoff.spring.core;

import io.liftoff.producer.message.Message;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps the headers of a Spring {@link org.springframework.messaging.Message} onto the RocketMQ
 * {@link Message} a {@link ProducerTemplate} sends. The {@linkplain #standard() standard} mapping
 * follows the table in {@link RocketMQHeaders}: keys, tags, delays, sharding key, flag and
 * wait-store headers become the message's fields, other headers its user properties, and Spring's
 * and RocketMQ's own bookkeeping headers are dropped.
 *
 * <p>To map differently, declare a bean of this type: the auto-configured templates use it when it
 * is the only one. A mapper that changes a little usually delegates to the standard one, e.g. to
 * drop the headers of a tracing library:
 *
 * <pre>{@code
 * @Bean
 * ProducerHeaderMapper headerMapper() {
 *     ProducerHeaderMapper standard = ProducerHeaderMapper.standard();
 *     return (topic, tags, headers) -> standard.toMessage(topic, tags, withoutB3(headers));
 * }
 * }</pre>
 *
 * Implementations must be thread-safe: a template calls its mapper from every sending thread.
 */
@FunctionalInterface
public interface ProducerHeaderMapper {

    /**
     * Starts the message to a destination with what the headers say.
     *
     * @param topic the destination's topic
     * @param tags the destination's tag ({@code topic:tags}), or {@code null} when it names none
     * @param headers the message's headers; empty when the template sends a bare payload
     * @return a builder without a body: the template sets the converted payload
     * @throws IllegalArgumentException when a header cannot be mapped; the template sends nothing
     */
    Message.Builder toMessage(String topic, @Nullable String tags, Map<String, ?> headers);

    /** The standard mapping, as {@link RocketMQHeaders} describes it. */
    static ProducerHeaderMapper standard() {
        return StandardHeaderMapper.INSTANCE;
    }
}
