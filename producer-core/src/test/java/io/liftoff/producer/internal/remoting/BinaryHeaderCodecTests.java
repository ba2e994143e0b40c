package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.EncoderException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryHeaderCodecTests {

    /**
     * The start of a 5.3.3 binary V2 send header (PROTOCOL.md 1b): code 310, JAVA, version 479,
     * opaque 1, flag 0, no remark, then the map length.
     */
    private static final String VERIFIED_PREFIX = "0136 00 01df 00000001 00000000 00000000";

    @Test
    void encodeShouldMatchTheVerifiedPrefixAndMapLayout() {
        Command request = Command.request(310, Map.of("a", "PG"), null).stamped(1, 479, 0);

        byte[] header = Frames.header(Frames.encode(request, HeaderSerialization.ROCKETMQ));

        assertThat(header)
                .containsExactly(
                        Frames.concat(
                                Frames.hex(VERIFIED_PREFIX),
                                Frames.hex("00000009 0001 61 00000002 5047")));
    }

    @Test
    void decodeWhenHeaderIsBinaryShouldReadExtFields() {
        byte[] header =
                Frames.concat(
                        Frames.hex(VERIFIED_PREFIX),
                        Frames.hex("00000014 0001 61 00000002 5047 0001 62 00000004"),
                        Frames.utf8("T\u0001\u0002x"));

        Command command = Frames.decode(Frames.frame(1, header, new byte[] {0x00, 0x01, 0x02}));

        assertThat(command.code()).isEqualTo(310);
        assertThat(command.language()).isEqualTo(LanguageCodes.JAVA);
        assertThat(command.version()).isEqualTo(479);
        assertThat(command.opaque()).isEqualTo(1);
        assertThat(command.flags()).isZero();
        assertThat(command.remark()).isNull();
        assertThat(command.extFields())
                .containsExactly(Map.entry("a", "PG"), Map.entry("b", "T\u0001\u0002x"));
        assertThat(command.body()).containsExactly(0x00, 0x01, 0x02);
        assertThat(command.serialization()).isEqualTo(HeaderSerialization.ROCKETMQ);
    }

    @Test
    void decodeWhenStringsHaveZeroLengthShouldReadThemAsAbsent() {
        byte[] header =
                Frames.concat(
                        Frames.hex("0000 00 0000 00000002 00000001 00000000"),
                        Frames.hex("0000000f 0001 61 00000000 0001 62 00000001 78"));

        Command command = Frames.decode(Frames.frame(1, header, new byte[0]));

        assertThat(command.remark()).isNull();
        assertThat(command.extFields()).containsExactly(Map.entry("b", "x"));
        assertThat(command.extField("a")).isNull();
    }

    @Test
    void decodeWhenNameRepeatsShouldKeepItsLastValueAtItsFirstPlace() {
        Command command =
                Frames.decode(
                        Frames.frame(
                                1,
                                headerWithFields(
                                        "msgId", "7F00", "queueId", "3", "x", "y", "queueId", "5"),
                                new byte[0]));

        assertThat(command.extFields())
                .containsExactly(
                        Map.entry("msgId", "7F00"), Map.entry("queueId", "5"), Map.entry("x", "y"));
    }

    @Test
    void decodeWhenFieldsAreManyShouldReadThemAllInOrder() {
        String[] namesAndValues = new String[2 * 40];
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            namesAndValues[2 * i] = "name" + i;
            namesAndValues[2 * i + 1] = "value" + i;
            expected.put("name" + i, "value" + i);
        }

        Command command =
                Frames.decode(Frames.frame(1, headerWithFields(namesAndValues), new byte[0]));

        assertThat(command.extFields()).containsExactlyEntriesOf(expected);
    }

    @Test
    void decodeShouldShareTheTextsOfRepeatedValuesAndKeepEveryOtherValueAsSent() {
        String[] fields = {
            "queueId", "3",
            "queueOffset", "255",
            "MSG_REGION", "DefaultRegion",
            "TRACE_ON", "true",
            "n0", "007",
            "n1", "256",
            "n2", "-1",
            "n3", "1a",
            "n4", "0"
        };
        byte[] frame = Frames.frame(1, headerWithFields(fields), new byte[0]);

        Command first = Frames.decode(frame);
        Command second = Frames.decode(frame);

        for (int i = 0; i < fields.length; i += 2) {
            assertThat(first.extField(fields[i])).isEqualTo(fields[i + 1]);
        }
        for (String shared : new String[] {"queueId", "queueOffset", "MSG_REGION", "n4"}) {
            assertThat(second.extField(shared)).isSameAs(first.extField(shared));
        }
    }

    @Test
    void encodeWhenRemarkOrValueIsEmptyShouldWriteZeroLength() {
        Map<String, String> extFields = new LinkedHashMap<>();
        extFields.put("a", "");
        Command response = Command.response(0, "", extFields, null).stamped(2, 479, 1);

        byte[] header = Frames.header(Frames.encode(response, HeaderSerialization.ROCKETMQ));

        assertThat(Arrays.copyOfRange(header, 13, header.length))
                .containsExactly(Frames.hex("00000000 00000007 0001 61 00000000"));
    }

    @Test
    void decodeWhenRemarkLengthOverrunsHeaderShouldRaiseCorruptedFrame() {
        assertDecodeFails(Frames.hex("0136 00 01df 00000001 00000000 00000050 00000000"));
    }

    @Test
    void decodeWhenLengthIsNegativeShouldRaiseCorruptedFrame() {
        assertDecodeFails(Frames.hex("0136 00 01df 00000001 00000000 ffffffff 00000000"));
    }

    @Test
    void decodeWhenMapEntryOverrunsMapLengthShouldRaiseCorruptedFrame() {
        assertDecodeFails(
                Frames.concat(
                        Frames.hex(VERIFIED_PREFIX), Frames.hex("00000005 0001 61 00000002 5047")));
    }

    @Test
    void decodeWhenFixedFieldsAreCutShortShouldRaiseCorruptedFrame() {
        assertDecodeFails(Frames.hex("0136 00 01df 0000"));
    }

    @Test
    void encodeWhenCodeExceedsInt16ShouldFailTheWrite() {
        EmbeddedChannel channel =
                new EmbeddedChannel(
                        new FrameEncoder(HeaderSerialization.ROCKETMQ, 1024, Frames.ADDRESS));

        ChannelFuture write = channel.writeAndFlush(Command.request(70_000, Map.of(), null));

        assertThat(write.cause())
                .isInstanceOf(EncoderException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    /** A binary header with {@link #VERIFIED_PREFIX} and these fields, repeats allowed. */
    private static byte[] headerWithFields(String... namesAndValues) {
        ByteBuf map = Unpooled.buffer();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            byte[] name = namesAndValues[i].getBytes(StandardCharsets.UTF_8);
            byte[] value = namesAndValues[i + 1].getBytes(StandardCharsets.UTF_8);
            map.writeShort(name.length).writeBytes(name).writeInt(value.length).writeBytes(value);
        }
        byte[] mapBytes = ByteBufUtil.getBytes(map);
        map.release();
        byte[] mapLength = {
            (byte) (mapBytes.length >>> 24),
            (byte) (mapBytes.length >>> 16),
            (byte) (mapBytes.length >>> 8),
            (byte) mapBytes.length
        };
        return Frames.concat(Frames.hex(VERIFIED_PREFIX), mapLength, mapBytes);
    }

    private static void assertDecodeFails(byte[] header) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        byte[] frame = Frames.frame(1, header, new byte[0]);

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(frame)))
                .isInstanceOf(CorruptedFrameException.class);
        channel.finishAndReleaseAll();
    }
}
