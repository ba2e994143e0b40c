package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameCodecTests {

    private static final String PROPERTIES = "KEYS\u0001k1\u0002WAIT\u0001true\u0002";

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void roundTripShouldKeepEveryField(HeaderSerialization serialization) {
        Map<String, String> extFields = new LinkedHashMap<>();
        extFields.put("z", "last-in-alphabet-first-in-map");
        extFields.put("a", "PG");
        extFields.put("i", PROPERTIES);
        extFields.put("ключ", "värde 中文");
        byte[] body = {0x00, 0x01, 0x02, (byte) 0xFF, 'x'};
        Command sent =
                Command.response(17, "line one\nZeile zwei: ü 中文", extFields, body)
                        .stamped(7, 479, Command.FLAG_RESPONSE | Command.FLAG_ONEWAY);

        Command received = Frames.decode(Frames.encode(sent, serialization));

        assertThat(received.code()).isEqualTo(17);
        assertThat(received.opaque()).isEqualTo(7);
        assertThat(received.flags()).isEqualTo(3);
        assertThat(received.version()).isEqualTo(479);
        assertThat(received.language()).isEqualTo(LanguageCodes.JAVA);
        assertThat(received.remark()).isEqualTo("line one\nZeile zwei: ü 中文");
        assertThat(received.extFields()).containsExactlyEntriesOf(extFields);
        assertThat(received.body()).containsExactly(body);
        assertThat(received.serialization()).isEqualTo(serialization);
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void roundTripWhenNoBodyNoRemarkNoExtFieldsShouldDecodeNullAndEmpty(
            HeaderSerialization serialization) {
        Command sent = Command.request(105, Map.of(), null).stamped(-5, 0, 0);

        Command received = Frames.decode(Frames.encode(sent, serialization));

        assertThat(received.code()).isEqualTo(105);
        assertThat(received.opaque()).isEqualTo(-5);
        assertThat(received.isResponse()).isFalse();
        assertThat(received.isOneway()).isFalse();
        assertThat(received.remark()).isNull();
        assertThat(received.extFields()).isEmpty();
        assertThat(received.body()).isNull();
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void encodeShouldWriteLengthAndHeaderInfoWords(HeaderSerialization serialization) {
        byte[] body = {1, 2, 3};

        byte[] frame = Frames.encode(Command.request(310, Map.of("a", "PG"), body), serialization);

        int headerLength = Frames.header(frame).length;
        assertThat(readInt(frame, 0)).isEqualTo(frame.length - 4);
        assertThat(readInt(frame, 4)).isEqualTo(serialization.code() << 24 | headerLength);
        assertThat(frame.length).isEqualTo(8 + headerLength + body.length);
    }

    @Test
    void encodeWhenBodyPresentShouldWriteOneDirectBufferThatNettyNeedNotCopy() {
        byte[] body = {9, 8, 7};
        EmbeddedChannel channel =
                new EmbeddedChannel(
                        new FrameEncoder(HeaderSerialization.ROCKETMQ, 1024, Frames.ADDRESS));

        channel.writeOutbound(Command.request(310, Map.of(), body));

        ByteBuf frame = channel.readOutbound();
        try {
            // a composite or heap frame would be copied into a direct buffer by the NIO channel
            assertThat(frame).isNotInstanceOf(CompositeByteBuf.class);
            assertThat(frame.isDirect()).isTrue();
            byte[] tail = new byte[body.length];
            frame.getBytes(frame.writerIndex() - body.length, tail);
            assertThat(tail).isEqualTo(body);
        } finally {
            frame.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void encodeWhenFrameExceedsLimitShouldFailWriteAndWriteNothing() {
        EmbeddedChannel channel =
                new EmbeddedChannel(
                        new FrameEncoder(HeaderSerialization.JSON, 256, Frames.ADDRESS));

        ChannelFuture write =
                channel.writeAndFlush(
                        Command.request(310, Map.of(), new byte[300]).stamped(7, 479, 0));

        assertThat(write.isSuccess()).isFalse();
        assertThat(write.cause())
                .isInstanceOf(EncoderException.class)
                .cause()
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("request code 310 (opaque 7)")
                .hasMessageContaining(Frames.ADDRESS)
                .hasMessageContaining("limit of 256 bytes");
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void decodeOfAFrameShouldKeepNothingOfTheFrameBeforeIt(HeaderSerialization serialization) {
        Command full =
                Command.response(17, "busy", Map.of("a", "1"), new byte[] {1, 2})
                        .stamped(5, 479, Command.FLAG_RESPONSE);
        Command bare = Command.request(310, Map.of(), null).stamped(6, 0, 0);
        EmbeddedChannel channel =
                new EmbeddedChannel(new FrameDecoder(RemotingOptions.DEFAULT_MAX_FRAME_LENGTH));

        channel.writeInbound(
                Unpooled.wrappedBuffer(
                        Frames.encode(full, serialization), Frames.encode(bare, serialization)));

        Command first = channel.readInbound();
        Command second = channel.readInbound();
        assertThat(first.remark()).isEqualTo("busy");
        assertThat(first.extFields()).containsExactly(Map.entry("a", "1"));
        assertThat(first.body()).containsExactly(1, 2);
        assertThat(first.isResponse()).isTrue();
        assertThat(second.code()).isEqualTo(310);
        assertThat(second.opaque()).isEqualTo(6);
        assertThat(second.remark()).isNull();
        assertThat(second.extFields()).isEmpty();
        assertThat(second.body()).isNull();
        assertThat(second.isResponse()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void decodeWhenFrameArrivesInPiecesShouldWaitForTheWholeFrame() {
        byte[] frame =
                Frames.encode(
                        Command.request(34, Map.of("k", "v"), new byte[] {1, 2}),
                        HeaderSerialization.JSON);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));

        for (int i = 0; i < frame.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(frame, i, 1));
        }
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(frame, frame.length - 1, 1));

        Command command = channel.readInbound();
        assertThat(command.code()).isEqualTo(34);
        assertThat(command.extFields()).containsExactly(Map.entry("k", "v"));
        assertThat(command.body()).containsExactly(1, 2);
        channel.finishAndReleaseAll();
    }

    @Test
    void decodeWhenFrameExceedsLimitShouldRaiseTooLongFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));

        assertThatThrownBy(
                        () -> channel.writeInbound(Unpooled.wrappedBuffer(Frames.hex("00000041"))))
                .isInstanceOf(TooLongFrameException.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void decodeWhenHeaderLengthExceedsFrameShouldRaiseCorruptedFrame() {
        byte[] frame = Frames.hex("00000008 00000010 00000000");
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(frame)))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("header length 16");
        channel.finishAndReleaseAll();
    }

    @Test
    void decodeWhenFrameHasNoHeaderInfoWordShouldRaiseCorruptedFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));

        assertThatThrownBy(
                        () ->
                                channel.writeInbound(
                                        Unpooled.wrappedBuffer(Frames.hex("00000002 0000"))))
                .isInstanceOf(CorruptedFrameException.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void decodeWhenSerializationTypeIsUnknownShouldRaiseCorruptedFrame() {
        byte[] frame = Frames.frame(2, Frames.utf8("{}"), new byte[0]);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(frame)))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("code 2");
        channel.finishAndReleaseAll();
    }

    private static int readInt(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset, 4).getInt();
    }
}
