package io.liftoff.producer.internal;

import io.liftoff.producer.internal.message.BatchEncoder;
import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.message.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins single messages that automatic batching holds for one queue into one batch request (the
 * record layout of {@link BatchEncoder}). Each record keeps the message's own property string, its
 * {@code UNIQ_KEY} included, so every stored message keeps the id its send reports.
 */
final class CoalescedBatch {

    /**
     * The batch header's properties when no message has a sharding key: only {@code WAIT=true}, as
     * every batchable message has it; brokers append them to every record, which carries its own
     * (see {@link BatchEncoder#headerProperties}).
     */
    static final String HEADER_PROPERTIES =
            MessageProperties.WAIT_STORE_MSG_OK
                    + MessageProperties.NAME_VALUE_SEPARATOR
                    + "true"
                    + MessageProperties.PROPERTY_SEPARATOR;

    private CoalescedBatch() {}

    /** The bytes {@code message} takes in a batch body. */
    static int recordSize(PreparedMessage message) {
        long properties = Utf8.length(message.properties());
        if (message.trailingUniqueKey() != null) {
            properties += message.messageId().length() + 1; // the id is ASCII, then \u0002
        }
        return (int) BatchEncoder.recordSize(message.bodyLength(), properties);
    }

    /**
     * @param messages single messages of {@code topic}, at least two, in the order to store them,
     *     all with the same sharding key or none: with one, the header carries it too, since a 5.x
     *     broker or Proxy that checks the message type reads it there (FIFO, not NORMAL)
     * @param bytes the sum of their {@link #recordSize}s
     */
    static PreparedMessage encode(String topic, List<PreparedMessage> messages, int bytes) {
        ByteBuffer body = ByteBuffer.allocate(bytes);
        List<String> ids = new ArrayList<>(messages.size());
        for (PreparedMessage message : messages) {
            BatchEncoder.putRecord(
                    body,
                    message.flag(),
                    message.body(),
                    message.wholeProperties().getBytes(StandardCharsets.UTF_8));
            ids.add(message.messageId());
        }
        String shardingKey = messages.get(0).shardingKey();
        String header =
                shardingKey == null
                        ? HEADER_PROPERTIES
                        : HEADER_PROPERTIES
                                + MessageProperties.SHARDING_KEY
                                + MessageProperties.NAME_VALUE_SEPARATOR
                                + shardingKey
                                + MessageProperties.PROPERTY_SEPARATOR;
        return PreparedMessage.batch(topic, ids, header, body.flip());
    }
}
