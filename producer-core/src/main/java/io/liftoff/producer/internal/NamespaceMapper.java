package io.liftoff.producer.internal;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.message.MessageValidator;
import io.liftoff.producer.internal.namespace.Namespace;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies the producer's namespace the way RocketMQ clients do: topics and the group go on the wire
 * as {@code namespace%name}, messages carry {@code INSTANCE_ID}, and results come back without the
 * namespace, so the application only ever sees its own names. Without a namespace it changes
 * nothing.
 */
final class NamespaceMapper {

    private final Namespace namespace;

    NamespaceMapper(Namespace namespace) {
        this.namespace = namespace;
    }

    /** The mapper of {@code config}'s namespace, or of none. */
    static NamespaceMapper of(ProducerConfig config) {
        return new NamespaceMapper(config.namespace().map(Namespace::of).orElse(Namespace.none()));
    }

    /** The group as brokers know it. */
    String group(String group) {
        return namespace.wrap(group);
    }

    /** Whether a namespace is set; without one, names and results pass unchanged. */
    boolean isSet() {
        return namespace.name().isPresent();
    }

    /** A topic as brokers know it. */
    String topic(String topic) {
        return namespace.wrap(topic);
    }

    /** The message with its topic as brokers know it. */
    Message outgoing(Message message) {
        if (namespace.name().isEmpty()) {
            return message;
        }
        String topic = namespace.wrap(message.topic());
        if (topic.length() > MessageValidator.MAX_TOPIC_LENGTH) {
            throw new InvalidMessageException(
                    String.format(
                            "topic '%s' is %d characters long once namespace '%s' is added, but at"
                                    + " most %d are allowed; use a shorter topic or namespace",
                            topic,
                            topic.length(),
                            namespace.name().get(),
                            MessageValidator.MAX_TOPIC_LENGTH));
        }
        return message.toBuilder().topic(topic).build();
    }

    /** The system properties to send, with {@code INSTANCE_ID} when there is a namespace. */
    SendModeExtras extras(SendModeExtras extras) {
        if (namespace.name().isEmpty()) {
            return extras;
        }
        Map<String, String> properties = new HashMap<>(extras.properties());
        properties.put(MessageProperties.INSTANCE_ID, namespace.name().get());
        return new SendModeExtras(properties, extras.sysFlag());
    }

    /**
     * A batch's header properties, with {@code INSTANCE_ID} when there is a namespace: brokers
     * append them to every message of the batch.
     */
    String batchHeaderProperties(String headerProperties) {
        return namespace
                .name()
                .map(
                        name ->
                                headerProperties
                                        + MessageProperties.INSTANCE_ID
                                        + MessageProperties.NAME_VALUE_SEPARATOR
                                        + name
                                        + MessageProperties.PROPERTY_SEPARATOR)
                .orElse(headerProperties);
    }

    /** {@code wireTopic} as the application named it. */
    String unwrapTopic(String wireTopic) {
        return namespace.unwrap(wireTopic);
    }

    /** The result with its topic as the application named it. */
    SendResult incoming(SendResult result) {
        if (namespace.name().isEmpty()) {
            return result;
        }
        MessageQueue queue = result.queue();
        return new SendResult(
                result.status(),
                result.messageId(),
                result.offsetMessageId(),
                new MessageQueue(
                        namespace.unwrap(queue.topic()), queue.brokerName(), queue.queueId()),
                result.queueOffset(),
                result.transactionId(),
                result.region(),
                result.recallHandle());
    }
}
