package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.producer.CompressionType;
import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerClosedException;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.TransactionChecker;
import io.liftoff.producer.TransactionState;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class LiftoffProducerAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(LiftoffProducerAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.name-server=127.0.0.1:9876",
                            "rocketmq.producer.group=orders-producer");

    @Test
    void runWithRequiredPropertiesShouldUseProducerConfigDefaults() {
        this.contextRunner.run(
                (context) -> {
                    ProducerConfig expected =
                            ProducerConfig.builder()
                                    .nameServer("127.0.0.1:9876")
                                    .group("orders-producer")
                                    .build();
                    assertThat(context.getBean(Producer.class).config())
                            .usingRecursiveComparison()
                            .ignoringFields("orderlyQueueSelector")
                            .isEqualTo(expected);
                });
    }

    @Test
    void runWithEveryPropertyShouldConfigureProducer() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876;127.0.0.1:9877",
                        "rocketmq.producer.namespace=tenant-a",
                        "rocketmq.producer.instance-name=orders-app",
                        "rocketmq.producer.send-message-timeout=5s",
                        "rocketmq.producer.retry-times-when-send-failed=4",
                        "rocketmq.producer.retry-times-when-send-async-failed=5",
                        "rocketmq.producer.retry-next-server=true",
                        "rocketmq.producer.max-message-size=1MB",
                        "rocketmq.producer.compress-message-body-threshold=8KB",
                        "rocketmq.producer.compress-type=zstd",
                        "rocketmq.producer.compress-level=19",
                        "rocketmq.producer.drain-timeout=10s",
                        "rocketmq.producer.request-timeout=2s",
                        "rocketmq.producer.route-refresh-interval=1m",
                        "rocketmq.producer.heartbeat-interval=20s",
                        "rocketmq.producer.default-topic-queue-nums=8",
                        "rocketmq.producer.header-serialization=json",
                        "rocketmq.producer.back-pressure.max-in-flight-messages=500",
                        "rocketmq.producer.back-pressure.max-in-flight-bytes=10MB",
                        "rocketmq.producer.back-pressure.timeout=250ms",
                        "rocketmq.producer.warm-up-topics=orders,reminders")
                .run(
                        (context) -> {
                            ProducerConfig config = context.getBean(Producer.class).config();
                            assertThat(config.nameServerAddresses())
                                    .containsExactly("127.0.0.1:9876", "127.0.0.1:9877");
                            assertThat(config.group()).isEqualTo("orders-producer");
                            assertThat(config.namespace()).hasValue("tenant-a");
                            assertThat(config.instanceName()).isEqualTo("orders-app");
                            assertThat(config.sendTimeout()).isEqualTo(Duration.ofSeconds(5));
                            assertThat(config.retryTimesWhenSendFailed()).isEqualTo(4);
                            assertThat(config.retryTimesWhenSendAsyncFailed()).isEqualTo(5);
                            assertThat(config.retryAnotherBrokerWhenNotStoreOk()).isTrue();
                            assertThat(config.maxMessageSize()).isEqualTo(1024 * 1024);
                            assertThat(config.compressMessageBodyThreshold()).isEqualTo(8 * 1024);
                            assertThat(config.compressType()).isEqualTo(CompressionType.ZSTD);
                            assertThat(config.compressLevel()).isEqualTo(19);
                            assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
                            assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
                            assertThat(config.routeRefreshInterval())
                                    .isEqualTo(Duration.ofMinutes(1));
                            assertThat(config.heartbeatInterval())
                                    .isEqualTo(Duration.ofSeconds(20));
                            assertThat(config.defaultTopicQueueNums()).isEqualTo(8);
                            assertThat(config.headerSerialization())
                                    .isEqualTo(HeaderSerialization.JSON);
                            assertThat(config.maxInFlightMessages()).isEqualTo(500);
                            assertThat(config.maxInFlightBytes()).isEqualTo(10L * 1024 * 1024);
                            assertThat(config.backPressureTimeout())
                                    .isEqualTo(Duration.ofMillis(250));
                            assertThat(config.warmUpTopics())
                                    .containsExactly("orders", "reminders");
                        });
    }

    @Test
    void runWithAWarmUpTopicNoMessageCouldBeSentToShouldNameTheProperty() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.warm-up-topics=orders,bad topic")
                .run(
                        (context) -> {
                            Throwable failure = context.getStartupFailure();
                            while (failure != null
                                    && !(failure instanceof InvalidProducerPropertyException)) {
                                failure = failure.getCause();
                            }
                            assertThat(failure)
                                    .isInstanceOfSatisfying(
                                            InvalidProducerPropertyException.class,
                                            (ex) -> {
                                                assertThat(ex.getProperty())
                                                        .isEqualTo(
                                                                "rocketmq.producer.warm-up-topics");
                                                assertThat(ex.getMessage())
                                                        .contains("'bad topic' must match");
                                            });
                        });
    }

    @Test
    void runWithBareNumbersShouldReadMillisecondsAndBytes() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.send-message-timeout=1500",
                        "rocketmq.producer.drain-timeout=250",
                        "rocketmq.producer.back-pressure.timeout=100",
                        "rocketmq.producer.max-message-size=2048",
                        "rocketmq.producer.compress-message-body-threshold=512",
                        "rocketmq.producer.back-pressure.max-in-flight-bytes=4096")
                .run(
                        (context) -> {
                            ProducerConfig config = context.getBean(Producer.class).config();
                            assertThat(config.sendTimeout()).isEqualTo(Duration.ofMillis(1500));
                            assertThat(config.drainTimeout()).isEqualTo(Duration.ofMillis(250));
                            assertThat(config.backPressureTimeout())
                                    .isEqualTo(Duration.ofMillis(100));
                            assertThat(config.maxMessageSize()).isEqualTo(2048);
                            assertThat(config.compressMessageBodyThreshold()).isEqualTo(512);
                            assertThat(config.compressType()).isEqualTo(CompressionType.ZLIB);
                            assertThat(config.compressLevel()).isEqualTo(5);
                            assertThat(config.maxInFlightBytes()).isEqualTo(4096);
                        });
    }

    @Test
    void runWithCustomizersShouldApplyThemInOrderAfterProperties() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.send-message-timeout=1s")
                .withUserConfiguration(CustomizerConfiguration.class)
                .run(
                        (context) -> {
                            ProducerConfig config = context.getBean(Producer.class).config();
                            assertThat(config.instanceName()).isEqualTo("second");
                            assertThat(config.sendTimeout()).isEqualTo(Duration.ofSeconds(7));
                        });
    }

    @Test
    void runWithInterceptorsAndListenersShouldAddThemInOrder() {
        this.contextRunner
                .withUserConfiguration(HooksConfiguration.class)
                .run(
                        (context) -> {
                            ProducerConfig config = context.getBean(Producer.class).config();
                            assertThat(config.interceptors())
                                    .containsExactly(
                                            context.getBean(
                                                    "firstInterceptor", SendInterceptor.class),
                                            context.getBean(
                                                    "secondInterceptor", SendInterceptor.class));
                            assertThat(config.listeners())
                                    .containsExactly(
                                            context.getBean("firstListener", SendListener.class),
                                            context.getBean("secondListener", SendListener.class));
                        });
    }

    @Test
    void runWithTransactionCheckerShouldUseIt() {
        this.contextRunner
                .withBean(TransactionChecker.class, () -> (check) -> TransactionState.COMMIT)
                .run(
                        (context) ->
                                assertThat(
                                                context.getBean(Producer.class)
                                                        .config()
                                                        .transactionChecker())
                                        .isSameAs(context.getBean(TransactionChecker.class)));
    }

    @Test
    void runWithoutTransactionCheckerShouldLeaveItUnset() {
        this.contextRunner.run(
                (context) ->
                        assertThat(context.getBean(Producer.class).config().transactionChecker())
                                .isNull());
    }

    @Test
    void runWithUserProducerShouldBackOff() {
        this.contextRunner
                .withUserConfiguration(UserProducerConfiguration.class)
                .run(
                        (context) -> {
                            assertThat(context).hasSingleBean(Producer.class);
                            assertThat(context.getBean(Producer.class).config().group())
                                    .isEqualTo("user-group");
                        });
    }

    @Test
    void runThenCloseShouldCloseProducer() {
        AtomicReference<Producer> producer = new AtomicReference<>();

        this.contextRunner.run((context) -> producer.set(context.getBean(Producer.class)));

        assertThatExceptionOfType(ProducerClosedException.class)
                .isThrownBy(() -> producer.get().send(Message.builder("orders").body("x").build()));
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        // declared in reverse order, so only the @Order values can put "second" last
        @Bean
        @Order(2)
        ProducerConfigCustomizer secondCustomizer() {
            return (name, builder) -> builder.instanceName("second");
        }

        @Bean
        @Order(1)
        ProducerConfigCustomizer firstCustomizer() {
            return (name, builder) ->
                    builder.instanceName("first").sendTimeout(Duration.ofSeconds(7));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HooksConfiguration {

        @Bean
        @Order(2)
        SendInterceptor secondInterceptor() {
            return (message) -> message;
        }

        @Bean
        @Order(1)
        SendInterceptor firstInterceptor() {
            return (message) -> message;
        }

        @Bean
        @Order(2)
        SendListener secondListener() {
            return new SendListener() {};
        }

        @Bean
        @Order(1)
        SendListener firstListener() {
            return new SendListener() {};
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserProducerConfiguration {

        @Bean(destroyMethod = "close")
        Producer userProducer() {
            return Producer.create(
                    ProducerConfig.builder()
                            .nameServer("127.0.0.1:9876")
                            .group("user-group")
                            .build());
        }
    }
}
