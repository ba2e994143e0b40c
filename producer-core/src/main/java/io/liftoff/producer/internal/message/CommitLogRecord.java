package io.liftoff.producer.internal.message;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A message as the broker stores it in its commit log (PROTOCOL.md §9a). The broker sends one as
 * the body of CHECK_TRANSACTION_STATE, the check-back of a transactional half message.
 *
 * <p>Layout, big-endian: {@code int32 totalSize | int32 magic | int32 bodyCRC | int32 queueId |
 * int32 flag | int64 queueOffset | int64 physicalOffset | int32 sysFlag | int64 bornTimestamp |
 * bornHost | int64 storeTimestamp | storeHost | int32 reconsumeTimes | int64
 * preparedTransactionOffset | int32 bodyLen | body | topicLen | topic | int16 propertiesLen |
 * properties}. A host is 4 address bytes, or 16 when its sysFlag bit ({@link
 * MessageSysFlag#BORN_HOST_V6}, {@link MessageSysFlag#STORE_HOST_V6}) is set, then an int32 port.
 * Magic V1 (0xDAA320A7) has a 1-byte topic length, V2 (0xDAA320AB) a 2-byte one.
 *
 * <p>Immutable and thread-safe.
 */
public final class CommitLogRecord {

    /** Magic of a V1 record, 0xDAA320A7: topic length in 1 byte. The check-back body uses it. */
    public static final int MAGIC_V1 = 0xDAA320A7;

    /** Magic of a V2 record, 0xDAA320AB: topic length in 2 bytes. */
    public static final int MAGIC_V2 = 0xDAA320AB;

    private static final String WHAT = "commit-log record";

    /** totalSize and magic, the least a record must hold before anything else is read. */
    private static final int PREFIX_BYTES = 8;

    private final int magic;
    private final int bodyCrc;
    private final int queueId;
    private final int flag;
    private final long queueOffset;
    private final long commitLogOffset;
    private final int sysFlag;
    private final long bornTimestamp;
    private final InetSocketAddress bornHost;
    private final long storeTimestamp;
    private final InetSocketAddress storeHost;
    private final int reconsumeTimes;
    private final long preparedTransactionOffset;
    private final byte[] body;
    private final String topic;
    private final Map<String, String> properties;

    private CommitLogRecord(RecordReader in, int magic) {
        this.magic = magic;
        this.bodyCrc = in.readInt("bodyCRC");
        this.queueId = in.readInt("queueId");
        this.flag = in.readInt("flag");
        this.queueOffset = in.readLong("queueOffset");
        this.commitLogOffset = in.readLong("physicalOffset");
        this.sysFlag = in.readInt("sysFlag");
        this.bornTimestamp = in.readLong("bornTimestamp");
        this.bornHost = in.readHost("bornHost", (sysFlag & MessageSysFlag.BORN_HOST_V6) != 0);
        this.storeTimestamp = in.readLong("storeTimestamp");
        this.storeHost = in.readHost("storeHost", (sysFlag & MessageSysFlag.STORE_HOST_V6) != 0);
        this.reconsumeTimes = in.readInt("reconsumeTimes");
        this.preparedTransactionOffset = in.readLong("preparedTransactionOffset");
        byte[] stored = in.readBytes("body", in.readInt("bodyLength"));
        this.body = BodyDecompressor.decompress(stored, sysFlag);
        int topicLength =
                magic == MAGIC_V1
                        ? in.readUnsignedByte("topicLength")
                        : in.readUnsignedShort("topicLength");
        this.topic = in.readUtf8("topic", topicLength);
        this.properties =
                PropertiesCodec.decode(in.readUtf8("properties", in.readShort("propertiesLength")));
    }

    /**
     * Decodes one record.
     *
     * @param record the record, e.g. the body of CHECK_TRANSACTION_STATE; bytes after its {@code
     *     totalSize} are ignored
     * @return the decoded record; its body is decompressed if the sysFlag says it is compressed
     * @throws IllegalArgumentException if {@code record} is {@code null}, shorter than its {@code
     *     totalSize}, has an unknown magic, a length that runs past {@code totalSize}, a port out
     *     of range, or a body that cannot be decompressed (see {@link BodyDecompressor})
     */
    public static CommitLogRecord decode(byte[] record) {
        if (record == null) {
            throw new IllegalArgumentException(
                    "record must not be null; pass the body of the request");
        }
        if (record.length < PREFIX_BYTES) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s is truncated: it has %d bytes but even totalSize and magic need"
                                    + " %d",
                            WHAT, record.length, PREFIX_BYTES));
        }
        ByteBuffer prefix = ByteBuffer.wrap(record);
        int totalSize = prefix.getInt(0);
        int magic = prefix.getInt(4);
        if (magic != MAGIC_V1 && magic != MAGIC_V2) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s has magic 0x%08X but must have 0x%08X (V1) or 0x%08X (V2); the"
                                    + " bytes are not a commit-log record",
                            WHAT, magic, MAGIC_V1, MAGIC_V2));
        }
        if (totalSize < PREFIX_BYTES || totalSize > record.length) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s has totalSize %d but %d bytes; the record is truncated or"
                                    + " corrupt",
                            WHAT, totalSize, record.length));
        }
        return new CommitLogRecord(new RecordReader(record, PREFIX_BYTES, totalSize, WHAT), magic);
    }

    /** Returns the magic, {@link #MAGIC_V1} or {@link #MAGIC_V2}. */
    public int magic() {
        return magic;
    }

    /** Returns the CRC32 of the stored body as the broker recorded it. */
    public int bodyCrc() {
        return bodyCrc;
    }

    /** Returns the topic; for a check-back already the real topic, not the half topic. */
    public String topic() {
        return topic;
    }

    /** Returns the queue id; for a check-back already the real queue id. */
    public int queueId() {
        return queueId;
    }

    /** Returns the user flag. */
    public int flag() {
        return flag;
    }

    /** Returns the offset in the consume queue. */
    public long queueOffset() {
        return queueOffset;
    }

    /** Returns the physical offset in the commit log. */
    public long commitLogOffset() {
        return commitLogOffset;
    }

    /** Returns the sysFlag, see {@link MessageSysFlag}. */
    public int sysFlag() {
        return sysFlag;
    }

    /** Returns when the producer sent the message, in epoch milliseconds by its clock. */
    public long bornTimestamp() {
        return bornTimestamp;
    }

    /** Returns the producer's address as the broker saw it. */
    public InetSocketAddress bornHost() {
        return bornHost;
    }

    /** Returns when the broker stored the message, in epoch milliseconds. */
    public long storeTimestamp() {
        return storeTimestamp;
    }

    /** Returns the broker's store address. */
    public InetSocketAddress storeHost() {
        return storeHost;
    }

    /** Returns how often the message was consumed again. */
    public int reconsumeTimes() {
        return reconsumeTimes;
    }

    /** Returns the commit-log offset of the half message that a transaction record refers to. */
    public long preparedTransactionOffset() {
        return preparedTransactionOffset;
    }

    /** Returns a new copy of the body, decompressed if it was stored compressed. */
    public byte[] body() {
        return body.clone();
    }

    /** Returns the number of body bytes after decompression. */
    public int bodyLength() {
        return body.length;
    }

    /** Returns all properties, user and system: unmodifiable, in the order stored. */
    public Map<String, String> properties() {
        return properties;
    }

    /** Returns the client message id, property {@code UNIQ_KEY}, or {@code null} if absent. */
    public String uniqueKey() {
        return properties.get(MessageProperties.UNIQ_KEY);
    }

    /** Shows the shape of the record but neither the body nor property values. */
    @Override
    public String toString() {
        return String.format(
                "CommitLogRecord{topic=%s, queueId=%d, queueOffset=%d, commitLogOffset=%d,"
                        + " sysFlag=0x%X, uniqueKey=%s, bodyLength=%d, properties=%s}",
                topic,
                queueId,
                queueOffset,
                commitLogOffset,
                sysFlag,
                uniqueKey(),
                body.length,
                properties.keySet());
    }
}
