package io.liftoff.producer.internal.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writes extFields entries of the ROCKETMQ binary header ({@code int16 name length + name, int32
 * value length + value}, UTF-8) into a frame buffer, numbers as their decimal digits without a
 * string in between. Static, so that writing a header allocates nothing.
 */
public final class BinaryFields {

    private BinaryFields() {}

    /**
     * Writes a text field.
     *
     * @param out the frame buffer
     * @param name the field name
     * @param value the value; {@code null} or empty arrives as absent, as in any binary header
     * @throws IllegalArgumentException if the name is longer than the int16 length allows
     */
    public static void text(ByteBuf out, String name, String value) {
        writeName(out, name);
        writeString(out, value);
    }

    /**
     * Writes a number field as the same digits {@link Long#toString(long)} gives.
     *
     * @param out the frame buffer
     * @param name the field name
     * @param value the value
     * @throws IllegalArgumentException if the name is longer than the int16 length allows
     */
    public static void number(ByteBuf out, String name, long value) {
        writeName(out, name);
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        out.setInt(lengthIndex, writeDecimal(out, value));
    }

    /** Writes an int32 length and the UTF-8 bytes of {@code value}; {@code null} as length 0. */
    static void writeString(ByteBuf out, String value) {
        if (value == null) {
            out.writeInt(0);
            return;
        }
        // The length is filled in after writing: one pass over the string instead of two.
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        out.setInt(lengthIndex, ByteBufUtil.writeUtf8(out, value));
    }

    private static void writeName(ByteBuf out, String name) {
        int lengthIndex = out.writerIndex();
        out.writeShort(0);
        int length = ByteBufUtil.writeUtf8(out, name);
        if (length > Short.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "extFields key "
                            + name
                            + " is "
                            + length
                            + " bytes long, which does not fit the int16 length of the ROCKETMQ"
                            + " binary header; use a shorter key or JSON headers");
        }
        out.setShort(lengthIndex, length);
    }

    /** Writes the decimal digits of {@code value}, returning how many bytes that took. */
    private static int writeDecimal(ByteBuf out, long value) {
        if (value == Long.MIN_VALUE) {
            // its magnitude has no positive long; rare enough for a string
            return ByteBufUtil.writeAscii(out, Long.toString(value));
        }
        int start = out.writerIndex();
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        out.ensureWritable(digits);
        int end = out.writerIndex() + digits;
        for (int index = end - 1; index >= end - digits; index--) {
            out.setByte(index, '0' + (int) (value % 10));
            value /= 10;
        }
        out.writerIndex(end);
        return end - start;
    }
}
