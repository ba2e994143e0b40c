package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.remoting.protocol.LanguageCode;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks our codec against the official 5.3.3 {@link RemotingCommand}, in both directions and both
 * header serializations, for a SEND_MESSAGE_V2-like request and a send response.
 */
class WireConformanceTests {

    private static final int SEND_MESSAGE_V2 = 310;
    private static final int VERSION = 479;
    private static final byte[] BODY = {0x00, 0x01, 0x02, 'h', 'i', (byte) 0xFE};

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void officialDecodeOfOurRequestShouldMatchOfficialRequest(HeaderSerialization serialization)
            throws Exception {
        Command ours = Command.request(SEND_MESSAGE_V2, sendHeader(), BODY).stamped(7, VERSION, 0);
        RemotingCommand expected = officialRequest(serialization);

        byte[] frame = Frames.encode(ours, serialization);
        // The official decoder expects what its frame decoder passes on: the frame without its
        // 4-byte length prefix.
        RemotingCommand decoded =
                RemotingCommand.decode(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());

        assertSameFields(decoded, expected);
        assertThat(decoded.getSerializeTypeCurrentRPC())
                .isEqualTo(SerializeType.valueOf(serialization.name()));
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void officialDecodeOfOurResponseShouldMatchOfficialResponse(HeaderSerialization serialization)
            throws Exception {
        Command ours =
                Command.response(1, "broker busy\nZeile ü 中", sendResponseHeader(), null)
                        .stamped(106, VERSION, Command.FLAG_RESPONSE);
        RemotingCommand expected = officialResponse(serialization);

        byte[] frame = Frames.encode(ours, serialization);
        RemotingCommand decoded =
                RemotingCommand.decode(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());

        assertSameFields(decoded, expected);
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void ourDecodeOfOfficialEncodeShouldMatchOurRequest(HeaderSerialization serialization) {
        Command expected =
                Command.request(SEND_MESSAGE_V2, sendHeader(), BODY).stamped(7, VERSION, 0);

        ByteBuffer frame = officialRequest(serialization).encode();

        Command decoded = Frames.decode(bytes(frame));
        assertSameFields(decoded, expected);
        assertThat(decoded.serialization()).isEqualTo(serialization);
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void ourDecodeOfOfficialFastEncodeShouldMatchOurRequest(HeaderSerialization serialization) {
        Command expected =
                Command.request(SEND_MESSAGE_V2, sendHeader(), BODY).stamped(7, VERSION, 0);
        ByteBuf frame = Unpooled.buffer();

        // fastEncodeHeader writes the length words and header; Netty writes the body after it.
        officialRequest(serialization).fastEncodeHeader(frame);
        frame.writeBytes(BODY);

        Command decoded = Frames.decode(ByteBufUtil.getBytes(frame));
        assertSameFields(decoded, expected);
        assertThat(decoded.serialization()).isEqualTo(serialization);
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void ourDecodeOfOfficialResponseShouldMatchOurResponse(HeaderSerialization serialization) {
        Command expected =
                Command.response(1, "broker busy\nZeile ü 中", sendResponseHeader(), null)
                        .stamped(106, VERSION, Command.FLAG_RESPONSE);
        ByteBuf frame = Unpooled.buffer();

        officialResponse(serialization).fastEncodeHeader(frame);

        Command decoded = Frames.decode(ByteBufUtil.getBytes(frame));
        assertSameFields(decoded, expected);
        assertThat(decoded.isResponse()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void headerFieldsShouldEncodeByteForByteLikeAnOrderedMap(HeaderSerialization serialization) {
        HeaderFields.Builder builder = HeaderFields.builder(14);
        sendHeader().forEach(builder::add);
        Command viaMap =
                Command.request(SEND_MESSAGE_V2, sendHeader(), BODY).stamped(7, VERSION, 0);
        Command viaFields =
                Command.request(SEND_MESSAGE_V2, builder.build(), BODY).stamped(7, VERSION, 0);

        assertThat(Frames.encode(viaFields, serialization))
                .isEqualTo(Frames.encode(viaMap, serialization));
    }

    @Test
    void languageCodesShouldMatchOfficialLanguageCode() {
        for (LanguageCode language : LanguageCode.values()) {
            assertThat(LanguageCodes.name(language.getCode())).isEqualTo(language.name());
            assertThat(LanguageCodes.code(language.name())).isEqualTo(language.getCode());
        }
        assertThat(LanguageCodes.name(LanguageCode.values().length)).isNull();
    }

    private static Map<String, String> sendHeader() {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("a", "please_rename_unique_group_name");
        header.put("b", "TopicTest");
        header.put("c", "TBW102");
        header.put("d", "4");
        header.put("e", "3");
        header.put("f", "0");
        header.put("g", "1700000000000");
        header.put("h", "0");
        header.put("i", "KEYS\u0001order-1\u0002TAGS\u0001TagA\u0002WAIT\u0001true\u0002");
        header.put("j", "0");
        header.put("k", "false");
        header.put("l", "16");
        header.put("m", "false");
        header.put("n", "broker-a");
        return header;
    }

    private static Map<String, String> sendResponseHeader() {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("msgId", "7F00000100002A9F0000000000000000");
        header.put("queueId", "0");
        header.put("queueOffset", "12");
        return header;
    }

    private static RemotingCommand officialRequest(HeaderSerialization serialization) {
        RemotingCommand command = RemotingCommand.createRequestCommand(SEND_MESSAGE_V2, null);
        command.setOpaque(7);
        command.setVersion(VERSION);
        command.setExtFields(new HashMap<>(sendHeader()));
        command.setBody(BODY);
        command.setSerializeTypeCurrentRPC(SerializeType.valueOf(serialization.name()));
        return command;
    }

    private static RemotingCommand officialResponse(HeaderSerialization serialization) {
        RemotingCommand command =
                RemotingCommand.createResponseCommand(1, "broker busy\nZeile ü 中");
        command.setOpaque(106);
        command.setVersion(VERSION);
        command.setExtFields(new HashMap<>(sendResponseHeader()));
        command.setSerializeTypeCurrentRPC(SerializeType.valueOf(serialization.name()));
        return command;
    }

    private static void assertSameFields(RemotingCommand actual, RemotingCommand expected) {
        assertThat(actual.getCode()).isEqualTo(expected.getCode());
        assertThat(actual.getOpaque()).isEqualTo(expected.getOpaque());
        assertThat(actual.getFlag()).isEqualTo(expected.getFlag());
        assertThat(actual.getVersion()).isEqualTo(expected.getVersion());
        assertThat(actual.getLanguage()).isEqualTo(expected.getLanguage());
        assertThat(actual.getRemark()).isEqualTo(expected.getRemark());
        assertThat(actual.getExtFields()).isEqualTo(expected.getExtFields());
        assertThat(actual.getBody()).isEqualTo(expected.getBody());
    }

    private static void assertSameFields(Command actual, Command expected) {
        assertThat(actual.code()).isEqualTo(expected.code());
        assertThat(actual.opaque()).isEqualTo(expected.opaque());
        assertThat(actual.flags()).isEqualTo(expected.flags());
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual.language()).isEqualTo(expected.language());
        assertThat(actual.remark()).isEqualTo(expected.remark());
        assertThat(actual.extFields()).isEqualTo(expected.extFields());
        assertThat(actual.body()).isEqualTo(expected.body());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
