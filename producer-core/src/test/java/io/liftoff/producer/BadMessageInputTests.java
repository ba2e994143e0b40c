package io.liftoff.producer;

import static io.liftoff.producer.BadInputMatrix.TOPIC;
import static io.liftoff.producer.BadInputMatrix.invalid;
import static io.liftoff.producer.BadInputMatrix.message;
import static io.liftoff.producer.BadInputMatrix.oversized;

import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every message a user can get wrong, one named case each: topics, bodies, tags and keys, user
 * properties, sharding keys and delays. Each is rejected with {@link
 * io.liftoff.producer.message.InvalidMessageException} and a message that says what was wrong and
 * how to fix it, before the wire (see {@link BadInputMatrix}). Rules that hold for any
 * configuration run through {@link Message.Builder}; those that depend on the producer (its {@code
 * maxMessageSize}, its namespace) through its send methods.
 */
class BadMessageInputTests extends BadInputTests {

    /** The cases: name, exception type, message fragment, attempt. */
    static Stream<Arguments> badInput() {
        return Stream.of(topics(), bodies(), tagsAndKeys(), properties(), shardingAndDelay())
                .flatMap(cases -> cases);
    }

    private static Stream<Arguments> topics() {
        return Stream.of(
                invalid("topic null", "topic must not be null", () -> Message.builder(null)),
                invalid("topic empty", "must not be blank", () -> message("").build()),
                invalid("topic blank", "must not be blank", () -> message("  ").build()),
                invalid(
                        "topic of 128 characters",
                        "is 128 characters long but at most 127 are allowed; use a shorter",
                        () -> message("t".repeat(128)).build()),
                invalid(
                        "topic with a dot",
                        "must match [%|a-zA-Z0-9_-]{1,127} but has '.' at index 6",
                        () -> message("orders.v1").build()),
                invalid(
                        "topic with a space",
                        "has ' ' at index 2; rename the topic",
                        () -> message("my topic").build()),
                invalid(
                        "topic with a non-ASCII letter",
                        "has 'ó' at index 3",
                        () -> message("zamówienia").build()),
                invalid(
                        "topic with a control character",
                        "has '\\u0001' at index 1",
                        () -> message("a\u0001b").build()),
                // TopicValidator's system topics, the official client's not-allowed-send ones among
                // them, and its system prefix
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
                invalid(
                        "system topic sent by a producer with a namespace",
                        "topic 'TBW102' is the broker's template for auto-created topics",
                        () -> matrix.namespaced().send(message("TBW102").build())),
                invalid(
                        "topic too long once the namespace is added",
                        "is 136 characters long once namespace 'tenant-a' is added, but at most 127",
                        () -> matrix.namespaced().send(message("t".repeat(127)).build())));
    }

    private static Stream<Arguments> bodies() {
        return Stream.of(
                invalid(
                        "body never set",
                        "body must be set; call body(byte[]) or body(String)",
                        () -> Message.builder(TOPIC).build()),
                invalid(
                        "body bytes null",
                        "body must not be null; pass at least one byte",
                        () -> Message.builder(TOPIC).body((byte[]) null)),
                invalid(
                        "body text null",
                        "body must not be null; pass a non-empty text",
                        () -> Message.builder(TOPIC).body((String) null)),
                invalid(
                        "body bytes empty",
                        "body must not be empty (the broker rejects an empty body",
                        () -> Message.builder(TOPIC).body(new byte[0]).build()),
                invalid(
                        "body text empty",
                        "body must not be empty",
                        () -> Message.builder(TOPIC).body("").build()),
                invalid(
                        "body over maxMessageSize, send",
                        "is 4097 bytes but maxMessageSize is 4096; send a smaller body or raise"
                                + " maxMessageSize",
                        () -> matrix.producer().send(oversized())),
                invalid(
                        "body over maxMessageSize, sendAsync",
                        "is 4097 bytes but maxMessageSize is 4096",
                        () -> matrix.producer().sendAsync(oversized())),
                invalid(
                        "body over maxMessageSize, sendOneway",
                        "is 4097 bytes but maxMessageSize is 4096",
                        () -> matrix.producer().sendOneway(oversized())),
                invalid(
                        "body over maxMessageSize, request",
                        "is 4097 bytes but maxMessageSize is 4096",
                        () -> matrix.producer().request(oversized(), Duration.ofSeconds(3))),
                invalid(
                        "body over maxMessageSize, sendInTransaction",
                        "is 4097 bytes but maxMessageSize is 4096",
                        () ->
                                matrix.producer()
                                        .sendInTransaction(
                                                oversized(),
                                                (m, arg) -> TransactionState.COMMIT,
                                                null)));
    }

