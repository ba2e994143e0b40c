package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProducerConfigTests {

    @Test
    void buildShouldApplyTheOfficialClientsDefaults() {
        ProducerConfig config = valid().build();

        assertThat(config.sendTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.retryTimesWhenSendFailed()).isEqualTo(2);
        assertThat(config.maxMessageSize()).isEqualTo(4 * 1024 * 1024);
        assertThat(config.headerSerialization()).isEqualTo(HeaderSerialization.ROCKETMQ);
        assertThat(config.instanceName()).isEqualTo("DEFAULT");
        assertThat(config.defaultTopicQueueNums()).isEqualTo(4);
        assertThat(config.tls()).isEqualTo(TlsOptions.disabled());
    }

    @Test
    void buildShouldTurnTheLatencyFaultToleranceOnWithTheOfficialTiers() {
        ProducerConfig config = valid().build();

        assertThat(config.sendLatencyFaultEnable()).isTrue();
        assertThat(config.latencyTiers())
                .hasSize(7)
                .startsWith(LatencyTier.ofMillis(50, 0), LatencyTier.ofMillis(100, 0))
                .endsWith(LatencyTier.ofMillis(15_000, 30_000));
        assertThat(config.attemptTimeout()).isEmpty();
    }

    @Test
    void buildShouldSplitSeveralNameServers() {
        ProducerConfig config = valid().nameServer("a:9876; b:9877;").build();

        assertThat(config.nameServerAddresses()).containsExactly("a:9876", "b:9877");
    }

    @Test
    void buildWithAnAddressServerShouldTakeItInsteadOfNameServers() {
        ProducerConfig config =
                valid().nameServer(null)
                        .nameServerAddressUrl("http://127.0.0.1:8080/rocketmq/nsaddr")
                        .build();

        assertThat(config.nameServerAddressUrl())
                .contains(URI.create("http://127.0.0.1:8080/rocketmq/nsaddr"));
        assertThat(config.nameServerAddresses()).isEmpty();
        assertThat(config.nameServerAddressRefreshInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.toBuilder().build().nameServerAddressUrl())
                .isEqualTo(config.nameServerAddressUrl());
    }

    @Test
    void nameServerDomainShouldMakeTheOfficialClientsUrl() {
        assertThat(
                        valid().nameServer(null)
                                .nameServerDomain("jmenv.tbsite.net", "nsaddr")
                                .build()
                                .nameServerAddressUrl())
                .contains(URI.create("http://jmenv.tbsite.net:8080/rocketmq/nsaddr"));
        assertThat(
                        valid().nameServer(null)
                                .nameServerDomain("10.0.0.1:81", "unit-b")
                                .build()
                                .nameServerAddressUrl())
                .contains(URI.create("http://10.0.0.1:81/rocketmq/unit-b"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> valid().nameServerDomain(" ", "nsaddr"))
                .withMessageContaining("nameServerDomain needs a domain and a subgroup");
    }

    @Test
    void toBuilderShouldKeepEveryValue() {
        ProducerConfig config =
                valid().sendTimeout(Duration.ofMillis(1500))
                        .retryTimesWhenSendFailed(5)
                        .headerSerialization(HeaderSerialization.JSON)
                        .sendLatencyFaultEnable(false)
                        .latencyTiers(List.of(LatencyTier.ofMillis(200, 1_000)))
                        .attemptTimeout(Duration.ofMillis(400))
                        .tls(TlsOptions.builder().insecureTrustAllCertificates().build())
                        .credentials(Credentials.of("orders-app", "s3cr3t-value"))
                        .messageTrace(MessageTrace.toTopic("orders-trace"))
                        .build();

        ProducerConfig copy = config.toBuilder().build();

        assertThat(copy.sendTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(copy.retryTimesWhenSendFailed()).isEqualTo(5);
        assertThat(copy.headerSerialization()).isEqualTo(HeaderSerialization.JSON);
        assertThat(copy.group()).isEqualTo(config.group());
        assertThat(copy.sendLatencyFaultEnable()).isFalse();
        assertThat(copy.latencyTiers()).containsExactly(LatencyTier.ofMillis(200, 1_000));
        assertThat(copy.attemptTimeout()).contains(Duration.ofMillis(400));
        assertThat(copy.tls()).isEqualTo(config.tls());
        assertThat(copy.credentials()).contains(Credentials.of("orders-app", "s3cr3t-value"));
        assertThat(copy.messageTrace()).isEqualTo(MessageTrace.toTopic("orders-trace"));
    }

    @Test
    void compressionShouldBeZlibAtFiveByDefaultAndEachTypeGetsItsDefaultLevel() {
        ProducerConfig zlib = valid().build();
        ProducerConfig lz4 = valid().compressType(CompressionType.LZ4).build();
        ProducerConfig zstd = valid().compressType(CompressionType.ZSTD).build();

        assertThat(zlib.compressType()).isEqualTo(CompressionType.ZLIB);
        assertThat(zlib.compressLevel()).isEqualTo(5);
        assertThat(zlib.compressMessageBodyThreshold()).isEqualTo(4096);
        assertThat(lz4.compressLevel()).isZero();
        assertThat(zstd.compressLevel()).isEqualTo(5);
    }

    @Test
    void toBuilderShouldKeepTheCompressionAndLeaveADefaultLevelUnset() {
        ProducerConfig zstd =
                valid().compressType(CompressionType.ZSTD)
                        .compressLevel(19)
                        .compressMessageBodyThreshold(1024)
                        .build();

        ProducerConfig copy = zstd.toBuilder().build();
        ProducerConfig lz4 = valid().build().toBuilder().compressType(CompressionType.LZ4).build();

        assertThat(copy.compressType()).isEqualTo(CompressionType.ZSTD);
        assertThat(copy.compressLevel()).isEqualTo(19);
        assertThat(copy.compressMessageBodyThreshold()).isEqualTo(1024);
        // zlib's default level 5 was never set, so LZ4 gets its own default, the fast compressor
        assertThat(lz4.compressLevel()).isZero();
    }

    @Test
    void warmUpTopicsShouldBeNoneByDefaultAndKeepTheirOrderWithoutDuplicates() {
        assertThat(valid().build().warmUpTopics()).isEmpty();

        ProducerConfig config = valid().warmUpTopics("orders", "reminders", "orders").build();

        assertThat(config.warmUpTopics()).containsExactly("orders", "reminders");
        assertThat(config.toBuilder().build().warmUpTopics())
                .containsExactly("orders", "reminders");
        assertThat(valid().warmUpTopics("a").warmUpTopics().build().warmUpTopics()).isEmpty();
    }

    @Test
    void warmUpTopicsThatNoMessageCouldBeSentToShouldBeRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> valid().warmUpTopics("orders", "bad topic").build())
                .withMessageStartingWith("warmUpTopics topic 'bad topic' must match");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> valid().warmUpTopics("TBW102").build())
                .withMessageStartingWith("warmUpTopics topic 'TBW102' is");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> valid().warmUpTopics("orders", null).build())
                .withMessageStartingWith("warmUpTopics topic must not be null");
    }

    @Test
    void messageTraceShouldBeOffByDefaultAndGoToTheOfficialTopicWhenEnabled() {
        assertThat(valid().build().messageTrace()).isEqualTo(MessageTrace.disabled());
        assertThat(MessageTrace.disabled().isEnabled()).isFalse();
        assertThat(MessageTrace.enabled().isEnabled()).isTrue();
        assertThat(MessageTrace.enabled().topic()).isEqualTo("RMQ_SYS_TRACE_TOPIC");
        assertThat(MessageTrace.toTopic("RMQ_SYS_TRACE_TOPIC")).isEqualTo(MessageTrace.enabled());
        assertThat(MessageTrace.toTopic("orders-trace"))
                .hasToString("MessageTrace[topic=orders-trace]");
    }

    @Test
    void messageTraceToAnInvalidTopicShouldExplainIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageTrace.toTopic("orders trace"))
                .withMessageStartingWith("messageTrace topic 'orders trace' must match");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageTrace.toTopic(null))
                .withMessageContaining("messageTrace topic must not be null");
    }

    @Test
    void credentialsShouldBeOffByDefaultAndNeverShowTheirSecret() {
        assertThat(valid().build().credentials()).isEmpty();

        ProducerConfig config =
                valid().credentials(Credentials.of("orders-app", "s3cr3t-value")).build();

        assertThat(config.toString()).contains("orders-app").doesNotContain("s3cr3t-value");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                invalid("missing name server", b -> b.nameServer(null), "nameServer is required"),
                invalid("blank name server", b -> b.nameServer(" "), "nameServer is required"),
                invalid(
                        "no port",
                        b -> b.nameServer("localhost"),
                        "'localhost' must be 'host:port'"),
                invalid("bad port", b -> b.nameServer("h:99999"), "port from 1 to 65535"),
                invalid("only separators", b -> b.nameServer(";;"), "lists no address"),
                invalid(
                        "name server and address server",
                        b -> b.nameServerAddressUrl("http://127.0.0.1:8080/rocketmq/nsaddr"),
                        "nameServer and nameServerAddressUrl are both set; set only one"),
                invalid(
                        "address server without scheme",
                        b -> b.nameServer(null).nameServerAddressUrl("jmenv:8080/rocketmq/nsaddr"),
                        "must be an http:// or https:// URL with a host"),
                invalid(
                        "address server not http",
                        b -> b.nameServer(null).nameServerAddressUrl("ftp://host/list"),
                        "must be an http:// or https:// URL with a host"),
                invalid(
                        "zero address refresh",
                        b -> b.nameServerAddressRefreshInterval(Duration.ZERO),
                        "nameServerAddressRefreshInterval must be"),
                invalid("missing group", b -> b.group(null), "group is required"),
                invalid("group with space", b -> b.group("my group"), "rename the group"),
                invalid("reserved group", b -> b.group("DEFAULT_PRODUCER"), "reserved"),
                invalid("zero timeout", b -> b.sendTimeout(Duration.ZERO), "sendTimeout must be"),
                invalid("negative retries", b -> b.retryTimesWhenSendFailed(-1), "at least 0"),
                invalid("zero max size", b -> b.maxMessageSize(0), "maxMessageSize"),
                invalid("zero queues", b -> b.defaultTopicQueueNums(0), "defaultTopicQueueNums"),
                invalid("no tiers", b -> b.latencyTiers(List.of()), "tiers must not be empty"),
                invalid(
                        "tiers out of order",
                        b ->
                                b.latencyTiers(
                                        List.of(
                                                LatencyTier.ofMillis(550, 2_000),
                                                LatencyTier.ofMillis(100, 0))),
                        "strictly increasing"),
                invalid(
                        "zero attempt timeout",
                        b -> b.attemptTimeout(Duration.ZERO),
                        "attemptTimeout must be"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void buildWhenSettingIsInvalidShouldExplainIt(
            String name, UnaryOperator<ProducerConfig.Builder> change, String expected) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> change.apply(valid()).build())
                .withMessageContaining(expected);
    }

    private static Arguments invalid(
            String name, UnaryOperator<ProducerConfig.Builder> change, String expected) {
        return Arguments.of(name, change, expected);
    }

    private static ProducerConfig.Builder valid() {
        return ProducerConfig.builder().nameServer("127.0.0.1:9876").group("orders-producer");
    }
}
