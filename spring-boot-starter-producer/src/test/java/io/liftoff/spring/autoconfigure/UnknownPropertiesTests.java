package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

/**
 * Keys under a producer's prefix that name no setting are refused, naming the key and the closest
 * known one, rather than ignored; every form the binder takes of a known key still passes.
 */
class UnknownPropertiesTests {

    @Test
    void knownKeysInEveryFormTheBinderTakesShouldPass() {
        MockEnvironment environment =
                new MockEnvironment()
                        .withProperty("rocketmq.producer.group", "g")
                        .withProperty("rocketmq.producer.sendMessageTimeout", "5s")
                        .withProperty("rocketmq.producer.retry_times_when_send_failed", "3")
                        .withProperty("rocketmq.producer.TLS-ENABLE", "false")
                        .withProperty("rocketmq.producer.warm-up-topics[0]", "orders")
                        .withProperty("rocketmq.producer.back-pressure.timeout", "1s")
                        .withProperty("rocketmq.producer.autoBatch.maxMessages", "50")
                        .withProperty("rocketmq.producer.ssl.verify-hostname", "true")
                        .withProperty("rocketmq.producer.auto-batch.max-bytes", "64KB")
                        .withProperty("rocketmq.producer.observation-enabled", "true")
                        .withProperty("rocketmq.producers.orders.name-server", "127.0.0.1:9876")
                        .withProperty("rocketmq.producers.orders.compress-type", "LZ4");

        assertThatNoException().isThrownBy(() -> checkDefault(environment));
        assertThatNoException().isThrownBy(() -> checkNamed(environment, "orders"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rocketmq.producer.send-msg-timeout, rocketmq.producer.send-message-timeout",
        "rocketmq.producer.retryTimesWhenSendFail, rocketmq.producer.retry-times-when-send-failed",
        "rocketmq.producer.back-pressure.max-in-flight-mesages, rocketmq.producer.back-pressure.max-in-flight-messages",
        "rocketmq.producer.ssl.bundel, rocketmq.producer.ssl.bundle",
        "rocketmq.producer.name-server, rocketmq.name-server"
    })
    void unknownKeyOfTheDefaultProducerShouldBeRefusedNamingTheClosestKnownOne(
            String key, String closest) {
        InvalidProducerPropertyException refused =
                catchThrowableOfType(
                        InvalidProducerPropertyException.class,
                        () -> checkDefault(new MockEnvironment().withProperty(key, "1")));

        assertThat(refused.getProperty()).isEqualTo(key);
        assertThat(refused.getMessage()).contains("'" + key + "' is not supported");
        assertThat(refused.getAction()).contains("did you mean '" + closest + "'");
    }

    @Test
    void unknownKeyOfASmallGroupShouldListTheGroupsKeys() {
        InvalidProducerPropertyException refused =
                catchThrowableOfType(
                        InvalidProducerPropertyException.class,
                        () ->
                                checkDefault(
                                        new MockEnvironment()
                                                .withProperty(
                                                        "rocketmq.producer.back-pressure.wait",
                                                        "1s")));

        assertThat(refused.getMessage())
                .contains(
                        "'rocketmq.producer.back-pressure' has the keys"
                                + " 'max-in-flight-bytes', 'max-in-flight-messages', 'timeout'"
                                + " only");
    }

    @Test
    void unknownKeyOfANamedProducerShouldBeRefusedUnderItsName() {
        MockEnvironment environment =
                new MockEnvironment()
                        .withProperty("rocketmq.producers.orders.name-srv", "127.0.0.1:9876");

        InvalidProducerPropertyException refused =
                catchThrowableOfType(
                        InvalidProducerPropertyException.class,
                        () -> checkNamed(environment, "orders"));

        assertThat(refused.getProperty()).isEqualTo("rocketmq.producers.orders.name-srv");
        assertThat(refused.getAction())
                .contains("did you mean 'rocketmq.producers.orders.name-server'");
    }

    @Test
    void startupWithAMisspeltKeyShouldFailNamingIt() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LiftoffProducerAutoConfiguration.class))
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.producer.group=orders-producer",
                        "rocketmq.producer.send-message-timout=10s")
                .run(
                        (context) -> {
                            Throwable failure = context.getStartupFailure();
                            while (!(failure instanceof InvalidProducerPropertyException)) {
                                assertThat(failure).isNotNull();
                                failure = failure.getCause();
                            }
                            assertThat(((InvalidProducerPropertyException) failure).getProperty())
                                    .isEqualTo("rocketmq.producer.send-message-timout");
                        });
    }

    private static void checkDefault(MockEnvironment environment) {
        UnknownProperties.check(
                environment, ProducerSource.defaultProducer(new RocketMQProperties()));
    }

    private static void checkNamed(MockEnvironment environment, String name) {
        UnknownProperties.check(
                environment, ProducerSource.named(name, new RocketMQProperties.NamedProducer()));
    }
}
