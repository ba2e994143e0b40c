package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.liftoff.producer.internal.remoting.FakeServer;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything a user can get wrong, in one table: each case is rejected with the exception type and
 * a message that says what was wrong and how to fix it, and before the wire: the producers' only
 * server, a fake name server, receives no command and no connection while a case runs.
 *
 * <p>Cases for rules enforced while building a {@link Message} or a {@link ProducerConfig} run
 * through those builders; the rest through the producer's send methods.
 */
class BadInputMatrixTests {

    private static final int MAX_MESSAGE_SIZE = 4096;
    private static final String TOPIC = "orders";

    private static FakeServer nameServer;
    private static Producer producer;
    private static Producer namespaced;

    /** One use of the API that must fail. */
    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }

    @BeforeAll
    static void startProducers() throws InterruptedException {
        // answers the producers' one name-server probe: no route for anything
        nameServer =
                FakeServer.start(
                        HeaderSerialization.JSON,
                        (channel, command) ->
                                FakeServer.reply(
                                        channel, command, FakeServer.response(17, "no route")));
        producer = Producer.create(config().build());
        namespaced =
                Producer.create(config().group("tenant-producer").namespace("tenant-a").build());
        // wait for the probe both producers' shared client sends soon after start, so that it
        // cannot land in the middle of a case; refreshes and heartbeats come an hour later
        nameServer.take();
    }

    @AfterAll
    static void stopProducers() {
        if (namespaced != null) {
            namespaced.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (nameServer != null) {
            nameServer.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputShouldBeRejectedBeforeTheWireSayingWhatToFix(
            String name, Class<? extends Throwable> type, String fragment, Attempt attempt) {
        int commands = nameServer.receivedCount();
        int connections = nameServer.acceptedConnections();

        assertThatThrownBy(attempt::run).isExactlyInstanceOf(type).hasMessageContaining(fragment);

        assertThat(nameServer.receivedCount()).as("commands on the wire").isEqualTo(commands);
        assertThat(nameServer.acceptedConnections())
                .as("connections opened")
                .isEqualTo(connections);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                        topics(),
                        bodies(),
                        tagsAndKeys(),
                        properties(),
                        shardingAndDelay(),
                        batches(),
                        sendArguments(),
                        configuration())
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
                        () -> namespaced.send(message("TBW102").build())),
                invalid(
                        "topic too long once the namespace is added",
                        "is 136 characters long once namespace 'tenant-a' is added, but at most 127",
                        () -> namespaced.send(message("t".repeat(127)).build())));
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
                        () -> producer.send(oversized())),
                invalid(
                        "body over maxMessageSize, sendAsync",
                        "is 4097 bytes but maxMessageSize is 4096",
                        () -> producer.sendAsync(oversized())),
                invalid(
                        "body over maxMessageSize, sendOneway",
                        "is 4097 bytes but maxMessageSize is 4096",
                        () -> producer.sendOneway(oversized())),
                invalid(
                        "body over maxMessageSize, request",
                        "is 4097 bytes but maxMessageSize is 4096",
                        () -> producer.request(oversized(), Duration.ofSeconds(3))),
                invalid(
                        "body over maxMessageSize, sendInTransaction",
                        "is 4097 bytes but maxMessageSize is 4096",
                        () ->
                                producer.sendInTransaction(
                                        oversized(), (m, arg) -> TransactionState.COMMIT, null)));
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
                                producer.send(
                                        message().property("big", "x".repeat(40_000)).build())));
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
                                producer.send(
                                        message()
                                                .deliverAt(Instant.now().plus(Duration.ofDays(4)))
                                                .build())),
                invalid(
                        "delayed transactional message",
                        "a transactional message cannot be delayed",
                        () ->
                                producer.sendInTransaction(
                                        message().delayLevel(2).build(),
                                        (m, arg) -> TransactionState.COMMIT,
                                        null)));
    }

    private static Stream<Arguments> batches() {
        List<Message> withNull = Arrays.asList(message().build(), null);
        return Stream.of(
                invalid(
                        "batch null",
                        "messages must not be null; pass the messages of the batch",
                        () -> producer.sendBatch(null)),
                invalid(
                        "batch empty",
                        "messages must not be empty; pass at least one message",
                        () -> producer.sendBatch(List.of())),
                invalid(
                        "batch with a null message",
                        "message at index 1 of the batch is null; remove it",
                        () -> producer.sendBatch(withNull)),
                invalid(
                        "batch mixing topics",
                        "has topic 'payments' but message 0 has topic 'orders'; a batch goes to"
                                + " one topic",
                        () ->
                                producer.sendBatch(
                                        List.of(message().build(), message("payments").build()))),
                invalid(
                        "batch mixing topics, async",
                        "send one batch per topic",
                        () ->
                                producer.sendBatchAsync(
                                        List.of(message().build(), message("payments").build()))),
                invalid(
                        "batch with a delay level",
                        "delay is not supported in a batch; send it on its own",
                        () ->
                                producer.sendBatch(
                                        List.of(
                                                message().build(),
                                                message().delayLevel(1).build()))),
                invalid(
                        "batch with a delivery time",
                        "delay is not supported in a batch",
                        () ->
                                producer.sendBatch(
                                        List.of(
                                                message()
                                                        .deliverAfter(Duration.ofSeconds(9))
                                                        .build()))),
                invalid(
                        "batch mixing waitStoreMessageOk",
                        "has waitStoreMessageOk false but message 0 has true",
                        () ->
                                producer.sendBatch(
                                        List.of(
                                                message().build(),
                                                message().waitStoreMessageOk(false).build()))),
                invalid(
                        "batch to a retry topic",
                        "is a retry topic, which brokers do not accept in a batch",
                        () ->
                                producer.sendBatch(
                                        List.of(message("%RETRY%orders-consumer").build()))),
                invalid(
                        "batch message over maxMessageSize",
                        "message at index 0 of the batch is",
                        () -> producer.sendBatch(List.of(oversized()))));
    }

    private static Stream<Arguments> sendArguments() {
        String otherTopicHandle =
                Base64.getUrlEncoder()
                        .encodeToString(
                                "v1 payments broker-a 1700000000000 0A0B0C"
                                        .getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                nullArgument("send(null)", "message must not be null", () -> producer.send(null)),
                nullArgument(
                        "sendAsync(null)",
                        "message must not be null",
                        () -> producer.sendAsync(null)),
                nullArgument(
                        "sendOneway(null)",
                        "message must not be null",
                        () -> producer.sendOneway(null)),
                nullArgument(
                        "sendInTransaction without a message",
                        "message must not be null",
                        () ->
                                producer.sendInTransaction(
                                        null, (m, arg) -> TransactionState.COMMIT, null)),
                nullArgument(
                        "sendInTransaction without a local transaction",
                        "localTransaction must not be null",
                        () -> producer.sendInTransaction(message().build(), null, null)),
                nullArgument(
                        "request without a message",
                        "request must not be null",
                        () -> producer.request(null, Duration.ofSeconds(1))),
                invalid(
                        IllegalArgumentException.class,
                        "request without a timeout",
                        "timeout must be positive, was null; pass how long to wait for the reply",
                        () -> producer.request(message().build(), null)),
                invalid(
                        IllegalArgumentException.class,
                        "request with a zero timeout",
                        "timeout must be positive, was PT0S",
                        () -> producer.request(message().build(), Duration.ZERO)),
                nullArgument(
                        "recall without a topic",
                        "topic must not be null",
                        () -> producer.recall(null, otherTopicHandle)),
                invalid(
                        IllegalArgumentException.class,
                        "recall without a handle",
                        "recallHandle must not be null; pass SendResult.recallHandle()",
                        () -> producer.recall(TOPIC, null)),
                invalid(
                        IllegalArgumentException.class,
                        "recall with a handle that is not Base64",
                        "is not URL-safe Base64",
                        () -> producer.recall(TOPIC, "not base64!")),
                invalid(
                        IllegalArgumentException.class,
                        "recall with another topic's handle",
                        "is of a message sent to topic 'payments', not to 'orders'; pass the topic",
                        () -> producer.recall(TOPIC, otherTopicHandle)));
    }

    private static Stream<Arguments> configuration() {
        return Stream.of(
                setting("name server null", "nameServer is required", b -> b.nameServer(null)),
                setting("name server blank", "nameServer is required", b -> b.nameServer(" ")),
                setting(
                        "name server without a port",
                        "'localhost' must be 'host:port'",
                        b -> b.nameServer("localhost")),
                setting(
                        "name server without a host",
                        "':9876' must be 'host:port'",
                        b -> b.nameServer(":9876")),
                setting("name server port 0", "port from 1 to 65535", b -> b.nameServer("ns:0")),
                setting(
                        "name server port 65536",
                        "port from 1 to 65535",
                        b -> b.nameServer("ns:65536")),
                setting(
                        "name server port not a number",
                        "port from 1 to 65535",
                        b -> b.nameServer("ns:http")),
                setting(
                        "name server as a URL",
                        "without a scheme or path",
                        b -> b.nameServer("http://ns:9876")),
                setting(
                        "name server list with a comma",
                        "separate several addresses with ';'",
                        b -> b.nameServer("a:9876,b:9876")),
                setting(
                        "name server list of separators",
                        "lists no address",
                        b -> b.nameServer(";;")),
                setting("group null", "group is required", b -> b.group(null)),
                setting("group blank", "group is required", b -> b.group(" ")),
                setting("group with a space", "rename the group", b -> b.group("my group")),
                setting("group of 256 characters", "{1,255}", b -> b.group("g".repeat(256))),
                setting(
                        "group DEFAULT_PRODUCER",
                        "'DEFAULT_PRODUCER' is reserved",
                        b -> b.group("DEFAULT_PRODUCER")),
                setting(
                        "instance name blank",
                        "instanceName must not be blank",
                        b -> b.instanceName(" ")),
                nullSetting(
                        "instance name null",
                        "instanceName must not be null",
                        b -> b.instanceName(null)),
                setting(
                        "send timeout zero",
                        "sendTimeout must be a positive duration, was PT0S; set",
                        b -> b.sendTimeout(Duration.ZERO)),
                setting(
                        "send timeout negative",
                        "sendTimeout must be a positive duration",
                        b -> b.sendTimeout(Duration.ofSeconds(-1))),
                setting(
                        "send timeout null",
                        "sendTimeout must be a positive duration, was null",
                        b -> b.sendTimeout(null)),
                setting(
                        "retries negative",
                        "retryTimesWhenSendFailed must be at least 0, was -1; set",
                        b -> b.retryTimesWhenSendFailed(-1)),
                setting(
                        "async retries negative",
                        "retryTimesWhenSendAsyncFailed must be at least 0",
                        b -> b.retryTimesWhenSendAsyncFailed(-1)),
                setting(
                        "max in-flight messages zero",
                        "maxInFlightMessages must be at least 1",
                        b -> b.maxInFlightMessages(0)),
                setting(
                        "max in-flight bytes zero",
                        "maxInFlightBytes must be at least 1",
                        b -> b.maxInFlightBytes(0)),
                setting(
                        "back-pressure timeout negative",
                        "backPressureTimeout must be zero or a positive duration",
                        b -> b.backPressureTimeout(Duration.ofMillis(-1))),
                setting(
                        "drain timeout negative",
                        "drainTimeout must be zero or a positive duration",
                        b -> b.drainTimeout(Duration.ofMillis(-1))),
                setting(
                        "max message size zero",
                        "maxMessageSize must be at least 1",
                        b -> b.maxMessageSize(0)),
                setting(
                        "compression threshold zero",
                        "compressMessageBodyThreshold must be at least 1",
                        b -> b.compressMessageBodyThreshold(0)),
                setting(
                        "compression level 10",
                        "compressLevel must be from 0 (none) to 9 (best), was 10",
                        b -> b.compressLevel(10)),
                setting(
                        "compression level negative",
                        "compressLevel must be from 0 (none) to 9 (best), was -1",
                        b -> b.compressLevel(-1)),
                setting(
                        "namespace with a space",
                        "namespace 'tenant a' must match",
                        b -> b.namespace("tenant a")),
                setting(
                        "namespace with %",
                        "must not contain '%', which separates namespace and resource",
                        b -> b.namespace("tenant%a")),
                setting(
                        "namespace starting with rmq_sys_",
                        "must not start with 'rmq_sys_': RocketMQ would take every topic in it for"
                                + " a system topic",
                        b -> b.namespace("rmq_sys_tenant")),
                setting(
                        "namespace of 128 characters",
                        "is 128 characters long; at most 127",
                        b -> b.namespace("n".repeat(128))),
                setting(
                        "request timeout zero",
                        "requestTimeout must be a positive duration",
                        b -> b.requestTimeout(Duration.ZERO)),
                setting(
                        "route refresh interval zero",
                        "routeRefreshInterval must be a positive duration",
                        b -> b.routeRefreshInterval(Duration.ZERO)),
                setting(
                        "heartbeat interval zero",
                        "heartbeatInterval must be a positive duration",
                        b -> b.heartbeatInterval(Duration.ZERO)),
                setting(
                        "default topic queue count zero",
                        "defaultTopicQueueNums must be at least 1",
                        b -> b.defaultTopicQueueNums(0)),
                setting(
                        "attempt timeout zero",
                        "attemptTimeout must be a positive duration",
                        b -> b.attemptTimeout(Duration.ZERO)),
                setting(
                        "latency tiers empty",
                        "tiers must not be empty",
                        b -> b.latencyTiers(List.of())),
                setting(
                        "latency tiers out of order",
                        "strictly increasing",
                        b ->
                                b.latencyTiers(
                                        List.of(
                                                LatencyTier.ofMillis(550, 2_000),
                                                LatencyTier.ofMillis(100, 0)))),
                nullSetting(
                        "latency tiers null",
                        "latency tiers must not be null",
                        b -> b.latencyTiers(null)),
                nullSetting(
                        "header serialization null",
                        "headerSerialization must not be null",
                        b -> b.headerSerialization(null)),
                nullSetting(
                        "orderly queue selector null",
                        "orderlyQueueSelector must not be null",
                        b -> b.orderlyQueueSelector(null)),
                nullSetting(
                        "interceptor null",
                        "interceptor must not be null",
                        b -> b.interceptor(null)),
                nullSetting("listener null", "listener must not be null", b -> b.listener(null)),
                setting(
                        "secret key without access key",
                        "accessKey is required with a secretKey",
                        b -> b.credentials(Credentials.of(null, "s3cr3t-value"))),
                setting(
                        "blank access key",
                        "accessKey is required with a secretKey",
                        b -> b.credentials(Credentials.of(" ", "s3cr3t-value"))),
                setting(
                        "access key with surrounding whitespace",
                        "starts or ends with whitespace; remove it",
                        b -> b.credentials(Credentials.of("orders-app ", "s3cr3t-value"))),
                setting(
                        "access key without secret key",
                        "secretKey of accessKey 'orders-app' is missing",
                        b -> b.credentials(Credentials.of("orders-app", ""))),
                setting(
                        "blank security token",
                        "securityToken of accessKey 'orders-app' is blank",
                        b -> b.credentials(Credentials.of("orders-app", "s3cr3t-value", " "))));
    }

    private static Arguments invalid(String name, String fragment, Attempt attempt) {
        return invalid(InvalidMessageException.class, name, fragment, attempt);
    }

    private static Arguments invalid(
            Class<? extends Throwable> type, String name, String fragment, Attempt attempt) {
        return arguments(name, type, fragment, attempt);
    }

    private static Arguments nullArgument(String name, String fragment, Attempt attempt) {
        return invalid(NullPointerException.class, name, fragment, attempt);
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

    private static Arguments setting(
            String name, String fragment, UnaryOperator<ProducerConfig.Builder> change) {
        return invalid(
                IllegalArgumentException.class,
                "config: " + name,
                fragment,
                () -> change.apply(config()).build());
    }

    private static Arguments nullSetting(
            String name, String fragment, UnaryOperator<ProducerConfig.Builder> change) {
        return invalid(
                NullPointerException.class,
                "config: " + name,
                fragment,
                () -> change.apply(config()).build());
    }

    private static ProducerConfig.Builder config() {
        return ProducerConfig.builder()
                .nameServer(nameServer == null ? "127.0.0.1:9876" : nameServer.address())
                .group("matrix-producer")
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .sendTimeout(Duration.ofSeconds(3))
                .requestTimeout(Duration.ofSeconds(3))
                .routeRefreshInterval(Duration.ofHours(1))
                .heartbeatInterval(Duration.ofHours(1));
    }

    private static Message.Builder message() {
        return message(TOPIC);
    }

    private static Message.Builder message(String topic) {
        return Message.builder(topic).body("payload");
    }

    private static Message oversized() {
        return message().body(new byte[MAX_MESSAGE_SIZE + 1]).build();
    }
}
