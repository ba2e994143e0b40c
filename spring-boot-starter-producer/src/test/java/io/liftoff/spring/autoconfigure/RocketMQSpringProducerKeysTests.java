package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.MessageTrace;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every producer key of rocketmq-spring-boot-starter 2.3.5 ({@code rocketmq.*} and {@code
 * rocketmq.producer.*} of its {@code RocketMQProperties}) is either bound to the producer or
 * refused at startup by its name, and the configuration metadata says which.
 */
class RocketMQSpringProducerKeysTests {

    /** The producer keys of rocketmq-spring 2.3.5, as its RocketMQProperties binds them. */
    static final List<String> ROCKETMQ_SPRING_2_3_5_PRODUCER_KEYS =
            List.of(
                    "rocketmq.name-server",
                    "rocketmq.access-channel",
                    "rocketmq.producer.group",
                    "rocketmq.producer.namespace",
                    "rocketmq.producer.namespace-v2",
                    "rocketmq.producer.send-message-timeout",
                    "rocketmq.producer.compress-message-body-threshold",
                    "rocketmq.producer.retry-times-when-send-failed",
                    "rocketmq.producer.retry-times-when-send-async-failed",
                    "rocketmq.producer.retry-next-server",
                    "rocketmq.producer.max-message-size",
                    "rocketmq.producer.access-key",
                    "rocketmq.producer.secret-key",
                    "rocketmq.producer.enable-msg-trace",
                    "rocketmq.producer.customized-trace-topic",
                    "rocketmq.producer.tls-enable",
                    "rocketmq.producer.instance-name");

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(LiftoffProducerAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.name-server=127.0.0.1:9876",
                            "rocketmq.producer.group=orders-producer");

    /** A key and the value rocketmq-spring users write, with what Liftoff makes of it. */
    record Case(String key, String value, List<String> others, Expectation expectation) {

        @Override
        public String toString() {
            return this.key + "=" + this.value;
        }
    }

    sealed interface Expectation {}

    /** Bound: the producer's configuration (or the bound properties) shows the value. */
    record Bound(Function<ProducerConfig, Object> actual, Object expected) implements Expectation {}

