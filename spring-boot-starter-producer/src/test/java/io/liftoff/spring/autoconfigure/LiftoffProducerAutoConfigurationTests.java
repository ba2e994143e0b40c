package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LiftoffProducerAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(LiftoffProducerAutoConfiguration.class));

    @Test
    void runWithNameServerAndGroupShouldCreateConfiguredProducer() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876;127.0.0.1:9877",
                        "rocketmq.producer.group=orders-producer",
                        "rocketmq.producer.send-message-timeout=1500",
                        "rocketmq.producer.retry-times-when-send-failed=4",
                        "rocketmq.producer.max-message-size=1MB")
                .run(
                        (context) -> {
                            ProducerConfig config = context.getBean(Producer.class).config();
                            assertThat(config.nameServerAddresses())
                                    .containsExactly("127.0.0.1:9876", "127.0.0.1:9877");
                            assertThat(config.group()).isEqualTo("orders-producer");
                            assertThat(config.sendTimeout()).isEqualTo(Duration.ofMillis(1500));
                            assertThat(config.retryTimesWhenSendFailed()).isEqualTo(4);
                            assertThat(config.maxMessageSize()).isEqualTo(1024 * 1024);
                        });
    }

    @Test
    void runWithoutGroupShouldNotCreateProducer() {
        this.contextRunner
                .withPropertyValues("rocketmq.name-server=127.0.0.1:9876")
                .run((context) -> assertThat(context).doesNotHaveBean(Producer.class));
    }

    @Test
    void runWithUserProducerShouldBackOff() {
        this.contextRunner
                .withUserConfiguration(UserProducerConfiguration.class)
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876", "rocketmq.producer.group=ours")
                .run(
                        (context) ->
                                assertThat(context.getBean(Producer.class).config().group())
                                        .isEqualTo("user-group"));
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
