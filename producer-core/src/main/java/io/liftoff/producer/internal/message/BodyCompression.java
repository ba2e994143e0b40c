package io.liftoff.producer.internal.message;

import io.liftoff.producer.CompressionType;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.ByteBuffer;

/**
 * How the producer compresses message bodies: with a {@link CompressionType} at a level, for bodies
 * of at least a threshold (PROTOCOL.md §7). zlib is the default, because consumers older than 4.9.4
 * can inflate nothing else.
 *
 * <p>Each type writes the format the official client writes, flagged {@link
 * MessageSysFlag#COMPRESSED} and the type's bits: zlib-wrapped deflate as {@code
 * java.util.zip.DeflaterOutputStream} writes it (769, {@code 0x301}), an LZ4 frame ({@code 0x101})
 * or a Zstandard frame ({@code 0x201}). Unlike the official client, which sends the compressed
 * bytes even when they are larger, the body is sent as is when compression does not make it
 * smaller: incompressible data (images, encrypted or already compressed payloads) then costs
 * neither bytes on the wire nor a decompression at every consumer.
 *
 * <p>Batches are never compressed: the broker does not support it. {@link BodyDecompressor}
 * reverses zlib. Immutable and thread-safe.
 */
public final class BodyCompression {

    /** The official client's {@code compressMsgBodyOverHowmuch}. */
    public static final int DEFAULT_THRESHOLD = 4096;

    /** The official client's {@code compressLevel}. */
    public static final int DEFAULT_LEVEL = 5;

    /** zlib at level {@value #DEFAULT_LEVEL} for bodies of {@value #DEFAULT_THRESHOLD} bytes on. */
    public static final BodyCompression DEFAULT = zlib(DEFAULT_THRESHOLD, DEFAULT_LEVEL);

    private static final BodyCompression DISABLED =
            new BodyCompression(CompressionType.ZLIB, Integer.MAX_VALUE, 0);

    private final CompressionType type;
    private final int threshold;
    private final int level;
    private final BodyCodec codec;
    private final int flags;

    private BodyCompression(CompressionType type, int threshold, int level) {
        this.type = type;
        this.threshold = threshold;
        this.level = level;
        this.codec = BodyCodecs.create(type, level);
        this.flags = MessageSysFlag.COMPRESSED | codec.typeFlag();
    }

