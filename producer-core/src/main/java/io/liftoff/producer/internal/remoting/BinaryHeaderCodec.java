package io.liftoff.producer.internal.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The ROCKETMQ binary header (serialization type 1): {@code int16 code, int8 language, int16
 * version, int32 opaque, int32 flag, int32 remark length + remark, int32 map length + entries of
 * (int16 key length + key, int32 value length + value)}, strings in UTF-8. A zero length stands for
 * {@code null} both ways, so an empty remark or value arrives as absent.
 */
final class BinaryHeaderCodec implements HeaderCodec {

    static final BinaryHeaderCodec INSTANCE = new BinaryHeaderCodec();

    // code, language, version, opaque, flag, remark length
    private static final int FIXED_LENGTH = 2 + 1 + 2 + 4 + 4 + 4;

    private BinaryHeaderCodec() {}

    @Override
    public void encode(Command command, ByteBuf out) {
        out.writeShort(int16(command.code(), "code"));
        out.writeByte(command.language());
        out.writeShort(int16(command.version(), "version"));
        out.writeInt(command.opaque());
        out.writeInt(command.flags());
        BinaryFields.writeString(out, command.remark());
        int mapLengthIndex = out.writerIndex();
        out.writeInt(0);
        WritableHeaderFields writable = command.writableFields();
        if (writable != null) {
            writable.writeTo(out);
        } else {
            command.extFields().forEach((name, value) -> BinaryFields.text(out, name, value));
        }
        out.setInt(mapLengthIndex, out.writerIndex() - mapLengthIndex - 4);
    }

    @Override
    public void decode(ByteBuf in, int length, CommandBuilder into) {
        // Read where the header lies, up to its end, rather than from a slice of it: a slice is
        // an object per frame.
        int end = in.readerIndex() + length;
        require(in, end, FIXED_LENGTH, "fixed fields");
        into.code(in.readShort())
                .language(in.readByte())
                .version(in.readShort())
                .opaque(in.readInt())
                .flags(in.readInt());
        into.remark(readString(in, end, in.readInt(), "remark"));
        require(in, end, 4, "extFields length");
        int mapLength = in.readInt();
        require(in, end, mapLength, "extFields");
        if (mapLength > 0) {
            into.extFields(readMap(in, in.readerIndex() + mapLength));
        }
        // Bytes after the map are ignored, as the official decoder does, rather than rejected.
    }

    private static Map<String, String> readMap(ByteBuf in, int end) {
        DecodedExtFields fields = new DecodedExtFields(countEntries(in, end));
        while (in.readerIndex() < end) {
            require(in, end, 2, "extFields key length");
            String key = readKey(in, end, in.readShort());
            require(in, end, 4, "extFields value length");
            String value = readValue(in, end, in.readInt(), key);
            // Zero-length strings decode as null (PROTOCOL.md 0.7): such an entry is absent.
            if (key != null && value != null) {
                fields.put(key, value);
            }
        }
        return fields.fields();
    }

    /**
     * Counts the entries before {@code end}, so that the fields' array is made to measure; stops at
     * a length that does not fit, which the reading pass then reports.
     */
    private static int countEntries(ByteBuf in, int end) {
        int count = 0;
        int index = in.readerIndex();
        while (end - index >= 6) {
            int valueIndex = index + 2 + in.getShort(index);
            if (valueIndex < index + 2 || end - valueIndex < 4) {
                break;
            }
            int valueLength = in.getInt(valueIndex);
            if (valueLength < 0 || end - valueIndex - 4 < valueLength) {
                break;
            }
            index = valueIndex + 4 + valueLength;
            count++;
        }
        return count;
    }

    private static String readKey(ByteBuf in, int end, int length) {
        String shared = readShared(in, end, length, true);
        return shared != null ? shared : readString(in, end, length, "extFields key");
    }

    private static String readValue(ByteBuf in, int end, int length, String key) {
        String shared = readShared(in, end, length, false);
        if (shared != null) {
            return shared;
        }
        boolean fits = length > 0 && end - in.readerIndex() >= length;
        // the error text names the field, built only for a bad value
        return readString(in, end, length, fits ? "extFields value" : "extFields value of " + key);
    }

    /**
     * Reads the next {@code length} bytes as a shared name or value ({@link SharedHeaderTexts}) if
     * they are one; else reads nothing and returns {@code null}.
     */
    private static String readShared(ByteBuf in, int end, int length, boolean name) {
        if (length <= 0 || end - in.readerIndex() < length) {
            return null;
        }
        int index = in.readerIndex();
        String shared =
                name
                        ? SharedHeaderTexts.name(in, index, length)
                        : SharedHeaderTexts.value(in, index, length);
        if (shared != null) {
            in.skipBytes(length);
        }
        return shared;
    }

    private static String readString(ByteBuf in, int end, int length, String what) {
        if (length < 0) {
            throw new CorruptedFrameException(
                    "binary header has a negative length (" + length + ") for " + what);
        }
        require(in, end, length, what);
        if (length == 0) {
            return null;
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    /** Fails unless {@code length} bytes are left before {@code end}. */
    private static void require(ByteBuf in, int end, int length, String what) {
        int left = end - in.readerIndex();
        if (length < 0 || left < length) {
            throw new CorruptedFrameException(
                    "binary header too short for "
                            + what
                            + ": needs "
                            + length
                            + " bytes, "
                            + left
                            + " left");
        }
    }

    private static int int16(int value, String name) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(
                    name
                            + " is "
                            + value
                            + ", which does not fit the int16 of the ROCKETMQ binary header; use"
                            + " JSON headers");
        }
        return value;
    }
}
