package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.AutoBatch;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code rocketmq.producer.auto-batch.*} keys, Liftoff's own: bound to {@link
 * ProducerConfig#autoBatch()}, their bounds refused while batching is off, invalid values and
 * misspelt keys refused by name.
 */
class AutoBatchPropertiesTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(LiftoffProducerAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.name-server=127.0.0.1:9876",
                            "rocketmq.producer.group=orders-producer");

    @Test
    void runWithoutAutoBatchKeysShouldLeaveItDisabled() {
        this.contextRunner.run(
                (context) ->
                        assertThat(context.getBean(Producer.class).config().autoBatch())
                                .isEqualTo(AutoBatch.disabled()));
    }

    @Test
    void runWithEnabledFalseShouldLeaveItDisabled() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.auto-batch.enabled=false")
                .run(
                        (context) ->
                                assertThat(context.getBean(Producer.class).config().autoBatch())
                                        .isEqualTo(AutoBatch.disabled()));
    }

    @Test
    void runWithEnabledShouldUseTheDefaultBounds() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.auto-batch.enabled=true")
                .run(
                        (context) -> {
                            AutoBatch autoBatch =
                                    context.getBean(Producer.class).config().autoBatch();
                            assertThat(autoBatch).isEqualTo(AutoBatch.enabled());
                            assertThat(autoBatch.linger()).isEqualTo(Duration.ofMillis(5));
                            assertThat(autoBatch.maxBytes()).isEqualTo(128 * 1024);
                            assertThat(autoBatch.maxMessages()).isEqualTo(256);
                        });
    }

    @Test
    void runWithEveryBoundShouldConfigureAutoBatch() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.auto-batch.enabled=true",
                        "rocketmq.producer.auto-batch.linger=2ms",
                        "rocketmq.producer.auto-batch.max-bytes=64KB",
                        "rocketmq.producer.auto-batch.max-messages=100")
                .run(
                        (context) ->
                                assertThat(context.getBean(Producer.class).config().autoBatch())
                                        .isEqualTo(
                                                AutoBatch.enabled()
                                                        .withLinger(Duration.ofMillis(2))
                                                        .withMaxBytes(64 * 1024)
                                                        .withMaxMessages(100)));
    }

    @Test
    void runWithOneBoundShouldKeepTheOtherDefaults() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.auto-batch.enabled=true",
                        "rocketmq.producer.auto-batch.linger=2ms")
                .run(
                        (context) ->
                                assertThat(context.getBean(Producer.class).config().autoBatch())
                                        .isEqualTo(
                                                AutoBatch.enabled()
                                                        .withLinger(Duration.ofMillis(2))));
    }

    @Test
    void runWithBareNumbersShouldReadMillisecondsAndBytes() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.auto-batch.enabled=true",
                        "rocketmq.producer.auto-batch.linger=3",
                        "rocketmq.producer.auto-batch.max-bytes=2048")
                .run(
                        (context) -> {
                            AutoBatch autoBatch =
                                    context.getBean(Producer.class).config().autoBatch();
                            assertThat(autoBatch.linger()).isEqualTo(Duration.ofMillis(3));
                            assertThat(autoBatch.maxBytes()).isEqualTo(2048);
                        });
    }

    @Test
    void runWithEnvironmentVariableFormShouldBind() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.autoBatch.enabled=true",
                        "rocketmq.producer.autoBatch.maxMessages=50")
                .run(
                        (context) ->
                                assertThat(context.getBean(Producer.class).config().autoBatch())
                                        .isEqualTo(AutoBatch.enabled().withMaxMessages(50)));
    }

    @Test
    void runWithNamedProducerShouldBindItsOwnKeys() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producers.orders.group=audit-producer",
                        "rocketmq.producers.orders.auto-batch.enabled=true",
                        "rocketmq.producers.orders.auto-batch.max-messages=32")
                .run(
                        (context) -> {
                            assertThat(
                                            context.getBean("ordersProducer", Producer.class)
                                                    .config()
                                                    .autoBatch())
                                    .isEqualTo(AutoBatch.enabled().withMaxMessages(32));
                            assertThat(
                                            context.getBean("liftoffProducer", Producer.class)
                                                    .config()
                                                    .autoBatch())
                                    .isEqualTo(AutoBatch.disabled());
                        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "linger, 0ms, 'autoBatch linger must be positive'",
        "linger, 2s, 'autoBatch linger must be positive and at most 1000 ms'",
        "max-bytes, 512B, 'autoBatch maxBytes must be at least 1024'",
        "max-bytes, 8MB, 'autoBatch maxBytes 8388608 is over maxMessageSize 4194304'",
        "max-bytes, 3GB, 'larger than the most the producer supports'",
        "max-messages, 1, 'autoBatch maxMessages must be from 2 to 10000'",
        "max-messages, 10001, 'autoBatch maxMessages must be from 2 to 10000'"
    })
    void runWithBoundOutOfRangeShouldFailNamingTheKey(String bound, String value, String reason) {
        String key = "rocketmq.producer.auto-batch." + bound;
        this.contextRunner
                .withPropertyValues("rocketmq.producer.auto-batch.enabled=true", key + "=" + value)
                .run(
                        failure(
                                (ex) -> {
                                    assertThat(ex.getProperty()).isEqualTo(key);
                                    assertThat(ex.getMessage())
                                            .contains("'" + key + "'")
                                            .contains(reason);
                                    assertThat(ex.getAction()).contains(key);
                                }));
    }

    @Test
    void runWithMaxBytesOverNamedProducersMaxMessageSizeShouldNameItsKey() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producers.orders.group=audit-producer",
                        "rocketmq.producers.orders.max-message-size=64KB",
                        "rocketmq.producers.orders.auto-batch.enabled=true")
                .run(
                        failure(
                                (ex) -> {
                                    assertThat(ex.getProperty())
                                            .isEqualTo(
                                                    "rocketmq.producers.orders.auto-batch.max-bytes");
                                    assertThat(ex.getMessage()).contains("over maxMessageSize");
                                }));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linger=2ms", "max-bytes=64KB", "max-messages=100"})
    void runWithBoundWhileDisabledShouldFailNamingTheKeyAndTheSwitch(String setting) {
        String key = "rocketmq.producer.auto-batch." + setting.substring(0, setting.indexOf('='));
        this.contextRunner
                .withPropertyValues("rocketmq.producer.auto-batch." + setting)
                .run(
                        failure(
                                (ex) -> {
                                    assertThat(ex.getProperty()).isEqualTo(key);
                                    assertThat(ex.getMessage())
                                            .contains("'" + key + "'")
                                            .contains("'rocketmq.producer.auto-batch.enabled'")
                                            .contains("no effect");
                                    assertThat(ex.getAction())
                                            .contains("rocketmq.producer.auto-batch.enabled=true")
                                            .contains("remove '" + key + "'");
                                }));
    }

    @Test
    void runWithBoundWhileExplicitlyDisabledShouldFail() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.auto-batch.enabled=false",
                        "rocketmq.producer.auto-batch.linger=5ms")
                .run(
                        failure(
                                (ex) ->
                                        assertThat(ex.getProperty())
                                                .isEqualTo("rocketmq.producer.auto-batch.linger")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lingr=2ms", "max-byte=64KB", "max-message=100", "enable=true"})
    void runWithMisspeltKeyShouldFailNamingIt(String setting) {
        String key = "rocketmq.producer.auto-batch." + setting.substring(0, setting.indexOf('='));
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.auto-batch.enabled=true",
                        "rocketmq.producer.auto-batch." + setting)
                .run(
                        failure(
                                (ex) -> {
                                    assertThat(ex.getProperty()).isEqualTo(key);
                                    assertThat(ex.getMessage())
                                            .contains("'" + key + "' is not supported")
                                            .contains("'max-messages'");
                                }));
    }

    @Test
    void metadataShouldDescribeTheKeysWithTheirDefaults() throws Exception {
        JsonNode metadata;
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        assertThat(
                        property(metadata, "rocketmq.producer.auto-batch.enabled")
                                .get("defaultValue")
                                .asBoolean())
                .isFalse();
        assertThat(property(metadata, "rocketmq.producer.auto-batch.linger").get("type").asString())
                .isEqualTo("java.time.Duration");
        assertThat(
                        property(metadata, "rocketmq.producer.auto-batch.linger")
                                .get("defaultValue")
                                .asString())
                .isEqualTo("5ms");
        assertThat(
                        property(metadata, "rocketmq.producer.auto-batch.max-bytes")
                                .get("type")
                                .asString())
                .isEqualTo("org.springframework.util.unit.DataSize");
        assertThat(
                        property(metadata, "rocketmq.producer.auto-batch.max-bytes")
                                .get("defaultValue")
                                .asString())
                .isEqualTo("128KB");
        assertThat(
                        property(metadata, "rocketmq.producer.auto-batch.max-messages")
                                .get("defaultValue")
                                .asInt())
                .isEqualTo(256);
        for (String key : new String[] {"enabled", "linger", "max-bytes", "max-messages"}) {
            assertThat(property(metadata, "rocketmq.producer.auto-batch." + key).get("description"))
                    .isNotNull();
        }
    }

    private static JsonNode property(JsonNode metadata, String name) {
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property;
            }
        }
        throw new AssertionError(name + " is not in the metadata");
    }

    /** The startup failure, an {@link InvalidProducerPropertyException} somewhere in its causes. */
    private static ContextConsumer<AssertableApplicationContext> failure(
            Consumer<InvalidProducerPropertyException> requirements) {
        return (context) -> {
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidProducerPropertyException)) {
                failure = failure.getCause();
            }
            assertThat(failure)
                    .isInstanceOfSatisfying(InvalidProducerPropertyException.class, requirements);
        };
    }
}
