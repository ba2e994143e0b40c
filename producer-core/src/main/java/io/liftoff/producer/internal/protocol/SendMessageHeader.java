package io.liftoff.producer.internal.protocol;

import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.remoting.BinaryFields;
import io.liftoff.producer.internal.remoting.HeaderFields;
import io.liftoff.producer.internal.remoting.WritableHeaderFields;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Objects;

/**
 * The request header of SEND_MESSAGE_V2. The V2 short keys {@code a}..{@code n} are protocol
 * details and live only in {@link #toExtFields()} and {@link #writeTo}, which write the same fields
 * in the same order.
 *
 * @param producerGroup the producer group
 * @param topic the target topic
 * @param queueId the target queue on the broker
 * @param sysFlag RocketMQ's message system flags (compression, transaction type)
 * @param bornTimestamp the client clock when the message was sent, epoch milliseconds
 * @param flag the message's user flag
 * @param properties the encoded property string, or only its start when {@code trailingUniqueKey}
 *     is set
 * @param brokerName the target broker's name
 * @param autoCreate how the broker may create a missing topic
 * @param batch whether the body holds several encoded messages (SEND_BATCH_MESSAGE)
 * @param trailingUniqueKey {@code null}, or the value of a last {@code UNIQ_KEY} property that
 *     completes {@code properties}: a message with only {@code WAIT} and {@code UNIQ_KEY} passes a
 *     constant start and its id, and {@link #writeTo} writes both into the frame without joining
 *     them into a string per send
 */
public record SendMessageHeader(
        String producerGroup,
        String topic,
        int queueId,
        int sysFlag,
        long bornTimestamp,
        int flag,
        String properties,
        String brokerName,
        AutoCreate autoCreate,
        boolean batch,
        String trailingUniqueKey)
        implements WritableHeaderFields {

    /**
     * The template topic and queue count the broker uses when it creates a missing topic.
     *
     * @param defaultTopic the template topic, normally {@code TBW102}
     * @param defaultTopicQueueNums how many queues a created topic gets
     */
    public record AutoCreate(String defaultTopic, int defaultTopicQueueNums) {
        /** What the official client sends: {@code TBW102} and 4 queues. */
        public static final AutoCreate DEFAULT = new AutoCreate("TBW102", 4);
    }

    /** Queue ids, flags and queue counts are small: their texts are made once. */
    private static final String[] SMALL_NUMBERS = new String[256];

    static {
        for (int i = 0; i < SMALL_NUMBERS.length; i++) {
            SMALL_NUMBERS[i] = Integer.toString(i);
        }
    }

    /** A header whose {@code properties} is the whole property string. */
    public SendMessageHeader(
            String producerGroup,
            String topic,
            int queueId,
            int sysFlag,
            long bornTimestamp,
            int flag,
            String properties,
            String brokerName,
            AutoCreate autoCreate,
            boolean batch) {
        this(
                producerGroup,
                topic,
                queueId,
                sysFlag,
                bornTimestamp,
                flag,
                properties,
                brokerName,
                autoCreate,
                batch,
                null);
    }

    public SendMessageHeader {
        Objects.requireNonNull(producerGroup, "producerGroup must not be null");
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(properties, "properties must not be null");
        Objects.requireNonNull(brokerName, "brokerName must not be null");
        Objects.requireNonNull(autoCreate, "autoCreate must not be null");
    }

    /**
     * The header as V2 extFields. Fields {@code a}..{@code h} are always sent (PROTOCOL.md §3a).
     *
     * @return immutable {@link HeaderFields}, which a request shares without copying
     */
    @Override
    public HeaderFields toExtFields() {
        return HeaderFields.builder(13)
                .add("a", producerGroup)
                .add("b", topic)
                .add("c", autoCreate.defaultTopic())
                .add("d", text(autoCreate.defaultTopicQueueNums()))
                .add("e", text(queueId))
                .add("f", text(sysFlag))
                .add("g", Long.toString(bornTimestamp))
                .add("h", text(flag))
                .add("i", propertyString())
                .add("j", "0")
                .add("k", "false")
                // the broker unpacks a batch body only when this flag is set, whatever the code
                .add("m", Boolean.toString(batch))
                .add("n", brokerName)
                .build();
    }

    /** Writes the fields of {@link #toExtFields()} with no string per number in between. */
    @Override
    public void writeTo(ByteBuf out) {
        BinaryFields.text(out, "a", producerGroup);
        BinaryFields.text(out, "b", topic);
        BinaryFields.text(out, "c", autoCreate.defaultTopic());
        BinaryFields.number(out, "d", autoCreate.defaultTopicQueueNums());
        BinaryFields.number(out, "e", queueId);
        BinaryFields.number(out, "f", sysFlag);
        BinaryFields.number(out, "g", bornTimestamp);
        BinaryFields.number(out, "h", flag);
        writeProperties(out);
        BinaryFields.text(out, "j", "0");
        BinaryFields.text(out, "k", "false");
        BinaryFields.text(out, "m", batch ? "true" : "false");
        BinaryFields.text(out, "n", brokerName);
    }

    /** The whole property string, as {@link #toExtFields()} sends it. */
    public String propertyString() {
        return trailingUniqueKey == null
                ? properties
                : properties + trailingUniqueKey + MessageProperties.PROPERTY_SEPARATOR;
    }

    /** Writes field {@code i}, the bytes of {@link #propertyString()}, without building it. */
    private void writeProperties(ByteBuf out) {
        int start = out.writerIndex();
        BinaryFields.text(out, "i", properties);
        if (trailingUniqueKey != null) {
            int added = ByteBufUtil.writeUtf8(out, trailingUniqueKey);
            out.writeByte(MessageProperties.PROPERTY_SEPARATOR);
            // The value's int32 length follows the name's int16 length and the one-byte name.
            int lengthIndex = start + Short.BYTES + 1;
            out.setInt(lengthIndex, out.getInt(lengthIndex) + added + 1);
        }
    }

    /** The decimal text of {@code value}, shared for the small numbers nearly every send has. */
    private static String text(int value) {
        return value >= 0 && value < SMALL_NUMBERS.length
                ? SMALL_NUMBERS[value]
                : Integer.toString(value);
    }
}
