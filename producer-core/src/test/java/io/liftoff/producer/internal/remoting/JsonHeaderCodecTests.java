package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonHeaderCodecTests {

    /** The header of a real 5.3.3 send response (PROTOCOL.md 1a), transaction id shortened. */
    private static final String BROKER_SEND_RESPONSE =
            "{\"code\":0,\"extFields\":{\"queueId\":\"0\",\"transactionId\":\"AC1101\","
                    + "\"msgId\":\"7F00000100002A9F0000000000000000\",\"TRACE_ON\":\"true\","
                    + "\"MSG_REGION\":\"DefaultRegion\",\"queueOffset\":\"0\"},\"flag\":1,"
                    + "\"language\":\"JAVA\",\"opaque\":106,\"serializeTypeCurrentRPC\":\"JSON\","
                    + "\"version\":479}";

    @Test
    void encodeShouldWriteFieldsInTheOrderAndFormOfTheOfficialClient() {
        Map<String, String> extFields = new LinkedHashMap<>();
        extFields.put("a", "PG");
        extFields.put("b", "T");
        Command request = Command.request(310, extFields, null).stamped(0, 479, 0);

        String header =
                new String(
                        Frames.header(Frames.encode(request, HeaderSerialization.JSON)),
                        StandardCharsets.UTF_8);

        assertThat(header)
                .isEqualTo(
                        "{\"code\":310,\"extFields\":{\"a\":\"PG\",\"b\":\"T\"},\"flag\":0,"
                                + "\"language\":\"JAVA\",\"opaque\":0,"
                                + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":479}");
    }

    @Test
    void encodeShouldEscapeControlCharactersAndWriteNonAsciiAsRawUtf8() {
        Command response =
                Command.response(1, "a\nb ü", Map.of("i", "K\u0001v\u0002"), null)
                        .stamped(3, 479, Command.FLAG_RESPONSE);

        byte[] header = Frames.header(Frames.encode(response, HeaderSerialization.JSON));

        String text = new String(header, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("\"extFields\":{\"i\":\"K\\u0001v\\u0002\"}")
                .contains("\"remark\":\"a\\nb ü\"")
                .doesNotContain("\\u00FC", "\\u00fc");
        assertThat(header).containsSubsequence((byte) 0xC3, (byte) 0xBC);
    }

    @Test
    void decodeWhenHeaderIsFromBrokerShouldReadEveryField() {
        Command response = decode(BROKER_SEND_RESPONSE);

        assertThat(response.code()).isZero();
        assertThat(response.isResponse()).isTrue();
        assertThat(response.opaque()).isEqualTo(106);
        assertThat(response.version()).isEqualTo(479);
        assertThat(response.language()).isEqualTo(LanguageCodes.JAVA);
        assertThat(response.remark()).isNull();
        assertThat(response.extFields())
                .containsExactly(
                        Map.entry("queueId", "0"),
                        Map.entry("transactionId", "AC1101"),
                        Map.entry("msgId", "7F00000100002A9F0000000000000000"),
                        Map.entry("TRACE_ON", "true"),
                        Map.entry("MSG_REGION", "DefaultRegion"),
                        Map.entry("queueOffset", "0"));
        assertThat(response.serialization()).isEqualTo(HeaderSerialization.JSON);
    }

    @Test
    void decodeWhenLanguageIsOrdinalOrUnknownNameShouldMapIt() {
        assertThat(decode("{\"code\":1,\"language\":9}").language()).isEqualTo(9);
        assertThat(decode("{\"code\":1,\"language\":\"GO\"}").language()).isEqualTo(9);
        assertThat(decode("{\"code\":1,\"language\":\"COBOL\"}").language())
                .isEqualTo(LanguageCodes.OTHER);
    }

    @Test
    void decodeWhenFieldsAreUnknownShouldSkipThemWhateverTheirShape() {
        Command command =
                decode(
                        "{\"future\":{\"x\":[1,{\"y\":null}]},\"code\":17,\"list\":[\"a\"],"
                                + "\"remark\":\"r\",\"suspended\":false}");

        assertThat(command.code()).isEqualTo(17);
        assertThat(command.remark()).isEqualTo("r");
    }

    @Test
    void decodeWhenExtFieldsHoldNumbersBooleansOrNullsShouldReadTheirText() {
        Command command =
                decode(
                        "{\"code\":0,\"extFields\":{\"d\":4,\"k\":false,\"f\":1.5,\"gone\":null,"
                                + "\"s\":\"x\"}}");

        assertThat(command.extFields())
                .containsExactly(
                        Map.entry("d", "4"),
                        Map.entry("k", "false"),
                        Map.entry("f", "1.5"),
                        Map.entry("s", "x"));
    }

    @Test
    void decodeWhenANameRepeatsOrTurnsNullShouldKeepTheLastWordOnIt() {
        Command command =
                decode(
                        "{\"code\":0,\"extFields\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\","
                                + "\"b\":null,\"c\":\"4\"}}");

        assertThat(command.extFields()).containsExactly(Map.entry("a", "3"), Map.entry("c", "4"));
    }

    @Test
    void decodeWhenValuesRepeatFromAnswerToAnswerShouldShareTheirStrings() {
        String header =
                "{\"code\":0,\"extFields\":{\"queueId\":\"7\",\"MSG_REGION\":\"DefaultRegion\","
                        + "\"TRACE_ON\":\"true\",\"queueOffset\":\"12345\",\"odd\":\"007\"}}";
        Command first = decode(header);
        Command second = decode(header);

        for (String shared : new String[] {"queueId", "MSG_REGION", "TRACE_ON"}) {
            assertThat(second.extFields().get(shared))
                    .as(shared)
                    .isSameAs(first.extFields().get(shared));
        }
        assertThat(second.extFields().get("queueOffset")).isEqualTo("12345");
        assertThat(second.extFields().get("odd")).isEqualTo("007");
    }

    @Test
    void decodeWhenJsonIsTruncatedShouldRaiseCorruptedFrame() {
        assertDecodeFails("{\"code\":310,\"extFields\":{\"a\":\"P");
    }

    @Test
    void decodeWhenHeaderIsNotJsonShouldRaiseCorruptedFrame() {
        assertDecodeFails("not json at all");
    }

    @Test
    void decodeWhenHeaderIsEmptyShouldRaiseCorruptedFrame() {
        assertDecodeFails("");
    }

    @Test
    void decodeWhenContentFollowsTheObjectShouldRaiseCorruptedFrame() {
        assertDecodeFails("{\"code\":1}{\"code\":2}");
    }

    @Test
    void decodeWhenFieldHasTheWrongTypeShouldRaiseCorruptedFrame() {
        assertDecodeFails("{\"code\":\"310\"}");
        assertDecodeFails("{\"opaque\":1.5}");
        assertDecodeFails("{\"extFields\":[\"a\"]}");
        assertDecodeFails("{\"extFields\":{\"a\":{\"b\":\"c\"}}}");
        assertDecodeFails("{\"remark\":7}");
    }

    @Test
    void decodeWhenIntegerOverflowsShouldRaiseCorruptedFrame() {
        assertDecodeFails("{\"opaque\":4294967296}");
    }

    private static Command decode(String header) {
        return Frames.decode(Frames.frame(0, Frames.utf8(header), new byte[0]));
    }

    private static void assertDecodeFails(String header) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        byte[] frame = Frames.frame(0, Frames.utf8(header), new byte[0]);

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(frame)))
                .as(header)
                .isInstanceOf(CorruptedFrameException.class);
        channel.finishAndReleaseAll();
    }
}
