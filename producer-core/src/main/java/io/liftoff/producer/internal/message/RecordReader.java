package io.liftoff.producer.internal.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of a binary record in order, refusing to read past its end with an {@link
 * IllegalArgumentException} that names the field, rather than an index or buffer exception. Not
 * thread-safe: one reader per record.
 */
final class RecordReader {

    private final ByteBuffer buffer;
    private final String what;

    /**
     * @param bytes the record
     * @param start where to start reading
     * @param end the number of bytes that belong to the record, {@code start} to {@code
     *     bytes.length}; nothing at or after it is read
     * @param what names the record in error messages, e.g. "commit-log record"
     */
    RecordReader(byte[] bytes, int start, int end, String what) {
        this.buffer = ByteBuffer.wrap(bytes, start, end - start);
        this.what = what;
    }

    int readInt(String field) {
        require(field, 4);
        return buffer.getInt();
    }

    long readLong(String field) {
        require(field, 8);
        return buffer.getLong();
    }

    short readShort(String field) {
        require(field, 2);
        return buffer.getShort();
    }

    int readUnsignedByte(String field) {
        require(field, 1);
        return buffer.get() & 0xFF;
    }

    int readUnsignedShort(String field) {
        return readShort(field) & 0xFFFF;
    }

    /**
     * Reads {@code length} bytes.
     *
     * @param length the length read from the record; a negative one is refused as corrupt
     */
    byte[] readBytes(String field, int length) {
        if (length < 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s has a negative length %d for %s at offset %d; the bytes are"
                                    + " corrupt or not a %s",
                            what, length, field, buffer.position(), what));
        }
        require(field, length);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    String readUtf8(String field, int length) {
        return new String(readBytes(field, length), StandardCharsets.UTF_8);
    }

    /** Reads an IPv4 or IPv6 address and an int32 port. */
    InetSocketAddress readHost(String field, boolean ipv6) {
        byte[] address = readBytes(field + " address", ipv6 ? 16 : 4);
        int port = readInt(field + " port");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s has %s port %d outside 0..65535; the bytes are corrupt or not a"
                                    + " %s",
                            what, field, port, what));
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            // getByAddress only fails for a length other than 4 or 16, ruled out above.
            throw new IllegalStateException("IP address of " + address.length + " bytes", e);
        }
    }

    private void require(String field, int bytes) {
        if (buffer.remaining() < bytes) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s is truncated: %s needs %d bytes at offset %d but the record ends"
                                    + " at %d",
                            what, field, bytes, buffer.position(), buffer.limit()));
        }
    }
}
