package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

class InvalidProducerPropertyFailureAnalyzerTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(LiftoffProducerAutoConfiguration.class));

    private final InvalidProducerPropertyFailureAnalyzer analyzer =
            new InvalidProducerPropertyFailureAnalyzer();

    @Test
    void analyzeWithoutAnyPropertyShouldAskForNameServer() {
        this.contextRunner.run(
                (context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .isEqualTo(
                                    "Property 'rocketmq.name-server' is not set; the Liftoff"
                                            + " producer needs it.");
                    assertThat(analysis.getAction())
                            .isEqualTo(
                                    "Set 'rocketmq.name-server', e.g."
                                            + " rocketmq.name-server=127.0.0.1:9876, or set"
                                            + " 'rocketmq.name-server-address-url' to fetch them"
                                            + " from an HTTP address server, or define a"
                                            + " Producer bean named 'liftoffProducer' yourself.");
                });
    }

    @Test
    void analyzeWithoutGroupShouldAskForGroup() {
        this.contextRunner
                .withPropertyValues("rocketmq.name-server=127.0.0.1:9876")
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            FailureAnalysis analysis =
                                    this.analyzer.analyze(context.getStartupFailure());
                            assertThat(analysis.getDescription())
                                    .isEqualTo(
                                            "Property 'rocketmq.producer.group' is not set; the"
                                                    + " Liftoff producer needs it.");
                            assertThat(analysis.getAction())
                                    .contains("rocketmq.producer.group=orders-producer");
                        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "rocketmq.name-server | localhost | rocketmq.name-server"
                        + " | nameServer entry 'localhost' must be 'host:port'",
                "rocketmq.producer.group | bad group | rocketmq.producer.group"
                        + " | group 'bad group' must match",
                "rocketmq.producer.group | DEFAULT_PRODUCER | rocketmq.producer.group"
                        + " | group 'DEFAULT_PRODUCER' is reserved",
                "rocketmq.producer.namespace | a%b | rocketmq.producer.namespace"
                        + " | must not contain '%'",
                "rocketmq.producer.send-message-timeout | 0 | rocketmq.producer.send-message-timeout"
                        + " | sendTimeout must be a positive duration, was PT0S",
                "rocketmq.producer.retry-times-when-send-failed | -1"
                        + " | rocketmq.producer.retry-times-when-send-failed"
                        + " | retryTimesWhenSendFailed must be at least 0, was -1",
                "rocketmq.producer.retry-times-when-send-async-failed | -1"
                        + " | rocketmq.producer.retry-times-when-send-async-failed"
                        + " | retryTimesWhenSendAsyncFailed must be at least 0, was -1",
                "rocketmq.producer.max-message-size | 0 | rocketmq.producer.max-message-size"
                        + " | maxMessageSize must be at least 1, was 0",
                "rocketmq.producer.max-message-size | 3GB | rocketmq.producer.max-message-size"
                        + " | 3221225472B is larger than the most the producer supports",
                "rocketmq.producer.compress-message-body-threshold | 0"
                        + " | rocketmq.producer.compress-message-body-threshold"
                        + " | compressMessageBodyThreshold must be at least 1, was 0",
                "rocketmq.producer.compress-message-body-threshold | 2147483647"
                        + " | rocketmq.producer.compress-message-body-threshold"
                        + " | threshold 2147483647 must be 0..2147483646 bytes",
                "rocketmq.producer.compress-level | 10 | rocketmq.producer.compress-level"
                        + " | compressLevel 10 is out of range for ZLIB: set 0 to 9",
                "rocketmq.producer.drain-timeout | -1s | rocketmq.producer.drain-timeout"
                        + " | drainTimeout must be zero or a positive duration",
                "rocketmq.producer.request-timeout | 0 | rocketmq.producer.request-timeout"
                        + " | requestTimeout must be a positive duration",
                "rocketmq.producer.route-refresh-interval | 0"
                        + " | rocketmq.producer.route-refresh-interval"
                        + " | routeRefreshInterval must be a positive duration",
                "rocketmq.producer.heartbeat-interval | 0 | rocketmq.producer.heartbeat-interval"
                        + " | heartbeatInterval must be a positive duration",
                "rocketmq.producer.default-topic-queue-nums | 0"
                        + " | rocketmq.producer.default-topic-queue-nums"
                        + " | defaultTopicQueueNums must be at least 1, was 0",
                "rocketmq.producer.back-pressure.max-in-flight-messages | 0"
                        + " | rocketmq.producer.back-pressure.max-in-flight-messages"
                        + " | maxInFlightMessages must be at least 1, was 0",
                "rocketmq.producer.back-pressure.max-in-flight-bytes | 0"
                        + " | rocketmq.producer.back-pressure.max-in-flight-bytes"
                        + " | maxInFlightBytes must be at least 1, was 0",
                "rocketmq.producer.back-pressure.timeout | -1ms"
                        + " | rocketmq.producer.back-pressure.timeout"
                        + " | backPressureTimeout must be zero or a positive duration"
            })
    void analyzeWithInvalidValueShouldNameProperty(
            String property, String value, String namedProperty, String reason) {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.producer.group=orders-producer",
                        property + "=" + value)
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            FailureAnalysis analysis =
                                    this.analyzer.analyze(context.getStartupFailure());
                            assertThat(analysis).isNotNull();
                            assertThat(analysis.getDescription())
                                    .startsWith(
                                            "Property '"
                                                    + namedProperty
                                                    + "' has an invalid value: ")
                                    .contains(reason);
                            assertThat(analysis.getAction())
                                    .startsWith("Change '" + namedProperty + "' to a valid value");
                        });
    }

    @Test
    void analyzeWhenFailureNamesNoPropertyShouldLeaveItToOtherAnalyzers() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.producer.group=orders-producer")
                .withBean(
                        ProducerConfigCustomizer.class,
                        () -> (name, builder) -> builder.orderlyQueueSelector(null))
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            // an NPE names no property: the analyzer leaves it to the others
                            assertThat(this.analyzer.analyze(context.getStartupFailure())).isNull();
                        });
    }

    @Test
    void springFactoriesShouldRegisterAnalyzer() {
        List<FailureAnalyzer> analyzers =
                SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                        .load(
                                FailureAnalyzer.class,
                                FailureHandler.handleMessage((message, failure) -> {}));

        assertThat(analyzers)
                .hasAtLeastOneElementOfType(InvalidProducerPropertyFailureAnalyzer.class);
    }
}