    private static Stream<Arguments> tagsAndKeys() {
        return Stream.of(
                invalid(
                        "tags blank",
                        "must not be blank; pass a tag or leave tags unset",
                        () -> message().tags(" ").build()),
                invalid(
                        "tags with ||",
                        "must not contain '||', which is subscription syntax",
                        () -> message().tags("created||paid").build()),
                invalid(
                        "tags with \\u0001",
                        "tags 'a\\u0001b' must not contain \\u0001 at index 1",
                        () -> message().tags("a\u0001b").build()),
                invalid(
                        "tags with \\u0002",
                        "must not contain \\u0002 at index 1",
                        () -> message().tags("a\u0002b").build()),
                invalid(
                        "keys array null",
                        "keys must not be null; pass no arguments for no keys",
                        () -> message().keys((String[]) null)),
                invalid(
                        "keys collection null",
                        "keys must not be null; pass an empty collection for no keys",
                        () -> message().keys((Collection<String>) null)),
                invalid(
                        "keys with a null element",
                        "keys[1] must not be null; remove it",
                        () -> message().keys("a", null)),
                invalid(
                        "key null",
                        "key must not be null; pass a non-blank key",
                        () -> message().key(null)),
                invalid(
                        "key blank",
                        "keys[0] ' ' must not be blank",
                        () -> message().key(" ").build()),
                invalid(
                        "key with a space",
                        "must not contain a space: keys are joined by single spaces",
                        () -> message().key("order 42").build()),
                invalid(
                        "key with \\u0002",
                        "keys[0] 'a\\u0002' must not contain \\u0002",
                        () -> message().key("a\u0002").build()));
    }

