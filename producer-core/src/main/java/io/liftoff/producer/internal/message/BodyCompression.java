package io.liftoff.producer.internal.message;

import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * How the producer compresses message bodies: zlib at a level, for bodies of at least a threshold
 * (PROTOCOL.md §7). Only zlib is written, because consumers older than 4.9.4 can inflate nothing
 * else.
 *
 * <p>The output is the zlib-wrapped deflate stream that {@code java.util.zip.DeflaterOutputStream}
 * writes in the official client, flagged {@link MessageSysFlag#COMPRESSED} | {@link
 * MessageSysFlag#ZLIB_TYPE} (769). Unlike the official client, which sends the compressed bytes
 * even when they are larger, the body is sent as is when compression does not make it smaller:
 * incompressible data (images, encrypted or already compressed payloads) then costs neither bytes
 * on the wire nor an inflate at every consumer.
 *
 * <p>Batches are never compressed: the broker does not support it. {@link BodyDecompressor}
 * reverses the compression. Immutable and thread-safe; each call uses its own {@link Deflater}.
 */
public final class BodyCompression {

    /** The official client's {@code compressMsgBodyOverHowmuch}. */
    public static final int DEFAULT_THRESHOLD = 4096;

    /** The official client's {@code compressLevel}. */
    public static final int DEFAULT_LEVEL = 5;

    /** zlib at level {@value #DEFAULT_LEVEL} for bodies of {@value #DEFAULT_THRESHOLD} bytes on. */
    public static final BodyCompression DEFAULT = zlib(DEFAULT_THRESHOLD, DEFAULT_LEVEL);

    private static final BodyCompression DISABLED = new BodyCompression(Integer.MAX_VALUE, 0);

    private static final int ZLIB_FLAGS = MessageSysFlag.COMPRESSED | MessageSysFlag.ZLIB_TYPE;

    private final int threshold;
    private final int level;

    private BodyCompression(int threshold, int level) {
        this.threshold = threshold;
        this.level = level;
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
        if (threshold < 0 || threshold == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "threshold "
                            + threshold
                            + " must be 0.."
                            + (Integer.MAX_VALUE - 1)
                            + " bytes; use BodyCompression.disabled() never to compress");
        }
        if (level < Deflater.NO_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException(
                    "level "
                            + level
                            + " must be 0..9 (0 stores, 9 compresses best); the official client's"
                            + " default is 5");
        }
        return new BodyCompression(threshold, level);
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

    /** Returns the deflate level, 0..9. */
    public int level() {
        return level;
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
        Compressed compressed = tryCompress(ByteBuffer.wrap(body));
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
        Compressed compressed = tryCompress(message.bodyBuffer());
        return compressed != null ? compressed : Compressed.uncompressed(message.bodyBuffer());
    }

    /**
     * Returns a view of a message's body to send as is, e.g. one below the threshold. The view is
     * writable only so that the frame encoder can copy straight from its array (a read-only view
     * costs an object per send there): it is for the send path alone, which never writes through it
     * nor hands it to user code.
     *
     * @param message the message; must not be {@code null}
     * @return a new buffer each call, positioned at 0 with the body's length remaining
     */
    public static ByteBuffer sendView(Message message) {
        return ByteBuffer.wrap(MessageBodies.sharedBody(message));
    }

    /** Returns the compressed body, or {@code null} if the body is to be sent as is. */
    private Compressed tryCompress(ByteBuffer body) {
        int length = body.remaining();
        // An empty body cannot shrink; the check also keeps the buffer below from going negative.
        if (length < threshold || length == 0) {
            return null;
        }
        // The default Deflater writes the zlib wrapper, as DeflaterOutputStream's does.
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(body);
            deflater.finish();
            // Room for one byte less than the body: output that does not fit is not worth sending.
            byte[] out = new byte[length - 1];
            int written = 0;
            while (!deflater.finished() && written < out.length) {
                written += deflater.deflate(out, written, out.length - written);
            }
            if (!deflater.finished()) {
                return null;
            }
            return Compressed.compressed(Arrays.copyOf(out, written), ZLIB_FLAGS);
        } finally {
            deflater.end();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BodyCompression
                && threshold == ((BodyCompression) other).threshold
                && level == ((BodyCompression) other).level;
    }

    @Override
    public int hashCode() {
        return 31 * threshold + level;
    }

    @Override
    public String toString() {
        if (!isEnabled()) {
            return "BodyCompression{disabled}";
        }
        return "BodyCompression{zlib, threshold=" + threshold + ", level=" + level + "}";
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
         * Returns the bits to OR into the message's sysFlag: {@link MessageSysFlag#COMPRESSED} |
         * {@link MessageSysFlag#ZLIB_TYPE} if compressed, else 0.
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
