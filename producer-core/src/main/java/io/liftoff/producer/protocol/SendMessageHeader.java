package io.liftoff.producer.protocol;

import io.liftoff.producer.remoting.BinaryFields;
import io.liftoff.producer.remoting.HeaderFields;
import io.liftoff.producer.remoting.WritableHeaderFields;
import io.netty.buffer.ByteBuf;
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
 * @param properties the encoded property string
 * @param brokerName the target broker's name
 * @param autoCreate how the broker may create a missing topic
 * @param batch whether the body holds several encoded messages (SEND_BATCH_MESSAGE)
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
        boolean batch)
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
                .add("i", properties)
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
        BinaryFields.text(out, "i", properties);
        BinaryFields.text(out, "j", "0");
        BinaryFields.text(out, "k", "false");
        BinaryFields.text(out, "m", batch ? "true" : "false");
        BinaryFields.text(out, "n", brokerName);
    }

    /** The decimal text of {@code value}, shared for the small numbers nearly every send has. */
    private static String text(int value) {
        return value >= 0 && value < SMALL_NUMBERS.length
                ? SMALL_NUMBERS[value]
                : Integer.toString(value);
    }
}
