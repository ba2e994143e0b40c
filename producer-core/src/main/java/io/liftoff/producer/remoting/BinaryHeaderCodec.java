package io.liftoff.producer.remoting;

import io.netty.buffer.ByteBuf;
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

    /**
     * Field names of the answers every send gets, decoded to these shared strings instead of a new
     * string each time: a send's answer would otherwise allocate its names anew, as much as its
     * values.
     */
    private static final String[] KNOWN_NAMES = {
        "msgId",
        "queueId",
        "queueOffset",
        "MSG_REGION",
        "TRACE_ON",
        "transactionId",
        "recallHandle",
        "batchUniqId"
    };

    /** Most fields decoded into {@link HeaderFields}; more go into a hash map. */
    private static final int FEW_FIELDS = 16;

    private static final byte[][] KNOWN_NAME_BYTES = new byte[KNOWN_NAMES.length][];

    static {
        for (int i = 0; i < KNOWN_NAMES.length; i++) {
            KNOWN_NAME_BYTES[i] = KNOWN_NAMES[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private BinaryHeaderCodec() {}

    @Override
    public void encode(Command command, ByteBuf out) {
        out.writeShort(int16(command.code(), "code"));
        out.writeByte(command.language());
        out.writeShort(int16(command.version(), "version"));
        out.writeInt(command.opaque());
        out.writeInt(command.flags());
        BinaryFieldWriter.writeString(out, command.remark());
        int mapLengthIndex = out.writerIndex();
        out.writeInt(0);
        WritableHeaderFields writable = command.writableFields();
        if (writable != null) {
            writable.writeTo(new BinaryFieldWriter(out));
        } else {
            command.extFields()
                    .forEach((name, value) -> BinaryFieldWriter.writeField(out, name, value));
        }
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
        // A header has a few fields, held in one array; a map only for many (a linear scan per
        // field would be quadratic) or a repeated name (the last one wins, as in the official
        // decoder).
        HeaderFields.Builder few = HeaderFields.builder(FEW_FIELDS / 2);
        Map<String, String> many = null;
        while (map.isReadable()) {
            require(map, 2, "extFields key length");
            String key = readName(map, map.readShort());
            require(map, 4, "extFields value length");
            int valueLength = map.readInt();
            // the error text names the field, built only for a bad value
            String value =
                    valueLength < 0 || map.readableBytes() < valueLength
                            ? readString(map, valueLength, "extFields value of " + key)
                            : readString(map, valueLength, "extFields value");
            // Zero-length strings decode as null (PROTOCOL.md 0.7): such an entry is absent.
            if (key == null || value == null) {
                continue;
            }
            if (many == null) {
                if (few.size() < FEW_FIELDS && few.addIfAbsent(key, value)) {
                    continue;
                }
                many = new LinkedHashMap<>(few.build());
            }
            many.put(key, value);
        }
        return many != null ? many : few.build();
    }

    /** Reads a field name, a shared string when it is one of {@link #KNOWN_NAMES}. */
    private static String readName(ByteBuf in, int length) {
        if (length > 0 && in.readableBytes() >= length) {
            for (int i = 0; i < KNOWN_NAME_BYTES.length; i++) {
                if (matches(in, KNOWN_NAME_BYTES[i], length)) {
                    in.skipBytes(length);
                    return KNOWN_NAMES[i];
                }
            }
        }
        return readString(in, length, "extFields key");
    }

    private static boolean matches(ByteBuf in, byte[] name, int length) {
        if (name.length != length) {
            return false;
        }
        int start = in.readerIndex();
        for (int i = 0; i < length; i++) {
            if (in.getByte(start + i) != name[i]) {
                return false;
            }
        }
        return true;
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
