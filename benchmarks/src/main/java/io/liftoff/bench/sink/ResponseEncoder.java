package io.liftoff.bench.sink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@link SinkResponse} as one frame, with a header in the serialization its request used
 * (as a 4.9.x broker does), so that neither client pays for a header format it did not choose.
 */
final class ResponseEncoder extends MessageToByteEncoder<SinkResponse> {

    /** MQVersion ordinal of 5.3.3, what a real broker of that version puts in its answers. */
    static final int VERSION = 479;

    private static final int FLAG_RESPONSE = 1;

    @Override
    protected void encode(ChannelHandlerContext ctx, SinkResponse response, ByteBuf out) {
        int start = out.writerIndex();
        out.writeLong(0); // length and header info, set below
        if (response.binary()) {
            writeBinaryHeader(response, out);
        } else {
            writeJsonHeader(response, out);
        }
        int headerLength = out.writerIndex() - start - 8;
        byte[] body = response.body();
        if (body != null) {
            out.writeBytes(body);
        }
        out.setInt(start, out.writerIndex() - start - 4);
        out.setInt(start + 4, (response.binary() ? 1 << 24 : 0) | headerLength);
    }

    private static void writeBinaryHeader(SinkResponse response, ByteBuf out) {
        out.writeShort(response.code());
        out.writeByte(0); // JAVA
        out.writeShort(VERSION);
        out.writeInt(response.opaque());
        out.writeInt(FLAG_RESPONSE);
        out.writeInt(0); // no remark
        int mapLengthIndex = out.writerIndex();
        out.writeInt(0);
        for (Map.Entry<String, String> field : response.fields().entrySet()) {
            out.writeShort(field.getKey().length());
            out.writeCharSequence(field.getKey(), StandardCharsets.US_ASCII);
            out.writeInt(field.getValue().length());
            out.writeCharSequence(field.getValue(), StandardCharsets.US_ASCII);
        }
        out.setInt(mapLengthIndex, out.writerIndex() - mapLengthIndex - 4);
    }

    private static void writeJsonHeader(SinkResponse response, ByteBuf out) {
        StringBuilder json = new StringBuilder(160).append("{\"code\":").append(response.code());
        if (!response.fields().isEmpty()) {
            json.append(",\"extFields\":{");
            String separator = "";
            for (Map.Entry<String, String> field : response.fields().entrySet()) {
                json.append(separator)
                        .append('"')
                        .append(field.getKey())
                        .append("\":\"")
                        .append(field.getValue())
                        .append('"');
                separator = ",";
            }
            json.append('}');
        }
        json.append(",\"flag\":")
                .append(FLAG_RESPONSE)
                .append(",\"language\":\"JAVA\",\"opaque\":")
                .append(response.opaque())
                .append(",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":")
                .append(VERSION)
                .append('}');
        ByteBufUtil.writeAscii(out, json);
    }
}
