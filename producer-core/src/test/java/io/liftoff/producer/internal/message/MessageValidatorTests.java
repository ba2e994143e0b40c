package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.rocketmq.client.trace.TraceConstants;
import org.apache.rocketmq.common.PopAckConstants;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageValidatorTests {

    private static final String UNIQUE_KEY_56 = "F".repeat(56);

    /** Every way to build a message that can never be sent, with what the error must say. */
    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                // topic
                invalid("null topic", () -> Message.builder(null), "topic must not be null"),
                invalid("empty topic", () -> valid("").build(), "topic ''", "must not be blank"),
                invalid("blank topic", () -> valid("  ").build(), "'  '", "must not be blank"),
                invalid(
                        "topic of 128 chars",
                        () -> valid("t".repeat(128)).build(),
                        "128 characters long",
                        "at most 127",
                        "use a shorter topic name"),
                invalid(
                        "topic with a space",
                        () -> valid("a b").build(),
                        "topic 'a b' must match [%|a-zA-Z0-9_-]{1,127}",
                        "' ' at index 1",
                        "rename the topic"),
                invalid("topic with a slash", () -> valid("a/b").build(), "'/' at index 1"),
                invalid("non-ASCII topic", () -> valid("tópico").build(), "'ó' at index 1"),
                systemTopic("TBW102", "the broker's template for auto-created topics"),
                systemTopic(
                        "SCHEDULE_TOPIC_XXXX",
                        "where the broker holds messages with a delay level until due"),
                systemTopic("BenchmarkTest", "the broker's benchmark topic"),
                systemTopic(
                        "RMQ_SYS_TRANS_HALF_TOPIC",
                        "where the broker holds transactional messages until they are decided"),
                systemTopic(
                        "RMQ_SYS_TRACE_TOPIC",
                        "the topic that clients write their message traces to"),
                systemTopic(
                        "RMQ_SYS_TRANS_OP_HALF_TOPIC",
                        "where the broker records commits and rollbacks of transactions"),
                systemTopic(
                        "TRANS_CHECK_MAX_TIME_TOPIC",
                        "where the broker puts transactional messages it gave up checking"),
                systemTopic("SELF_TEST_TOPIC", "the broker's self-test topic"),
                systemTopic(
                        "OFFSET_MOVED_EVENT",
                        "where the broker records the consumer offsets it had to move"),
                systemTopic(
                        "CHECKPOINT_TOPIC", "the name of the broker's RocksDB offset checkpoint"),
                systemTopicByPrefix("rmq_sys_wheel_timer"),
                systemTopicByPrefix("rmq_sys_REVIVE_LOG_DefaultCluster"),
                systemTopicByPrefix("rmq_sys_TRACE_DATA_cn-hangzhou"),
                systemTopicByPrefix("rmq_sys_"),
                invalid(
                        "null topic via topic()",
                        () -> valid("t").topic(null),
                        "topic must not be null"),
                // body
                invalid(
                        "body never set",
                        () -> Message.builder("t").build(),
                        "body must be set",
                        "call body(byte[]) or body(String)"),
                invalid(
                        "empty byte body",
                        () -> valid("t").body(new byte[0]).build(),
                        "body must not be empty",
                        "MESSAGE_ILLEGAL",
                        "send at least one byte"),
                invalid(
                        "empty text body",
                        () -> valid("t").body("").build(),
                        "body must not be empty"),
                invalid(
                        "null byte body",
                        () -> valid("t").body((byte[]) null),
                        "body must not be null"),
                invalid(
                        "null text body",
                        () -> valid("t").body((String) null),
                        "body must not be null"),
                // tags
                invalid(
                        "empty tags",
                        () -> valid("t").tags("").build(),
                        "tags ''",
                        "must not be blank",
                        "leave tags unset"),
                invalid("blank tags", () -> valid("t").tags(" \t").build(), "must not be blank"),
                invalid(
                        "tags with \\u0001",
                        () -> valid("t").tags("a\u0001").build(),
                        "tags 'a\\u0001'",
                        "\\u0001 at index 1",
                        "remove the character"),
                invalid(
                        "tags with \\u0002",
                        () -> valid("t").tags("a\u0002b").build(),
                        "\\u0002 at index 1"),
                invalid(
                        "tags with ||",
                        () -> valid("t").tags("a||b").build(),
                        "tags 'a||b' must not contain '||'",
                        "subscription syntax",
                        "pass a single tag"),
                // keys
                invalid(
                        "null keys array",
                        () -> valid("t").keys((String[]) null),
                        "keys must not be null"),
                invalid(
                        "null key in array",
                        () -> valid("t").keys("a", null),
                        "keys[1] must not be null"),
                invalid(
                        "null keys collection",
                        () -> valid("t").keys((Collection<String>) null),
                        "keys must not be null"),
                invalid(
                        "null key in collection",
                        () -> valid("t").keys(Arrays.asList(null, "b")),
                        "keys[0] must not be null"),
                invalid("null key", () -> valid("t").key(null), "key must not be null"),
                invalid(
                        "empty key",
                        () -> valid("t").key("").build(),
                        "keys[0] ''",
                        "must not be blank",
                        "pass a non-blank key"),
                invalid(
                        "blank key",
                        () -> valid("t").keys("ok", "  ").build(),
                        "keys[1] '  '",
                        "must not be blank"),
                invalid(
                        "key with a space",
                        () -> valid("t").key("order 1").build(),
                        "keys[0] 'order 1' must not contain a space",
                        "joined by single spaces",
                        "come back as several keys",
                        "replace the space"),
                invalid(
                        "key with \\u0001",
                        () -> valid("t").key("a\u0001").build(),
                        "keys[0] 'a\\u0001'",
                        "\\u0001 at index 1"),
                invalid(
                        "key with \\u0002",
                        () -> valid("t").key("\u0002").build(),
                        "\\u0002 at index 0"),
                // user properties
                invalid(
                        "null property name",
                        () -> valid("t").property(null, "v"),
                        "property name must not be null"),
                invalid(
                        "null property value",
                        () -> valid("t").property("n", null),
                        "value of property 'n' must not be null",
                        "omit the property"),
                invalid(
                        "empty property name",
                        () -> valid("t").property("", "v").build(),
                        "property name ''",
                        "must not be blank"),
                invalid(
                        "blank property name",
                        () -> valid("t").property(" ", "v").build(),
                        "must not be blank"),
                invalid(
                        "reserved TAGS",
                        () -> valid("t").property("TAGS", "v").build(),
                        "'TAGS' is reserved",
                        "tags()"),
                invalid(
                        "reserved KEYS",
                        () -> valid("t").property("KEYS", "v").build(),
                        "'KEYS' is reserved",
                        "keys() or key()"),
                invalid(
                        "reserved WAIT",
                        () -> valid("t").property("WAIT", "v").build(),
                        "'WAIT' is reserved",
                        "waitStoreMessageOk()"),
                invalid(
                        "reserved UNIQ_KEY",
                        () -> valid("t").property("UNIQ_KEY", "v").build(),
                        "'UNIQ_KEY' is reserved",
                        "producer sets the message id",
                        "use a different name"),
                invalid(
                        "reserved DELAY",
                        () -> valid("t").property("DELAY", "3").build(),
                        "'DELAY' is reserved",
                        "use a different name"),
                invalid(
                        "property name with \\u0001",
                        () -> valid("t").property("a\u0001", "v").build(),
                        "property name 'a\\u0001'",
                        "\\u0001 at index 1"),
                invalid(
                        "property value with \\u0002",
                        () -> valid("t").property("n", "a\u0002").build(),
                        "value of property 'n' 'a\\u0002'",
                        "\\u0002 at index 1"),
                invalid(
                        "empty property value",
                        () -> valid("t").property("n", "").build(),
                        "value of property 'n' must not be empty",
                        "the broker drops an empty value",
                        "omit the property or give it a value"),
                invalid(
                        "null properties map",
                        () -> valid("t").properties(null),
                        "properties must not be null"),
                invalid(
                        "null value in properties map",
                        () -> valid("t").properties(mapWithNullValue()),
                        "value of property 'n' must not be null"),
                invalid(
                        "reserved name in properties map",
                        () -> valid("t").properties(Map.of("UNIQ_KEY", "x")).build(),
                        "'UNIQ_KEY' is reserved"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void buildWhenInputIsInvalidShouldExplainWhatAndHowToFix(
            ThrowingCallable action, List<String> fragments) {
        assertThatThrownBy(action)
                .isInstanceOf(InvalidMessageException.class)
                .message()
                .contains(fragments)
                // Every message ends with the fix, after a semicolon.
                .containsPattern("; [a-z]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "%RETRY%group", "a|b", "Topic_-09", "%DLQ%g"})
    void validateTopicWhenLegalShouldPass(String topic) {
        assertThatCode(() -> MessageValidator.validateTopic(topic)).doesNotThrowAnyException();
    }

    /** Names close to system topics that are user topics all the same, the broker's rules say. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "tenant-a%TBW102",
                "tenant-a%rmq_sys_x",
                "TBW1020",
                "tbw102",
                "rmq_sys",
                "RMQ_SYS_orders",
                "my_rmq_sys_orders",
                "%RETRY%rmq_sys_x",
                "%DLQ%TBW102"
            })
    void validateTopicWhenOnlyLikeASystemTopicShouldPass(String topic) {
        assertThatCode(() -> MessageValidator.validateTopic(topic)).doesNotThrowAnyException();
    }

    @Test
    void validateTopicShouldRefuseEveryTopicTheOfficialClientOrBrokerReserves() {
        Set<String> reserved = new HashSet<>(TopicValidator.getSystemTopicSet());
        reserved.addAll(TopicValidator.getNotAllowedSendTopicSet());
        // named by prefix: the timer wheel (TimerMessageStore), POP revive logs and trace data
        reserved.add(TopicValidator.SYSTEM_TOPIC_PREFIX + "wheel_timer");
        reserved.add(PopAckConstants.REVIVE_TOPIC + "DefaultCluster");
        reserved.add(TraceConstants.TRACE_TOPIC_PREFIX + "cn-hangzhou");

        assertThat(reserved)
                .contains("TBW102", "RMQ_SYS_TRACE_TOPIC", "rmq_sys_wheel_timer")
                .allSatisfy(
                        topic ->
                                assertThatThrownBy(() -> MessageValidator.validateTopic(topic))
                                        .isInstanceOf(InvalidMessageException.class)
                                        .hasMessageContaining("send to a topic of your own"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "orders",
                "TBW102",
                "rmq_sys_x",
                "RMQ_SYS_orders",
                "tenant-a%TBW102",
                "%RETRY%g",
                "%DLQ%g",
                "CHECKPOINT_TOPIC"
            })
    void validateTopicShouldRefuseWhatTheOfficialTopicValidatorCallsSystem(String topic) {
        boolean official =
                TopicValidator.isSystemTopic(topic) || TopicValidator.isNotAllowedSendTopic(topic);

        if (official) {
            assertThatThrownBy(() -> MessageValidator.validateTopic(topic))
                    .isInstanceOf(InvalidMessageException.class);
        } else {
            assertThatCode(() -> MessageValidator.validateTopic(topic)).doesNotThrowAnyException();
        }
    }

    @Test
    void validateTopicWhen127CharsShouldPass() {
        assertThatCode(() -> MessageValidator.validateTopic("t".repeat(127)))
                .doesNotThrowAnyException();
    }

    @Test
    void validateTopicWhenHugeShouldShortenValueInMessage() {
        assertThatThrownBy(() -> MessageValidator.validateTopic("t".repeat(10_000)))
                .hasMessageContaining("...' (10000 chars)")
                .message()
                .hasSizeLessThan(300);
    }

    @Test
    void buildWhenKeyHasTabOrNonAsciiShouldPass() {
        // Only the single space is the key separator on the wire.
        Message message = valid("t").keys("a\tb", "clé").build();

        assertThat(message.keys()).containsExactly("a\tb", "clé");
    }

    @Test
    void buildWhenPropertyNameIsNotReservedButMeaningfulShouldPass() {
        // The official client accepts these too; they are not in its reserved set.
        Message message = valid("t").property(MessageProperties.SHARDING_KEY, "s").build();

        assertThat(message.properties()).containsKey("__SHARDINGKEY");
    }

    @Test
    void validateForSendWhenBodyAtLimitShouldPass() {
        Message message = valid("t").body(new byte[100]).build();

        assertThatCode(() -> MessageValidator.validateForSend(message, 100))
                .doesNotThrowAnyException();
    }

    @Test
    void validateForSendWhenBodyOverLimitShouldExplainTheLimit() {
        Message message = valid("orders").body(new byte[101]).build();

        assertThatThrownBy(() -> MessageValidator.validateForSend(message, 100))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("topic 'orders' is 101 bytes but maxMessageSize is 100")
                .hasMessageContaining("send a smaller body or raise maxMessageSize");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void validateForSendWhenMaxMessageSizeNotPositiveShouldAskToFixConfiguration(int max) {
        Message message = valid("t").build();

        assertThatThrownBy(() -> MessageValidator.validateForSend(message, max))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage(
                        "maxMessageSize must be positive but was "
                                + max
                                + "; fix the producer configuration");
    }

    @Test
    void validateForSendWhenMessageNullShouldNameTheArgument() {
        assertThatThrownBy(() -> MessageValidator.validateForSend(null, 100))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("message must not be null");
    }

    @Test
    void validateForSendWhenPropertiesExactlyFitShouldPassAndOneMoreByteShouldFail() {
        int allowed =
                MessageValidator.MAX_PROPERTIES_BYTES - MessageValidator.PROPERTIES_HEADROOM_BYTES;
        int overhead = encodedBytes(valid("t").property("p", "x").build()) - 1;
        Message fits = valid("t").property("p", "x".repeat(allowed - overhead)).build();
        Message tooBig = valid("t").property("p", "x".repeat(allowed - overhead + 1)).build();

        assertThat(encodedBytes(fits)).isEqualTo(allowed);
        assertThatCode(() -> MessageValidator.validateForSend(fits, 4 * 1024 * 1024))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MessageValidator.validateForSend(tooBig, 4 * 1024 * 1024))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("encode to " + (allowed + 1) + " bytes")
                .hasMessageContaining("at most " + allowed)
                .hasMessageContaining("use fewer or shorter properties");
    }

    @Test
    void validateForSendWhenPropertiesAreNonAsciiShouldCountUtf8Bytes() {
        int allowed =
                MessageValidator.MAX_PROPERTIES_BYTES - MessageValidator.PROPERTIES_HEADROOM_BYTES;
        // 'é' is one char but two bytes: a char count would let this through.
        Message message = valid("t").property("p", "é".repeat(allowed / 2)).build();

        assertThatThrownBy(() -> MessageValidator.validateForSend(message, 1024))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("at most " + allowed);
    }

    @Test
    void validateForSendWhenManyKeysShouldCountThem() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            keys.add("key-" + i);
        }
        Message message = valid("t").keys(keys).build();

        assertThatThrownBy(() -> MessageValidator.validateForSend(message, 1024))
                .hasMessageContaining("keys or tags");
    }

    private static int encodedBytes(Message message) {
        return PropertiesCodec.encodeForSend(message, UNIQUE_KEY_56)
                .getBytes(StandardCharsets.UTF_8)
                .length;
    }

    private static Message.Builder valid(String topic) {
        return Message.builder(topic).body("x");
    }

    private static Arguments systemTopic(String topic, String what) {
        return invalid(
                "system topic " + topic,
                () -> valid(topic).build(),
                "topic '" + topic + "' is " + what,
                ", a system topic RocketMQ reserves for itself; send to a topic of your own");
    }

    private static Arguments systemTopicByPrefix(String topic) {
        return invalid(
                "system topic by prefix " + topic,
                () -> valid(topic).build(),
                "topic '" + topic + "' starts with 'rmq_sys_', which RocketMQ reserves for its",
                "; send to a topic of your own whose name does not start with it");
    }

    private static Map<String, String> mapWithNullValue() {
        Map<String, String> map = new HashMap<>();
        map.put("n", null);
        return map;
    }

    private static Arguments invalid(String name, ThrowingCallable action, String... fragments) {
        return Arguments.of(Named.of(name, action), List.of(fragments));
    }
}
