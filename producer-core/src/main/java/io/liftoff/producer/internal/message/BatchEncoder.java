package io.liftoff.producer.internal.message;

import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes messages of one topic into batch request bodies (PROTOCOL.md §8), split so that no body
 * exceeds a limit.
 *
 * <p>A body is the concatenation of one record per message, in list order:
 *
 * <pre>
 * int32 totalSize = 20 + bodyLen + 2 + propLen | int32 magic 0 | int32 bodyCRC 0 | int32 flag
 * int32 bodyLen | body | int16 propLen | properties (UTF-8)
 * </pre>
 *
 * The broker ignores magic and bodyCRC. Each record carries the message's own properties as {@link
 * PropertiesCodec#encodeForSend(Message, String)} writes them, with a fresh {@code UNIQ_KEY}, so
 * every stored message keeps its own id. Bodies are never compressed: the broker stores every inner
 * message with the header's sysFlag, which must be 0 for a batch. Thread-safe: stateless.
 */
public final class BatchEncoder {

    /** Bytes of a record besides body and properties: five int32 fields and the int16 length. */
    private static final int RECORD_OVERHEAD = 5 * 4 + 2;

    private static final String RETRY_TOPIC_PREFIX = "%RETRY%";

    private BatchEncoder() {}

    /**
     * Checks and encodes a batch, splitting it greedily in list order: a part takes messages until
     * the next one would push its body over {@code maxMessageSize}.
     *
     * <p>Every message is checked before anything is encoded, so a refused batch uses no ids.
     *
     * @param messages the messages; see {@link #headerProperties(List)} for the rules. Besides,
     *     each message's record must fit {@code maxMessageSize} and its properties the broker's
     *     limit less {@link MessageValidator#PROPERTIES_HEADROOM_BYTES}
     * @param ids makes each message's {@code UNIQ_KEY}; must not be {@code null}
     * @param maxMessageSize the largest request body in bytes, usually the producer's
     *     maxMessageSize (4 MiB by default); must be positive
     * @return the parts in order, at least one; together they hold every message once
     * @throws InvalidMessageException if an argument breaks these rules
     */
    public static List<EncodedBatch> encode(
            List<Message> messages, UniqueIdGenerator ids, int maxMessageSize) {
        String headerProperties = headerProperties(messages);
        if (ids == null) {
            throw new InvalidMessageException(
                    "ids must not be null; pass UniqueIdGenerator.shared()");
        }
        if (maxMessageSize <= 0) {
            throw new InvalidMessageException(
                    "maxMessageSize must be positive but was "
                            + maxMessageSize
                            + "; fix the producer configuration");
        }
        validateSizes(messages, ids.idLength(), maxMessageSize);

        Message[] batch = messages.toArray(new Message[0]);
        String[] messageIds = new String[batch.length];
        byte[][] properties = new byte[batch.length][];
        for (int i = 0; i < batch.length; i++) {
            messageIds[i] = ids.next();
            properties[i] =
                    PropertiesCodec.encodeForSend(batch[i], messageIds[i])
                            .getBytes(StandardCharsets.UTF_8);
        }
        Records records = new Records(batch, messageIds, properties, headerProperties);
        List<EncodedBatch> parts = new ArrayList<>();
        int start = 0;
        long partSize = 0;
        for (int i = 0; i < batch.length; i++) {
            long recordSize = records.size(i);
            if (i > start && partSize + recordSize > maxMessageSize) {
                parts.add(records.encode(start, i, partSize));
                start = i;
                partSize = 0;
            }
            partSize += recordSize;
        }
        parts.add(records.encode(start, batch.length, partSize));
        return List.copyOf(parts);
    }

    /**
     * Checks a batch and returns the properties for its send header: {@code WAIT\u0001true\u0002}
     * or {@code WAIT\u0001false\u0002}, the messages' common setting.
     *
     * <p>Never a {@code UNIQ_KEY}, unlike the official 5.x client: brokers up to 5.3.3 append the
     * header properties to every inner message, and since a later duplicate wins when properties
     * are read, one batch-level {@code UNIQ_KEY} would give every message of the batch the same id
     * (PROTOCOL.md §0.4).
     *
     * @param messages non-empty, no {@code null} element; all of one topic that is not a {@code
     *     %RETRY%} topic, all with the same waitStoreMessageOk, none with a delay level or delivery
     *     time (the broker refuses a delayed batch)
     * @return the encoded header properties
     * @throws InvalidMessageException if a rule is broken
     */
    public static String headerProperties(List<Message> messages) {
        validateStructure(messages);
        return MessageProperties.WAIT_STORE_MSG_OK
                + MessageProperties.NAME_VALUE_SEPARATOR
                + messages.get(0).waitStoreMessageOk()
                + MessageProperties.PROPERTY_SEPARATOR;
    }

    private static long recordSize(Message message, long propertiesBytes) {
        return recordSize(message.bodyLength(), propertiesBytes);
    }

