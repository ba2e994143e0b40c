package io.liftoff.producer;

import static io.liftoff.producer.BadInputMatrix.invalid;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every setting a user can get wrong, one named case each: {@link ProducerConfig.Builder#build()}
 * (or the setter, for {@code null}) rejects it with a message that names the setting and says how
 * to fix it, and nothing reaches the wire (see {@link BadInputMatrix}).
 */
class BadConfigInputTests extends BadInputTests {

    /** The cases: name, exception type, message fragment, attempt. */
    static Stream<Arguments> badInput() {
        return Stream.of(configuration()).flatMap(cases -> cases);
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
                        "compressLevel 10 is out of range for ZLIB: set 0 to 9",
                        b -> b.compressLevel(10)),
                setting(
                        "compression level negative",
                        "compressLevel -1 is out of range for ZLIB: set 0 to 9",
                        b -> b.compressLevel(-1)),
                setting(
                        "LZ4 level 18",
                        "compressLevel 18 is out of range for LZ4: set 0 to 17",
                        b -> b.compressType(CompressionType.LZ4).compressLevel(18)),
                setting(
                        "ZSTD level 0",
                        "compressLevel 0 is out of range for ZSTD: set 1 to 22",
                        b -> b.compressType(CompressionType.ZSTD).compressLevel(0)),
                setting(
                        "no compression type",
                        "compressType must not be null; choose ZLIB (the default), LZ4 or ZSTD",
                        b -> b.compressType(null)),
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

    private static Arguments setting(
            String name, String fragment, UnaryOperator<ProducerConfig.Builder> change) {
        return invalid(
                IllegalArgumentException.class,
                "config: " + name,
                fragment,
                () -> change.apply(matrix.config()).build());
    }

    private static Arguments nullSetting(
            String name, String fragment, UnaryOperator<ProducerConfig.Builder> change) {
        return invalid(
                NullPointerException.class,
                "config: " + name,
                fragment,
                () -> change.apply(matrix.config()).build());
    }
}