    /**
     * Compresses with a type, once its library is found.
     *
     * @param type the compression type
     * @param threshold the smallest body in bytes that is compressed; 0 to {@code Integer.MAX_VALUE
     *     - 1}
     * @param level the type's level ({@link BodyCodecs#checkLevel})
     * @return the configuration
     * @throws IllegalArgumentException if an argument is out of range, or the type's library is
     *     missing or does not load
     */
    public static BodyCompression of(CompressionType type, int threshold, int level) {
        if (threshold < 0 || threshold == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "threshold "
                            + threshold
                            + " must be 0.."
                            + (Integer.MAX_VALUE - 1)
                            + " bytes; use BodyCompression.disabled() never to compress");
        }
        BodyCodecs.checkLevel(type, level);
        BodyCodecs.requireLibrary(type, BodyCompression.class.getClassLoader());
        return new BodyCompression(type, threshold, level);
    }

    /**
     * Compresses with zlib.
     *
     * @param threshold the smallest body in bytes that is compressed; 0 to {@code Integer.MAX_VALUE
     *     - 1}
     * @param level the deflate level, 0 (store only, which never shrinks a body) to 9 (smallest)
     * @return the configuration
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static BodyCompression zlib(int threshold, int level) {
        return of(CompressionType.ZLIB, threshold, level);
    }

    /**
     * Never compresses.
     *
     * @return the same instance each call; its {@link #threshold()} is {@code Integer.MAX_VALUE}
     *     and its {@link #level()} 0
     */
    public static BodyCompression disabled() {
        return DISABLED;
    }

    /** Returns whether any body can be compressed, i.e. this is not {@link #disabled()}. */
    public boolean isEnabled() {
        return threshold != Integer.MAX_VALUE;
    }

    /** Returns the smallest body in bytes that is compressed. */
    public int threshold() {
        return threshold;
    }

    /** Returns the level, in the range of the {@link #type()}. */
    public int level() {
        return level;
    }

    /** Returns the compression type. */
    public CompressionType type() {
        return type;
    }

    /**
     * Compresses a body if it reaches the threshold and shrinks.
     *
     * @param body the body; must not be {@code null}. Not changed, and not kept: the result holds a
     *     copy when the body is sent as is
     * @return the bytes to send and the sysFlag bits to OR into the send header
     * @throws InvalidMessageException if {@code body} is {@code null}
     */
    public Compressed compress(byte[] body) {
        if (body == null) {
            throw new InvalidMessageException("body must not be null; pass the body to send");
        }
        Compressed compressed = tryCompress(body);
        return compressed != null
                ? compressed
                : Compressed.uncompressed(ByteBuffer.wrap(body.clone()));
    }

    /**
     * Compresses the body of a message if it reaches the threshold and shrinks, without copying the
     * body when it is sent as is.
     *
     * @param message the message; must not be {@code null}
     * @return the bytes to send and the sysFlag bits to OR into the send header
     * @throws InvalidMessageException if {@code message} is {@code null}
     */
    public Compressed compress(Message message) {
        if (message == null) {
            throw new InvalidMessageException("message must not be null; pass the message to send");
        }
        Compressed compressed = tryCompress(MessageBodies.sharedBody(message));
        return compressed != null ? compressed : Compressed.uncompressed(message.bodyBuffer());
    }

    /**
     * Returns a message's own body array to send as is, e.g. one below the threshold, so that the
     * frame encoder copies straight from it: it is for the send path alone, which never writes to
     * it nor hands it to user code.
     *
     * @param message the message; must not be {@code null}
     * @return the message's array itself, not a copy
     */
    public static byte[] sendBody(Message message) {
        return MessageBodies.sharedBody(message);
    }

    /** Returns the compressed body, or {@code null} if the body is to be sent as is. */
    private Compressed tryCompress(byte[] body) {
        // An empty body cannot shrink; the codecs rely on at least one byte.
        if (body.length < threshold || body.length == 0) {
            return null;
        }
        byte[] compressed = codec.compress(body);
        return compressed == null ? null : Compressed.compressed(compressed, flags);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BodyCompression
                && type == ((BodyCompression) other).type
                && threshold == ((BodyCompression) other).threshold
                && level == ((BodyCompression) other).level;
    }

    @Override
    public int hashCode() {
        return (31 * type.hashCode() + threshold) * 31 + level;
    }

    @Override
    public String toString() {
        if (!isEnabled()) {
            return "BodyCompression{disabled}";
        }
        return "BodyCompression{" + type + ", threshold=" + threshold + ", level=" + level + "}";
    }

    /**
     * A body ready to send and the sysFlag bits that describe it. Immutable: the bytes are never
     * exposed for writing.
     */
    public static final class Compressed {

        private final ByteBuffer body;
        private final int sysFlag;

        private Compressed(ByteBuffer body, int sysFlag) {
            this.body = body.asReadOnlyBuffer();
            this.sysFlag = sysFlag;
        }

        static Compressed compressed(byte[] body, int sysFlag) {
            return new Compressed(ByteBuffer.wrap(body), sysFlag);
        }

        static Compressed uncompressed(ByteBuffer body) {
            return new Compressed(body, 0);
        }

        /**
         * Returns a read-only view of the bytes to send, without copying them.
         *
         * @return a new buffer each call, positioned at 0 with {@link #bodyLength()} remaining
         */
        public ByteBuffer bodyBuffer() {
            return body.duplicate();
        }

        /** Returns a new copy of the bytes to send. */
        public byte[] body() {
            byte[] copy = new byte[body.remaining()];
            body.duplicate().get(copy);
            return copy;
        }

        /** Returns the number of bytes to send. */
        public int bodyLength() {
            return body.remaining();
        }

        /**
         * Returns the bits to OR into the message's sysFlag: {@link MessageSysFlag#COMPRESSED} and
         * the type's bits if compressed, else 0.
         */
        public int sysFlag() {
            return sysFlag;
        }

        /** Returns whether the body was compressed. */
        public boolean isCompressed() {
            return sysFlag != 0;
        }

        @Override
        public String toString() {
            return "Compressed{bodyLength=" + bodyLength() + ", sysFlag=" + sysFlag + "}";
        }
    }
}