    /** Refused: the startup fails naming the key, saying why and what to do. */
    record Refused(String reason, String action) implements Expectation {}

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(
                bound(
                        "rocketmq.name-server",
                        "127.0.0.2:9876",
                        ProducerConfig::nameServer,
                        "127.0.0.2:9876"));
        cases.add(
                bound(
                        "rocketmq.access-channel",
                        "LOCAL",
                        ProducerConfig::group,
                        "orders-producer"));
        cases.add(refused("rocketmq.access-channel", "CLOUD", "Alibaba Cloud", "set it to LOCAL"));
        cases.add(
                bound(
                        "rocketmq.producer.group",
                        "billing-producer",
                        ProducerConfig::group,
                        "billing-producer"));
        cases.add(
                bound(
                        "rocketmq.producer.namespace",
                        "tenant-a",
                        (config) -> config.namespace().orElseThrow(),
                        "tenant-a"));
        cases.add(
                refused(
                        "rocketmq.producer.namespace-v2",
                        "tenant-a",
                        "request headers",
                        "'rocketmq.producer.namespace'"));
        cases.add(
                bound(
                        "rocketmq.producer.send-message-timeout",
                        "5000",
                        ProducerConfig::sendTimeout,
                        Duration.ofSeconds(5)));
        cases.add(
                bound(
                        "rocketmq.producer.compress-message-body-threshold",
                        "8192",
                        ProducerConfig::compressMessageBodyThreshold,
                        8192));
        cases.add(
                bound(
                        "rocketmq.producer.retry-times-when-send-failed",
                        "4",
                        ProducerConfig::retryTimesWhenSendFailed,
                        4));
        cases.add(
                bound(
                        "rocketmq.producer.retry-times-when-send-async-failed",
                        "5",
                        ProducerConfig::retryTimesWhenSendAsyncFailed,
                        5));
        cases.add(
                bound(
                        "rocketmq.producer.retry-next-server",
                        "true",
                        ProducerConfig::retryAnotherBrokerWhenNotStoreOk,
                        true));
        cases.add(
                bound(
                        "rocketmq.producer.max-message-size",
                        "1048576",
                        ProducerConfig::maxMessageSize,
                        1048576));
        cases.add(
                new Case(
                        "rocketmq.producer.access-key",
                        "orders-ak",
                        List.of("rocketmq.producer.secret-key=orders-sk"),
                        new Bound(
                                (config) -> config.credentials().orElseThrow(),
                                Credentials.of("orders-ak", "orders-sk"))));
        cases.add(
                new Case(
                        "rocketmq.producer.secret-key",
                        "orders-sk",
                        List.of("rocketmq.producer.access-key=orders-ak"),
                        new Bound(
                                (config) ->
                                        config.credentials()
                                                .map(Credentials::secretKey)
                                                .orElseThrow(),
                                "orders-sk")));
        cases.add(
                bound(
                        "rocketmq.producer.enable-msg-trace",
                        "false",
                        ProducerConfig::messageTrace,
                        MessageTrace.disabled()));
        cases.add(
                bound(
                        "rocketmq.producer.enable-msg-trace",
                        "true",
                        ProducerConfig::messageTrace,
                        MessageTrace.enabled()));
        cases.add(
                new Case(
                        "rocketmq.producer.customized-trace-topic",
                        "orders-trace",
                        List.of("rocketmq.producer.enable-msg-trace=true"),
                        new Bound(
                                ProducerConfig::messageTrace,
                                MessageTrace.toTopic("orders-trace"))));
        cases.add(
                bound(
                        "rocketmq.producer.tls-enable",
                        "true",
                        (config) -> config.tls().enabled(),
                        true));
        cases.add(
                bound(
                        "rocketmq.producer.instance-name",
                        "orders-app",
                        ProducerConfig::instanceName,
                        "orders-app"));
        return cases.stream();
    }

    private static Case bound(
            String key, String value, Function<ProducerConfig, Object> actual, Object expected) {
        return new Case(key, value, List.of(), new Bound(actual, expected));
    }

    private static Case refused(String key, String value, String reason, String action) {
        return new Case(key, value, List.of(), new Refused(reason, action));
    }

    @Test
    void casesShouldWalkEveryProducerKeyOfRocketMQSpring() {
        assertThat(cases().map(Case::key).distinct())
                .containsExactlyInAnyOrderElementsOf(ROCKETMQ_SPRING_2_3_5_PRODUCER_KEYS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keyShouldBeBoundOrRefusedByName(Case keyCase) {
        this.contextRunner
                .withPropertyValues(keyCase.key() + "=" + keyCase.value())
                .withPropertyValues(keyCase.others().toArray(String[]::new))
                .run(
                        (context) -> {
                            Expectation expectation = keyCase.expectation();
                            if (expectation instanceof Bound bound) {
                                assertThat(context).hasNotFailed();
                                ProducerConfig config = context.getBean(Producer.class).config();
                                assertThat(bound.actual().apply(config))
                                        .isEqualTo(bound.expected());
                            } else if (expectation instanceof Refused refused) {
                                assertThat(context)
                                        .getFailure()
                                        .rootCause()
                                        .isInstanceOfSatisfying(
                                                InvalidProducerPropertyException.class,
                                                (ex) -> {
                                                    assertThat(ex.getProperty())
                                                            .isEqualTo(keyCase.key());
                                                    assertThat(ex.getMessage())
                                                            .contains(keyCase.key())
                                                            .contains(refused.reason());
                                                    assertThat(ex.getAction())
                                                            .contains(refused.action());
                                                });
                            }
                        });
    }

    @Test
    void namedProducerShouldRefuseNamespaceV2ByItsKey() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producers.orders.group=orders-producer",
                        "rocketmq.producers.orders.namespace-v2=tenant-a")
                .run(
                        (context) ->
                                assertThat(context)
                                        .getFailure()
                                        .rootCause()
                                        .isInstanceOfSatisfying(
                                                InvalidProducerPropertyException.class,
                                                (ex) ->
                                                        assertThat(ex.getProperty())
                                                                .isEqualTo(
                                                                        "rocketmq.producers.orders"
                                                                                + ".namespace-v2")));
    }

    @Test
    void metadataShouldDescribeEveryKeyAndFlagTheUnsupportedOnes() throws Exception {
        JsonNode metadata;
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        metadata.get("properties")
                .forEach((property) -> names.add(property.get("name").asString()));
        assertThat(names).containsAll(ROCKETMQ_SPRING_2_3_5_PRODUCER_KEYS);
        assertThat(deprecationLevel(metadata, "rocketmq.producer.namespace-v2")).isEqualTo("error");
        assertThat(deprecationLevel(metadata, "rocketmq.access-channel")).isEqualTo("warning");
        assertThat(deprecationLevel(metadata, "rocketmq.producer.group")).isNull();
    }

    private static String deprecationLevel(JsonNode metadata, String name) {
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                JsonNode deprecation = property.get("deprecation");
                return deprecation != null ? deprecation.get("level").asString() : null;
            }
        }
        throw new AssertionError(name + " is not in the metadata");
    }
}
