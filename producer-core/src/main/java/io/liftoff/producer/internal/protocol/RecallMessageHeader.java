package io.liftoff.producer.internal.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The request header of RECALL_MESSAGE (brokers 5.3.2+), which cancels a timer message before it is
 * delivered.
 *
 * @param producerGroup the recalling producer's group; must not be {@code null}
 * @param topic the timer message's topic; must not be {@code null}
 * @param recallHandle the handle the broker returned when it stored the timer message; must not be
 *     {@code null}
 * @param brokerName the broker that stored the message, as named in the recall handle; must not be
 *     {@code null}
 */
public record RecallMessageHeader(
        String producerGroup, String topic, String recallHandle, String brokerName) {

    public RecallMessageHeader {
        Objects.requireNonNull(producerGroup, "producerGroup must not be null");
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(recallHandle, "recallHandle must not be null");
        Objects.requireNonNull(brokerName, "brokerName must not be null");
    }

    /**
     * The header as extFields. {@code bname} is sent as the official client sends it, so that a
     * proxy can route the request to the broker that holds the message.
     */
    public Map<String, String> toExtFields() {
        Map<String, String> fields = new LinkedHashMap<>(8);
        fields.put("producerGroup", producerGroup);
        fields.put("topic", topic);
        fields.put("recallHandle", recallHandle);
        fields.put("bname", brokerName);
        return fields;
    }
}
