package io.liftoff.producer.internal;

import io.liftoff.producer.internal.message.BatchEncoder;
import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.message.Utf8;
import io.liftoff.producer.internal.remoting.WritableBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins single messages that automatic batching holds for one queue into one batch request (the
 * record layout of {@link BatchEncoder}). Each record keeps the message's own property string, its
 * {@code UNIQ_KEY} included, so every stored message keeps the id its send reports. The records are
 * written straight into the request's frame, never into a batch body on the heap first: that copy
 * cost about the body's size per message.
 */
final class CoalescedBatch implements WritableBody {

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

    private final List<PreparedMessage> messages;
    private final int length;

    private CoalescedBatch(List<PreparedMessage> messages, int length) {
        this.messages = messages;
        this.length = length;
    }

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
     *     broker or Proxy that checks the message type reads it there (FIFO, not NORMAL); handed
     *     over, not copied
     * @param bytes the sum of their {@link #recordSize}s
     */
    static PreparedMessage encode(String topic, List<PreparedMessage> messages, int bytes) {
        List<String> ids = new ArrayList<>(messages.size());
        for (PreparedMessage message : messages) {
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
        return PreparedMessage.batch(topic, ids, header, new CoalescedBatch(messages, bytes));
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public void writeTo(ByteBuf out) {
        for (PreparedMessage message : messages) {
            writeRecord(out, message);
        }
    }

    /**
     * Writes the record {@link BatchEncoder#putRecord} would: total size, magic code and body CRC
     * (0: the broker sets them), flag, body length and body, properties length and properties.
     */
    private static void writeRecord(ByteBuf out, PreparedMessage message) {
        int start = out.writerIndex();
        out.writeInt(0); // the total size, known once the properties are written
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(message.flag());
        out.writeInt(message.bodyLength());
        message.body().writeTo(out);
        int propertiesStart = out.writerIndex();
        out.writeShort(0);
        // Reserving the exact length keeps the frame, sized to the batch, from growing: Netty's
        // plain UTF-8 writer reserves three bytes per char.
        int properties =
                ByteBufUtil.reserveAndWriteUtf8(
                        out, message.properties(), (int) Utf8.length(message.properties()));
        String trailingId = message.trailingUniqueKey();
        if (trailingId != null) {
            properties += ByteBufUtil.writeAscii(out, trailingId);
            out.writeByte(MessageProperties.PROPERTY_SEPARATOR);
            properties++;
        }
        out.setShort(propertiesStart, properties);
        out.setInt(start, out.writerIndex() - start);
    }

    @Override
    public String toString() {
        return "CoalescedBatch[" + messages.size() + " messages, " + length + " bytes]";
    }
}
