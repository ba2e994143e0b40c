package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.message.DeliveryTime;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertiesCodecTests {

    private static final String ID = "7F0000010A2B1C2D3E4F000000000001";

    @Test
    void encodeShouldMatchOfficialClientIncludingNonAscii() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("orderId", "42");
        properties.put("città", "Zürich");
        properties.put("名前", "値😀");
        properties.put("empty-looking", " ");

        assertThat(PropertiesCodec.encode(properties))
                .isEqualTo(MessageDecoder.messageProperties2String(properties))
                .isEqualTo(
                        "orderId\u000142\u0002città\u0001Zürich\u0002名前\u0001値😀\u0002"
                                + "empty-looking\u0001 \u0002");
    }

    @Test
    void encodeWhenValueNullShouldSkipEntryLikeOfficialClient() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("a", "1");
        properties.put("b", null);
        properties.put("c", "3");

        assertThat(PropertiesCodec.encode(properties))
                .isEqualTo(MessageDecoder.messageProperties2String(properties))
                .isEqualTo("a\u00011\u0002c\u00013\u0002");
    }

    @Test
    void encodeWhenEmptyShouldReturnEmptyString() {
        assertThat(PropertiesCodec.encode(Map.of()))
                .isEqualTo(MessageDecoder.messageProperties2String(Map.of()))
                .isEmpty();
    }

    @Test
    void encodeWhenSeparatorInValueShouldRefuseToCorruptTheString() {
        assertThatThrownBy(() -> PropertiesCodec.encode(Map.of("a", "x\u0002y")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("value of property 'a' 'x\\u0002y'")
                .hasMessageContaining("remove the character");
        assertThatThrownBy(() -> PropertiesCodec.encode(Map.of("a\u0001", "x")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("property name 'a\\u0001'");
    }

    @Test
    void encodeWhenNullArgumentsShouldNameThem() {
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "v");

        assertThatThrownBy(() -> PropertiesCodec.encode(null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("properties must not be null");
        assertThatThrownBy(() -> PropertiesCodec.encode(nullName))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("property name must not be null");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u00011\u0002b\u00012\u0002",
                "a\u00011\u0002b\u00012",
                "a\u00011\u0002a\u00012\u0002",
                "a\u00011\u0002b\u00012\u0002a\u00013\u0002",
                "\u0002\u0002\u0002",
                "ab\u0002",
                "a\u0001\u0002",
                "\u0001b\u0002",
                "\u0001\u0002a\u00011\u0002",
                "a\u0001b\u0001c\u0002",
                "ab\u0002c\u0001d\u0002",
                "ab\u0001",
                "a\u0001",
                "x",
                "é\u0001ü\u0002😀\u0001日本\u0002",
                "\u0002a\u0001\u0001\u0002"
            })
    void decodeShouldMatchOfficialParser(String encoded) {
        assertThat(PropertiesCodec.decode(encoded))
                .isEqualTo(MessageDecoder.string2messageProperties(encoded));
    }

    @Test
    void decodeWhenDuplicateNameShouldKeepLaterValueAtFirstPosition() {
        Map<String, String> decoded =
                PropertiesCodec.decode("a\u00011\u0002b\u00012\u0002a\u00013");

        assertThat(decoded).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void decodeWhenValueContainsNameSeparatorShouldKeepItInValue() {
        assertThat(PropertiesCodec.decode("a\u0001b\u0001c\u0002"))
                .containsExactly(Map.entry("a", "b\u0001c"));
    }

    @Test
    void decodeWhenNullOrEmptyShouldReturnEmptyMap() {
        assertThat(PropertiesCodec.decode(null))
                .isEqualTo(MessageDecoder.string2messageProperties(null))
                .isEmpty();
        assertThat(PropertiesCodec.decode("")).isEmpty();
    }

    @Test
    void decodeShouldReturnUnmodifiableMap() {
        Map<String, String> decoded = PropertiesCodec.decode("a\u00011\u0002");

        assertThatThrownBy(() -> decoded.put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void decodeWhenRandomInputShouldMatchOfficialParser() {
        Random random = new Random(7);
        char[] alphabet = {'a', 'b', 'é', '\u0001', '\u0002', '\u0002'};
        for (int round = 0; round < 5_000; round++) {
            char[] chars = new char[random.nextInt(16)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String encoded = new String(chars);

            assertThat(PropertiesCodec.decode(encoded))
                    .as("decode of %s", encoded.replace("\u0001", "^A").replace("\u0002", "^B"))
                    .isEqualTo(MessageDecoder.string2messageProperties(encoded));
        }
    }

    @Test
    void decodeShouldReadWhatOfficialClientEncodesAndTheOtherWayRound() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("k1", "v1");
        properties.put("ключ", "значение");
        properties.put("emoji", "🚀🚀");

        assertThat(PropertiesCodec.decode(MessageDecoder.messageProperties2String(properties)))
                .isEqualTo(properties);
        assertThat(MessageDecoder.string2messageProperties(PropertiesCodec.encode(properties)))
                .isEqualTo(properties);
        assertThat(PropertiesCodec.decode(PropertiesCodec.encode(properties)))
                .containsExactlyEntriesOf(properties);
    }

    @Test
    void encodeForSendShouldWriteUserPropertiesThenSystemPropertiesInFixedOrder() {
        Message message =
                Message.builder("t")
                        .property("b", "2")
                        .property("a", "1")
                        .tags("created")
                        .keys("k1", "k2")
                        .body("x")
                        .build();

        assertThat(PropertiesCodec.encodeForSend(message, ID))
                .isEqualTo(
                        "b\u00012\u0002a\u00011\u0002TAGS\u0001created\u0002KEYS\u0001k1 k2\u0002"
                                + "WAIT\u0001true\u0002UNIQ_KEY\u0001"
                                + ID
                                + "\u0002");
    }

    @Test
    void encodeForSendShouldEqualWhatOfficialClientSendsForSameMessage() {
        Message ours =
                Message.builder("t")
                        .property("città", "Zürich")
                        .tags("标签")
                        .keys(List.of("k1", "k2", "k3"))
                        .waitStoreMessageOk(false)
                        .body("x")
                        .build();
        org.apache.rocketmq.common.message.Message official =
                new org.apache.rocketmq.common.message.Message("t", "x".getBytes());
        official.putUserProperty("città", "Zürich");
        official.setTags("标签");
        official.setKeys(List.of("k1", "k2", "k3"));
        official.setWaitStoreMsgOK(false);
        MessageAccessor.putProperty(official, MessageProperties.UNIQ_KEY, ID);

        String encoded = PropertiesCodec.encodeForSend(ours, ID);

        assertThat(MessageDecoder.string2messageProperties(encoded))
                .isEqualTo(official.getProperties());
        assertThat(
                        PropertiesCodec.decode(
                                MessageDecoder.messageProperties2String(official.getProperties())))
                .isEqualTo(PropertiesCodec.decode(encoded));
    }

    @Test
    void encodeForSendWhenNoTagsNoKeysShouldWriteOnlyWaitAndId() {
        Message message = Message.builder("t").body("x").waitStoreMessageOk(false).build();

        assertThat(PropertiesCodec.encodeForSend(message, ID))
                .isEqualTo("WAIT\u0001false\u0002UNIQ_KEY\u0001" + ID + "\u0002");
    }

    @Test
    void encodeForSendWhenNothingButDefaultsShouldWriteWaitTrueAndId() {
        Message message = Message.builder("t").body("x").build();

        assertThat(PropertiesCodec.encodeForSend(message, ID))
                .isEqualTo("WAIT\u0001true\u0002UNIQ_KEY\u0001" + ID + "\u0002");
        assertThat(PropertiesCodec.encodeForSend(message, ID, Map.of("PGROUP", "g")))
                .isEqualTo("WAIT\u0001true\u0002UNIQ_KEY\u0001" + ID + "\u0002PGROUP\u0001g\u0002");
    }

    @Test
    void startBeforeUniqueKeyShouldBeWhatEncodeForSendWritesBeforeTheIdOfABareMessage() {
        for (boolean wait : new boolean[] {true, false}) {
            Message message = Message.builder("t").body("x").waitStoreMessageOk(wait).build();

            assertThat(PropertiesCodec.onlyWaitAndUniqueKey(message, Map.of())).isTrue();
            assertThat(PropertiesCodec.startBeforeUniqueKey(message) + ID + "\u0002")
                    .isEqualTo(PropertiesCodec.encodeForSend(message, ID));
        }
    }

    @Test
    void onlyWaitAndUniqueKeyWhenTheMessageOrTheSendAddsPropertiesShouldBeFalse() {
        Message bare = Message.builder("t").body("x").build();

        assertThat(PropertiesCodec.onlyWaitAndUniqueKey(bare, Map.of("PGROUP", "g"))).isFalse();
        assertThat(
                        PropertiesCodec.onlyWaitAndUniqueKey(
                                bare.toBuilder().tags("a").build(), Map.of()))
                .isFalse();
        assertThat(
                        PropertiesCodec.onlyWaitAndUniqueKey(
                                bare.toBuilder().property("p", "1").build(), Map.of()))
                .isFalse();
    }

    @Test
    void encodeForSendWithSystemPropertiesShouldAppendThemLast() {
        Message message = Message.builder("t").tags("a").body("x").build();
        Map<String, String> system = new LinkedHashMap<>();
        system.put(MessageProperties.TRANSACTION_PREPARED, "true");
        system.put(MessageProperties.PRODUCER_GROUP, "group-1");

        assertThat(PropertiesCodec.encodeForSend(message, ID, system))
                .isEqualTo(
                        "TAGS\u0001a\u0002WAIT\u0001true\u0002UNIQ_KEY\u0001"
                                + ID
                                + "\u0002TRAN_MSG\u0001true\u0002PGROUP\u0001group-1\u0002");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TAGS", "KEYS", "WAIT", "UNIQ_KEY"})
    void encodeForSendWhenSystemPropertyComesFromMessageShouldPointAtBuilder(String name) {
        Message message = Message.builder("t").body("x").build();

        assertThatThrownBy(() -> PropertiesCodec.encodeForSend(message, ID, Map.of(name, "v")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("'" + name + "' is derived from the message")
                .hasMessageContaining("set it on the message builder");
    }

    @Test
    void encodeForSendWhenSystemPropertyBrokenShouldExplain() {
        Message message = Message.builder("t").body("x").build();

        assertThatThrownBy(() -> PropertiesCodec.encodeForSend(message, ID, Map.of("DELAY", "")))
                .hasMessageContaining("value of system property 'DELAY' must not be null or empty");
        assertThatThrownBy(() -> PropertiesCodec.encodeForSend(message, ID, Map.of("", "v")))
                .hasMessageContaining("system property name '' must not be null or empty");
        assertThatThrownBy(() -> PropertiesCodec.encodeForSend(message, ID, Map.of("D", "a\u0002")))
                .hasMessageContaining("\\u0002 at index 1");
        assertThatThrownBy(() -> PropertiesCodec.encodeForSend(message, ID, null))
                .hasMessageStartingWith("systemProperties must not be null");
    }

    @Test
    void encodeForSendWhenArgumentsMissingShouldNameThem() {
        Message message = Message.builder("t").body("x").build();

        assertThatThrownBy(() -> PropertiesCodec.encodeForSend(null, ID))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("message must not be null");
        assertThatThrownBy(() -> PropertiesCodec.encodeForSend(message, null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("uniqueKey null must not be null or empty")
                .hasMessageContaining("UniqueIdGenerator.shared().next()");
        assertThatThrownBy(() -> PropertiesCodec.encodeForSend(message, "a\u0001"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("uniqueKey 'a\\u0001'");
    }

    @Test
    void encodedUtf8LengthForSendShouldEqualLengthOfEncodedString() {
        List<Message> messages =
                List.of(
                        Message.builder("t").body("x").build(),
                        Message.builder("t").body("x").waitStoreMessageOk(false).build(),
                        Message.builder("t")
                                .tags("标签")
                                .keys("k1", "ключ", "😀")
                                .property("città", "Zürich")
                                .property("a", "b")
                                .body("x")
                                .build());
        for (Message message : messages) {
            String encoded = PropertiesCodec.encodeForSend(message, ID);

            assertThat(PropertiesCodec.encodedUtf8LengthForSend(message, ID.length()))
                    .isEqualTo(encoded.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void encodeForSendWhenShardingKeyAndDelaySetShouldAppendThemAfterId() {
        Message levelled = Message.builder("t").body("x").delayLevel(3).shardingKey("o-1").build();
        Message timed =
                Message.builder("t")
                        .body("x")
                        .deliverAt(Instant.ofEpochMilli(1_900_000_000_000L))
                        .build();
        Message delayed =
                Message.builder("t").body("x").deliverAfter(Duration.ofSeconds(10)).build();
        String head = "WAIT\u0001true\u0002UNIQ_KEY\u0001" + ID + "\u0002";

        assertThat(PropertiesCodec.encodeForSend(levelled, ID))
                .isEqualTo(head + "DELAY\u00013\u0002__SHARDINGKEY\u0001o-1\u0002");
        assertThat(PropertiesCodec.encodeForSend(timed, ID))
                .isEqualTo(head + "TIMER_DELIVER_MS\u00011900000000000\u0002");
        assertThat(PropertiesCodec.encodeForSend(delayed, ID))
                .isEqualTo(head + "TIMER_DELAY_MS\u000110000\u0002");
    }

    @Test
    void encodeForSendWithShardingKeyAndDelayShouldEqualWhatOfficialClientSends() {
        Message levelled = Message.builder("t").body("x").delayLevel(18).shardingKey("分片").build();
        Message timed =
                Message.builder("t").body("x").deliverAt(Instant.ofEpochMilli(123_456L)).build();
        Message delayed =
                Message.builder("t").body("x").deliverAfter(Duration.ofMillis(2500)).build();
        org.apache.rocketmq.common.message.Message officialLevelled = official();
        officialLevelled.setDelayTimeLevel(18);
        officialLevelled.putUserProperty(MessageConst.PROPERTY_SHARDING_KEY, "分片");
        org.apache.rocketmq.common.message.Message officialTimed = official();
        officialTimed.setDeliverTimeMs(123_456L);
        org.apache.rocketmq.common.message.Message officialDelayed = official();
        officialDelayed.setDelayTimeMs(2500);

        assertThat(MessageDecoder.string2messageProperties(encodeForSend(levelled)))
                .isEqualTo(officialLevelled.getProperties());
        assertThat(MessageDecoder.string2messageProperties(encodeForSend(timed)))
                .isEqualTo(officialTimed.getProperties());
        assertThat(MessageDecoder.string2messageProperties(encodeForSend(delayed)))
                .isEqualTo(officialDelayed.getProperties());
    }

    @Test
    void encodeForSendWhenSystemPropertyRepeatsTheMessagesDelayShouldRefuse() {
        Message levelled = Message.builder("t").body("x").delayLevel(2).build();
        Message timed = Message.builder("t").body("x").deliverAfter(Duration.ofSeconds(1)).build();

        assertThatThrownBy(() -> PropertiesCodec.encodeForSend(levelled, ID, Map.of("DELAY", "3")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(
                        "system property 'DELAY' clashes with the message's own delay")
                .hasMessageContaining("set the delay in one place");
        assertThatThrownBy(
                        () ->
                                PropertiesCodec.encodeForSend(
                                        timed, ID, Map.of("TIMER_DELAY_SEC", "3")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("'TIMER_DELAY_SEC' clashes");
    }

    @Test
    void encodeForSendWhenSystemPropertyRepeatsTheShardingKeyShouldRefuse() {
        Message message = Message.builder("t").body("x").shardingKey("k").build();

        assertThatThrownBy(
                        () ->
                                PropertiesCodec.encodeForSend(
                                        message, ID, Map.of("__SHARDINGKEY", "j")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("clashes with the message's shardingKey 'k'");
    }

    @Test
    void encodeForSendWhenMessageHasNoDelayShouldStillAcceptDelayAsSystemProperty() {
        Message message = Message.builder("t").body("x").build();

        assertThat(PropertiesCodec.encodeForSend(message, ID, Map.of("DELAY", "3")))
                .endsWith("UNIQ_KEY\u0001" + ID + "\u0002DELAY\u00013\u0002");
    }

    @Test
    void encodedUtf8LengthForSendShouldCountShardingKeyAndDelay() {
        List<Message> messages =
                List.of(
                        Message.builder("t").body("x").delayLevel(9).shardingKey("😀ключ").build(),
                        Message.builder("t").body("x").delayLevel(10).build(),
                        Message.builder("t")
                                .body("x")
                                .deliverAt(Instant.ofEpochMilli(-1_234L))
                                .build(),
                        Message.builder("t").body("x").deliverAt(Instant.EPOCH).build(),
                        Message.builder("t")
                                .body("x")
                                .deliverAt(Instant.ofEpochMilli(Long.MAX_VALUE))
                                .build(),
                        Message.builder("t")
                                .body("x")
                                .deliverAt(Instant.ofEpochMilli(Long.MIN_VALUE))
                                .build(),
                        Message.builder("t")
                                .body("x")
                                .deliverAfter(DeliveryTime.MAX_DELAY)
                                .build());
        for (Message message : messages) {
            String encoded = PropertiesCodec.encodeForSend(message, ID);

            assertThat(PropertiesCodec.encodedUtf8LengthForSend(message, ID.length()))
                    .as("%s", message)
                    .isEqualTo(encoded.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private static String encodeForSend(Message message) {
        return PropertiesCodec.encodeForSend(message, ID);
    }

    /** The official message the same as our {@code Message.builder("t").body("x")}, with ID. */
    private static org.apache.rocketmq.common.message.Message official() {
        org.apache.rocketmq.common.message.Message official =
                new org.apache.rocketmq.common.message.Message("t", "x".getBytes());
        MessageAccessor.putProperty(official, MessageProperties.UNIQ_KEY, ID);
        return official;
    }
}