    private static Stream<Arguments> properties() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("region", null);
        return Stream.of(
                invalid(
                        "property name null",
                        "property name must not be null; pass a non-blank name",
                        () -> message().property(null, "v")),
                invalid(
                        "property name blank",
                        "property name ' ' must not be blank",
                        () -> message().property(" ", "v").build()),
                invalid(
                        "property value null",
                        "value of property 'region' must not be null; omit the property",
                        () -> message().property("region", null)),
                invalid(
                        "property value empty",
                        "value of property 'region' must not be empty",
                        () -> message().property("region", "").build()),
                invalid(
                        "property map null",
                        "properties must not be null; pass an empty map",
                        () -> message().properties(null)),
                invalid(
                        "property map with a null value",
                        "value of property 'region' must not be null",
                        () -> message().properties(nullValue)),
                invalid(
                        "property name with \\u0001",
                        "property name 'a\\u0001b' must not contain \\u0001",
                        () -> message().property("a\u0001b", "v").build()),
                invalid(
                        "property name with \\u0002",
                        "property name 'a\\u0002b' must not contain \\u0002",
                        () -> message().property("a\u0002b", "v").build()),
                invalid(
                        "property value with \\u0001",
                        "value of property 'region' 'e\\u0001u' must not contain \\u0001",
                        () -> message().property("region", "e\u0001u").build()),
                invalid(
                        "property value with \\u0002",
                        "must not contain \\u0002 at index 1 (\\u0001 and \\u0002 separate",
                        () -> message().property("region", "e\u0002u").build()),
                reservedProperty("UNIQ_KEY", "the producer sets the message id"),
                reservedProperty("DELAY", "use a different name"),
                reservedProperty("TAGS", "set it with tags() instead of property()"),
                reservedProperty("KEYS", "set it with keys() or key() instead of property()"),
                reservedProperty("WAIT", "set it with waitStoreMessageOk() instead"),
                reservedProperty("TRAN_MSG", "use a different name"),
                reservedProperty("TIMER_DELIVER_MS", "use a different name"),
                reservedProperty("PGROUP", "use a different name"),
                invalid(
                        "sharding key also set as property __SHARDINGKEY",
                        "is set and so is the user property '__SHARDINGKEY'; remove the property",
                        () -> message().property("__SHARDINGKEY", "a").shardingKey("b").build()),
                invalid(
                        "properties over the broker's 32 KiB limit",
                        "bytes but at most 31743 are allowed (the broker's limit 32767 less 1024",
                        () ->
                                matrix.producer()
                                        .send(
                                                message()
                                                        .property("big", "x".repeat(40_000))
                                                        .build())));
    }

    private static Stream<Arguments> shardingAndDelay() {
        return Stream.of(
                invalid(
                        "sharding key null",
                        "shardingKey must not be null; leave it unset (or call removeShardingKey())"
                                + " for an unordered send",
                        () -> message().shardingKey(null)),
                invalid(
                        "sharding key blank",
                        "shardingKey ' ' must not be blank; pass a key such as the order id",
                        () -> message().shardingKey(" ").build()),
                invalid(
                        "sharding key with \\u0001",
                        "shardingKey 'a\\u0001' must not contain \\u0001",
                        () -> message().shardingKey("a\u0001").build()),
                invalid(
                        "delay level negative",
                        "delayLevel -1 is outside 1..18; pass 0 for no delay",
                        () -> message().delayLevel(-1).build()),
                invalid(
                        "delay level 19",
                        "delayLevel 19 is outside 1..18",
                        () -> message().delayLevel(19).build()),
                invalid(
                        "delay level and delivery time",
                        "are both set, but the broker honours only the level",
                        () -> message().delayLevel(3).deliverAfter(Duration.ofSeconds(5)).build()),
                invalid(
                        "deliverAfter null",
                        "deliverAfter must not be null",
                        () -> message().deliverAfter(null)),
                invalid(
                        "deliverAt null",
                        "deliverAt must not be null",
                        () -> message().deliverAt(null)),
                invalid(
                        "deliverAfter negative",
                        "must not be negative; pass Duration.ZERO to deliver at once",
                        () -> message().deliverAfter(Duration.ofSeconds(-1))),
                invalid(
                        "deliverAfter over 3 days",
                        "the broker's timerMaxDelaySec of 259200 s",
                        () -> message().deliverAfter(Duration.ofDays(3).plusSeconds(1))),
                invalid(
                        "deliverAt beyond epoch milliseconds",
                        "does not fit in epoch milliseconds",
                        () -> message().deliverAt(Instant.MAX)),
                invalid(
                        "deliverAt more than 3 days ahead",
                        "more than 3 days ahead",
                        () ->
                                matrix.producer()
                                        .send(
                                                message()
                                                        .deliverAt(
                                                                Instant.now()
                                                                        .plus(Duration.ofDays(4)))
                                                        .build())),
                invalid(
                        "delayed transactional message",
                        "a transactional message cannot be delayed",
                        () ->
                                matrix.producer()
                                        .sendInTransaction(
                                                message().delayLevel(2).build(),
                                                (m, arg) -> TransactionState.COMMIT,
                                                null)));
    }

    private static Arguments systemTopic(String topic, String what) {
        return invalid(
                "system topic " + topic,
                "topic '"
                        + topic
                        + "' is "
                        + what
                        + ", a system topic RocketMQ reserves for itself; send to a topic of your"
                        + " own",
                () -> message(topic).build());
    }

    private static Arguments systemTopicByPrefix(String topic) {
        return invalid(
                "system topic by prefix " + topic,
                "topic '" + topic + "' starts with 'rmq_sys_', which RocketMQ reserves for its",
                () -> message(topic).build());
    }

    private static Arguments reservedProperty(String name, String fix) {
        return invalid(
                "reserved property " + name,
                "property name '" + name + "' is reserved by RocketMQ; " + fix,
                () -> message().property(name, "1").build());
    }
}
