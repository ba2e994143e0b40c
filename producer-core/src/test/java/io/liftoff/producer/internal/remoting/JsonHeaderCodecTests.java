package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    @Test
    void decodeWhenHeaderHasWhitespaceAndEscapesShouldResolveThem() {
        Command command =
                decode(
                        " {\n \"code\" : 1 ,\t\"remark\" : \"q\\\"b\\\\s\\/\\n\\u00fc\\ud83d\\ude00é\","
                                + "\r\n \"extFields\" : { \"k\\u0041\" : \"v\\t\" , \"n\" : -7 } } ");

        assertThat(command.code()).isEqualTo(1);
        assertThat(command.remark()).isEqualTo("q\"b\\s/\nü\uD83D\uDE00é");
        assertThat(command.extFields())
                .containsExactly(Map.entry("kA", "v\t"), Map.entry("n", "-7"));
    }

    @Test
    void decodeShouldReadBackWhatEncodeWroteForAnyText() {
        Random random = new Random(17);
        for (int i = 0; i < 500; i++) {
            Map<String, String> extFields = new LinkedHashMap<>();
            int fields = random.nextInt(20);
            for (int f = 0; f < fields; f++) {
                extFields.put(randomText(random) + f, randomText(random));
            }
            String remark = random.nextBoolean() ? null : randomText(random);
            int opaque = random.nextInt();
            Command written =
                    Command.response(random.nextInt(), remark, extFields, null)
                            .stamped(opaque, random.nextInt(1 << 16), Command.FLAG_RESPONSE);

            byte[] compact = Frames.encode(written, HeaderSerialization.JSON);
            for (byte[] frame : List.of(compact, prettyPrinted(compact))) {
                Command read = Frames.decode(frame);

                assertThat(read.code()).isEqualTo(written.code());
                assertThat(read.opaque()).isEqualTo(opaque);
                assertThat(read.version()).isEqualTo(written.version());
                assertThat(read.flags()).isEqualTo(written.flags());
                assertThat(read.remark()).isEqualTo(remark);
                assertThat(read.extFields()).containsExactlyEntriesOf(extFields);
            }
        }
    }

    @Test
    void decodeOfABrokersSendAnswerShouldAllocateLittleMoreThanItsStrings() {
        byte[] header = Frames.utf8(BROKER_SEND_RESPONSE);
        ByteBuf in = Unpooled.wrappedBuffer(header);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        CommandBuilder builder = new CommandBuilder();
        for (int i = 0; i < 20_000; i++) {
            in.readerIndex(0);
            JsonHeaderCodec.INSTANCE.decode(in, header.length, builder.reset());
            builder.build();
        }

        long before = threads.getThreadAllocatedBytes(threadId);
        int decodes = 10_000;
        for (int i = 0; i < decodes; i++) {
            in.readerIndex(0);
            JsonHeaderCodec.INSTANCE.decode(in, header.length, builder.reset());
            builder.build();
        }
        long perDecode = (threads.getThreadAllocatedBytes(threadId) - before) / decodes;

        // About 400 bytes here: the command, its fields and the strings no answer repeats (id,
        // transaction id). Jackson's parser, set up anew per frame, took 1,200 bytes.
        assertThat(perDecode).isLessThan(700);
    }

    @Test
    void decodeWhenUnknownFieldsNestTooDeepShouldRaiseCorruptedFrame() {
        String nested = "{\"x\":" + "[".repeat(200) + "]".repeat(200) + ",\"code\":1}";
        assertDecodeFails(nested);
        assertThat(
                        decode(
                                        "{\"x\":"
                                                + "[{\"y\":".repeat(10)
                                                + "1"
                                                + "}]".repeat(10)
                                                + ",\"code\":3}")
                                .code())
                .isEqualTo(3);
    }

    @Test
    void decodeWhenTokensAreNotJsonShouldRaiseCorruptedFrame() {
        assertDecodeFails("{\"remark\":\"a\u0001b\"}");
        assertDecodeFails("{\"remark\":\"a\\xb\"}");
        assertDecodeFails("{\"remark\":\"\\u12\"}");
        assertDecodeFails("{\"remark\":\"\\u12g4\"}");
        assertDecodeFails("{\"code\":1,}");
        assertDecodeFails("{\"code\" 1}");
        assertDecodeFails("{\"code\":-}");
        assertDecodeFails("{\"x\":1.}");
        assertDecodeFails("{\"x\":1e}");
        assertDecodeFails("{\"x\":tru}");
        assertDecodeFails("{\"x\":nul,\"code\":1}");
        assertDecodeFails("{\"x\":[1,]}");
        assertDecodeFails("{code:1}");
        assertDecodeFails("{\"code\":1");
    }

    /** Text from the whole range JSON must escape or carry: controls, quotes, non-ASCII, emoji. */
    private static String randomText(Random random) {
        String alphabet = "aZ09 \"\\/\b\f\n\r\t\u0000\u001f\u007fé€\uD83D\uDE00{}[]:,";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length());
            if (Character.isHighSurrogate(alphabet.charAt(at))) {
                text.append(alphabet, at, at + 2);
            } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
                text.append(alphabet.charAt(at));
            }
        }
        return text.toString();
    }

    /** The same frame with the header re-written with spaces and line breaks between tokens. */
    private static byte[] prettyPrinted(byte[] frame) {
        JsonFactory json = new JsonFactory();
        ByteArrayOutputStream pretty = new ByteArrayOutputStream();
        try (JsonParser parser = json.createParser(Frames.header(frame));
                JsonGenerator generator =
                        json.createGenerator(pretty).setPrettyPrinter(new DefaultPrettyPrinter())) {
            parser.nextToken();
            generator.copyCurrentStructure(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Frames.frame(0, pretty.toByteArray(), new byte[0]);
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
