package io.liftoff.bench.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Cuts frames ({@code int32 length | int32 serialization << 24 | header length | header | body})
 * and reads from each header only what {@link SinkRequest} holds. A body is skipped unread, except
 * that of a batch, whose records are counted.
 */
final class RequestDecoder extends LengthFieldBasedFrameDecoder {

    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final int SEND_BATCH_MESSAGE = 320;
    private static final JsonFactory JSON = new JsonFactory();

    RequestDecoder() {
        super(MAX_FRAME, 0, 4, 0, 4);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        try {
            int info = frame.readInt();
            int headerLength = info & 0xFFFFFF;
            ByteBuf header = frame.readSlice(headerLength);
            SinkRequest request = (info >>> 24) == 1 ? binary(header) : json(header);
            // what is left of the frame is the body
            return request.code() == SEND_BATCH_MESSAGE
                    ? request.withMessages(batchRecords(frame))
                    : request;
        } finally {
            frame.release();
        }
    }

    private static SinkRequest binary(ByteBuf header) {
        int code = header.readShort();
        header.skipBytes(1 + 2); // language, version
        int opaque = header.readInt();
        int flags = header.readInt();
        header.skipBytes(header.readInt()); // remark
        int mapEnd = header.readInt() + header.readerIndex();
        int queueId = -1;
        while (header.readerIndex() < mapEnd) {
            int keyLength = header.readShort();
            int keyStart = header.readerIndex();
            header.skipBytes(keyLength);
            int valueLength = header.readInt();
            if (isQueueIdKey(header, keyStart, keyLength)) {
                queueId =
                        Integer.parseInt(
                                header.toString(
                                        header.readerIndex(),
                                        valueLength,
                                        StandardCharsets.US_ASCII));
            }
            header.skipBytes(valueLength);
        }
        return new SinkRequest(code, opaque, (flags & 2) != 0, true, queueId, 1);
    }

    /**
     * Counts the records of a batch body: each starts with its own total size ({@code int32
     * totalSize | magic | bodyCRC | flag | bodyLength | body | int16 propertiesLength |
     * properties}), so the sizes alone lead from one to the next.
     */
    static int batchRecords(ByteBuf body) {
        int index = body.readerIndex();
        int end = body.writerIndex();
        int records = 0;
        while (index < end) {
            int size = end - index >= 4 ? body.getInt(index) : -1;
            if (size < 4 || size > end - index) {
                throw new CorruptedFrameException(
                        "batch record "
                                + records
                                + " claims "
                                + size
                                + " bytes where "
                                + (end - index)
                                + " are left");
            }
            index += size;
            records++;
        }
        if (records == 0) {
            throw new CorruptedFrameException("batch without records");
        }
        return records;
    }

    private static boolean isQueueIdKey(ByteBuf header, int start, int length) {
        if (length == 1) {
            return header.getByte(start) == 'e';
        }
        return length == 7
                && "queueId".equals(header.toString(start, length, StandardCharsets.US_ASCII));
    }

    private static SinkRequest json(ByteBuf header) {
        int code = 0;
        int opaque = 0;
        int flags = 0;
        int queueId = -1;
        try (JsonParser parser =
                JSON.createParser((java.io.InputStream) new ByteBufInputStream(header))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CorruptedFrameException("JSON header is not an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "code" -> code = parser.getIntValue();
                    case "opaque" -> opaque = parser.getIntValue();
                    case "flag" -> flags = parser.getIntValue();
                    case "extFields" -> queueId = queueIdOf(parser);
                    default -> {
                        if (value.isStructStart()) {
                            parser.skipChildren();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable JSON header", e);
        }
        return new SinkRequest(code, opaque, (flags & 2) != 0, false, queueId, 1);
    }

    private static int queueIdOf(JsonParser parser) throws IOException {
        int queueId = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if ("e".equals(name) || "queueId".equals(name)) {
                queueId = Integer.parseInt(parser.getText());
            }
        }
        return queueId;
    }
}
