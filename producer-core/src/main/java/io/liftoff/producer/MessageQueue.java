package io.liftoff.producer;

import java.util.Objects;

/**
 * One queue of a topic on one broker.
 *
 * @param topic the topic
 * @param brokerName the broker group holding the queue
 * @param queueId the queue's id on that broker, from 0
 */
public record MessageQueue(String topic, String brokerName, int queueId) {

    public MessageQueue {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(brokerName, "brokerName must not be null");
        if (queueId < 0) {
            throw new IllegalArgumentException("queueId must not be negative, was " + queueId);
        }
    }
}