    /** The bytes of one record in a batch body, for a body and properties of these lengths. */
    public static long recordSize(int bodyLength, long propertiesBytes) {
        return RECORD_OVERHEAD + bodyLength + propertiesBytes;
    }

    /**
     * Writes one record at {@code out}'s position.
     *
     * @param body the message body, read from its position without moving it
     * @param properties the message's whole property string, UTF-8 encoded
     */
    public static void putRecord(ByteBuffer out, int flag, ByteBuffer body, byte[] properties) {
        out.putInt((int) recordSize(body.remaining(), properties.length))
                .putInt(0)
                .putInt(0)
                .putInt(flag)
                .putInt(body.remaining())
                .put(body.duplicate())
                .putShort((short) properties.length)
                .put(properties);
    }

    /** The messages of a checked batch with their ids and encoded properties, in order. */
    private record Records(
            Message[] messages, String[] ids, byte[][] properties, String headerProperties) {

        long size(int index) {
            return recordSize(messages[index], properties[index].length);
        }

        /**
         * Encodes messages {@code start} (inclusive) to {@code end} into a body of {@code size}.
         */
        EncodedBatch encode(int start, int end, long size) {
            // validateSizes bounds each record, the split bounds the sum by an int limit.
            ByteBuffer body = ByteBuffer.allocate((int) size);
            for (int i = start; i < end; i++) {
                putRecord(body, messages[i].flag(), messages[i].bodyBuffer(), properties[i]);
            }
            return new EncodedBatch(
                    messages[start].topic(),
                    body.array(),
                    Arrays.asList(ids).subList(start, end),
                    headerProperties);
        }
    }

    private static void validateStructure(List<Message> messages) {
        if (messages == null) {
            throw new InvalidMessageException(
                    "messages must not be null; pass the messages of the batch");
        }
        if (messages.isEmpty()) {
            throw new InvalidMessageException(
                    "messages must not be empty; pass at least one message");
        }
        Message first = null;
        int index = 0;
        for (Message message : messages) {
            if (message == null) {
                throw new InvalidMessageException(
                        "message at index " + index + " of the batch is null; remove it");
            }
            if (first == null) {
                first = message;
            }
            validateMessage(index, message, first);
            index++;
        }
    }

    private static void validateMessage(int index, Message message, Message first) {
        String at = "message at index " + index + " of the batch";
        if (!message.topic().equals(first.topic())) {
            throw new InvalidMessageException(
                    String.format(
                            "%s has topic '%s' but message 0 has topic '%s'; a batch goes to one"
                                    + " topic, so send one batch per topic",
                            at, message.topic(), first.topic()));
        }
        if (message.topic().startsWith(RETRY_TOPIC_PREFIX)) {
            throw new InvalidMessageException(
                    String.format(
                            "topic '%s' is a retry topic, which brokers do not accept in a batch;"
                                    + " send the messages one by one",
                            message.topic()));
        }
        if (message.delayLevel() > 0 || message.deliveryTime() != null) {
            throw new InvalidMessageException(
                    String.format(
                            "%s has delayLevel %d and deliveryTime %s, but delay is not supported"
                                    + " in a batch; send it on its own",
                            at, message.delayLevel(), message.deliveryTime()));
        }
        if (message.waitStoreMessageOk() != first.waitStoreMessageOk()) {
            throw new InvalidMessageException(
                    String.format(
                            "%s has waitStoreMessageOk %s but message 0 has %s; the batch shares"
                                    + " one setting, so give every message the same",
                            at, message.waitStoreMessageOk(), first.waitStoreMessageOk()));
        }
    }

    private static void validateSizes(List<Message> messages, int idLength, int maxMessageSize) {
        int allowedProperties =
                MessageValidator.MAX_PROPERTIES_BYTES - MessageValidator.PROPERTIES_HEADROOM_BYTES;
        int index = 0;
        for (Message message : messages) {
            long propertiesBytes = PropertiesCodec.encodedUtf8LengthForSend(message, idLength);
            if (propertiesBytes > allowedProperties) {
                throw new InvalidMessageException(
                        String.format(
                                "properties of message at index %d of the batch encode to %d"
                                        + " bytes but at most %d are allowed (the broker's limit"
                                        + " %d less %d kept for system properties); use fewer or"
                                        + " shorter properties, keys or tags",
                                index,
                                propertiesBytes,
                                allowedProperties,
                                MessageValidator.MAX_PROPERTIES_BYTES,
                                MessageValidator.PROPERTIES_HEADROOM_BYTES));
            }
            long recordSize = recordSize(message, propertiesBytes);
            if (recordSize > maxMessageSize) {
                throw new InvalidMessageException(
                        String.format(
                                "message at index %d of the batch is %d bytes encoded, over the"
                                        + " limit %d; send it on its own or raise"
                                        + " maxMessageSize",
                                index, recordSize, maxMessageSize));
            }
            index++;
        }
    }
}
