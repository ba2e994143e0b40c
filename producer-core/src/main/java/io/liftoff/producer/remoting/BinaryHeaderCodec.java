package io.liftoff.producer.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
        writeString(out, command.remark());
        int mapLengthIndex = out.writerIndex();
        out.writeInt(0);
        command.extFields().forEach((name, value) -> writeField(out, name, value));
        out.setInt(mapLengthIndex, out.writerIndex() - mapLengthIndex - 4);
    }

    @Override
    public CommandBuilder decode(ByteBuf header) {
        require(header, FIXED_LENGTH, "fixed fields");
        CommandBuilder builder =
                new CommandBuilder()
                        .code(header.readShort())
                        .language(header.readByte())
                        .version(header.readShort())
                        .opaque(header.readInt())
                        .flags(header.readInt());
        builder.remark(readString(header, header.readInt(), "remark"));
        require(header, 4, "extFields length");
        int mapLength = header.readInt();
        require(header, mapLength, "extFields");
        if (mapLength > 0) {
            builder.extFields(readMap(header.readSlice(mapLength)));
        }
        // Bytes after the map are ignored, as the official decoder does, rather than rejected.
        return builder;
    }

    private static Map<String, String> readMap(ByteBuf map) {
        Map<String, String> fields = new LinkedHashMap<>();
        while (map.isReadable()) {
            require(map, 2, "extFields key length");
            String key = readString(map, map.readShort(), "extFields key");
            require(map, 4, "extFields value length");
            String value = readString(map, map.readInt(), "extFields value of " + key);
            // Zero-length strings decode as null (PROTOCOL.md 0.7): such an entry is absent.
            if (key != null && value != null) {
                fields.put(key, value);
            }
        }
        return fields;
    }

    private static void writeField(ByteBuf out, String name, String value) {
        // Lengths are filled in after writing: one pass over each string instead of two.
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
        writeString(out, value);
    }

    private static void writeString(ByteBuf out, String value) {
        if (value == null) {
            out.writeInt(0);
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        out.setInt(lengthIndex, ByteBufUtil.writeUtf8(out, value));
    }

    private static String readString(ByteBuf in, int length, String what) {
        if (length < 0) {
            throw new CorruptedFrameException(
                    "binary header has a negative length (" + length + ") for " + what);
        }
        require(in, length, what);
        if (length == 0) {
            return null;
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    private static void require(ByteBuf in, int length, String what) {
        if (length < 0 || in.readableBytes() < length) {
            throw new CorruptedFrameException(
                    "binary header too short for "
                            + what
                            + ": needs "
                            + length
                            + " bytes, "
                            + in.readableBytes()
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
