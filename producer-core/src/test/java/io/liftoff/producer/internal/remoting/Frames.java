package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** Builds and takes apart frames in tests, running our encoder and decoder on EmbeddedChannel. */
final class Frames {

    static final String ADDRESS = "127.0.0.1:10911";

    private Frames() {}

    /** Encodes {@code command} with our encoder and returns the whole frame. */
    static byte[] encode(Command command, HeaderSerialization serialization) {
        EmbeddedChannel channel =
                new EmbeddedChannel(
                        new FrameEncoder(
                                serialization, RemotingOptions.DEFAULT_MAX_FRAME_LENGTH, ADDRESS));
        assertThat(channel.writeOutbound(command)).isTrue();
        ByteBuf frame = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
            channel.finishAndReleaseAll();
        }
    }

    /** Decodes one whole frame with our decoder. */
    static Command decode(byte[] frame) {
        EmbeddedChannel channel =
                new EmbeddedChannel(new FrameDecoder(RemotingOptions.DEFAULT_MAX_FRAME_LENGTH));
        assertThat(channel.writeInbound(Unpooled.wrappedBuffer(frame))).isTrue();
        Command command = channel.readInbound();
        channel.finishAndReleaseAll();
        return command;
    }

    /** Builds a frame around a header of serialization type {@code type} and a body. */
    static byte[] frame(int type, byte[] header, byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(8 + header.length + body.length);
        frame.putInt(4 + header.length + body.length);
        frame.putInt(type << 24 | header.length);
        frame.put(header);
        frame.put(body);
        return frame.array();
    }

    /** Returns the header section of a whole frame. */
    static byte[] header(byte[] frame) {
        int headerLength = ByteBuffer.wrap(frame, 4, 4).getInt() & 0xFFFFFF;
        return Arrays.copyOfRange(frame, 8, 8 + headerLength);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
