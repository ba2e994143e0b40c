package io.liftoff.producer;

import java.util.Map;
import java.util.Objects;

/**
 * A broker's question about a half message whose transaction is still open: commit or roll back?
 *
 * @param messageId the message id ({@code UNIQ_KEY}) the send reported
 * @param transactionId the transaction id
 * @param topic the message's topic
 * @param properties the message's properties as stored, system properties included
 * @param body the message's body
 */
public record TransactionCheck(
        String messageId,
        String transactionId,
        String topic,
        Map<String, String> properties,
        byte[] body) {

    public TransactionCheck {
        Objects.requireNonNull(topic, "topic must not be null");
        properties = Map.copyOf(properties);
    }
}
