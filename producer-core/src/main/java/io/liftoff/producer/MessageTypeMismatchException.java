package io.liftoff.producer;

import io.liftoff.producer.internal.protocol.ResponseCode;

/**
 * A RocketMQ 5.x Proxy refused a message whose type the topic does not allow: with {@code
 * enableTopicMessageTypeCheck} (its default) a topic's {@code message.type} attribute (NORMAL,
 * FIFO, DELAY, TRANSACTION, MIXED; NORMAL when unset) decides which messages it takes. A delay
 * level or delivery time makes a DELAY message, {@link
 * io.liftoff.producer.message.Message#shardingKey()} a FIFO one, {@link Producer#sendInTransaction}
 * a TRANSACTION one, anything else a NORMAL one.
 *
 * <p>Not retried: every Proxy and every attempt would refuse it alike. The message says both types
 * and the two ways out: send to a topic of the message's type, or change the topic's type.
 */
public final class MessageTypeMismatchException extends BrokerRejectedException {

    private final String topic;
    private final String topicType;
    private final String messageType;

    /**
     * @param topic the topic sent to
     * @param brokerAddress the Proxy that answered
     * @param responseCode its response code, MESSAGE_ILLEGAL (13)
     * @param remark its remark
     * @param topicType the type the topic allows, e.g. {@code NORMAL}
     * @param messageType the type of the message refused, e.g. {@code DELAY}
     */
    public MessageTypeMismatchException(
            String topic,
            String brokerAddress,
            int responseCode,
            String remark,
            String topicType,
            String messageType) {
        super(
                "send to topic '"
                        + topic
                        + "' rejected by "
                        + brokerAddress
                        + ": "
                        + ResponseCode.name(responseCode)
                        + " ("
                        + responseCode
                        + "): the topic's message.type is "
                        + topicType
                        + ", which does not allow a "
                        + messageType
                        + " message (the Proxy's enableTopicMessageTypeCheck). Send it to a topic"
                        + " of type "
                        + messageType
                        + " (or MIXED), or change this topic's type, e.g. mqadmin updateTopic -t "
                        + topic
                        + " -c <cluster> -a +message.type="
                        + messageType,
                responseCode,
                remark,
                brokerAddress);
        this.topic = topic;
        this.topicType = topicType;
        this.messageType = messageType;
    }

    /** The topic that refused the message. */
    public String topic() {
        return topic;
    }

    /** The type the topic allows, e.g. {@code NORMAL}. */
    public String topicType() {
        return topicType;
    }

    /** The type of the refused message, e.g. {@code DELAY}. */
    public String messageType() {
        return messageType;
    }
}
