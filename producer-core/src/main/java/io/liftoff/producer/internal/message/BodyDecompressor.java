package io.liftoff.producer.internal.message;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Restores bodies that a producer compressed (PROTOCOL.md §7), e.g. the body of a commit-log record
 * or of a pushed reply. Only zlib is supported, the one type every RocketMQ client can read; LZ4
 * and Zstandard would need libraries that are only optional here. Thread-safe: stateless, each call
 * uses its own {@link Inflater}.
 */
public final class BodyDecompressor {

    private static final int CHUNK_BYTES = 8192;

    private BodyDecompressor() {}

    /**
     * Restores a body as stored by the broker.
     *
     * @param body the stored body; must not be {@code null}
     * @param sysFlag the message's sysFlag; when {@link MessageSysFlag#COMPRESSED} is clear the
     *     body is returned as is. A compression type of 0 also means zlib, because senders before
     *     4.9.4 set no type bits
     * @return the original body: {@code body} itself if it was not compressed, else a new array
     * @throws IllegalArgumentException if {@code body} is {@code null}, is compressed with LZ4,
     *     Zstandard or an unknown type, or is not a complete zlib stream
     */
    public static byte[] decompress(byte[] body, int sysFlag) {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null; pass the stored body");
        }
        if ((sysFlag & MessageSysFlag.COMPRESSED) == 0) {
            return body;
        }
        int type = sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK;
        if (type != 0 && type != MessageSysFlag.ZLIB_TYPE) {
            throw new IllegalArgumentException(
                    String.format(
                            "body is compressed with %s (sysFlag 0x%X) but only zlib can be"
                                    + " decompressed; let the sender use zlib, the official"
                                    + " client's default",
                            typeName(type), sysFlag));
        }
        return inflate(body, sysFlag);
    }

    private static byte[] inflate(byte[] body, int sysFlag) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            // Text and JSON, the usual compressed bodies, shrink about fourfold.
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream(Math.min(body.length, 1 << 20) * 4);
            byte[] chunk = new byte[CHUNK_BYTES];
            while (!inflater.finished()) {
                int inflated = inflater.inflate(chunk);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException(
                            String.format(
                                    "body of %d bytes flagged zlib (sysFlag 0x%X) ends before its"
                                            + " zlib stream does; the body is truncated or was"
                                            + " not compressed",
                                    body.length, sysFlag));
                }
                out.write(chunk, 0, inflated);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(
                    String.format(
                            "body of %d bytes flagged zlib (sysFlag 0x%X) is not a zlib stream"
                                    + " (%s); the body is corrupt or was compressed otherwise",
                            body.length, sysFlag, e.getMessage()),
                    e);
        } finally {
            inflater.end();
        }
    }

    private static String typeName(int type) {
        switch (type) {
            case MessageSysFlag.LZ4_TYPE:
                return "LZ4";
            case MessageSysFlag.ZSTD_TYPE:
                return "Zstandard";
            default:
                return "unknown compression type " + (type >> 8);
        }
    }
}
