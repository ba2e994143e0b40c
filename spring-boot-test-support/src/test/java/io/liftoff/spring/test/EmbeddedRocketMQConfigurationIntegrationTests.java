package io.liftoff.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.Producer;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.message.Message;
import io.liftoff.spring.autoconfigure.RocketMQConnectionDetails;
import java.time.Duration;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The development-time path: an application's main, run with {@link EmbeddedRocketMQConfiguration}
 * added, sends to a cluster of its own that closes with it.
 */
class EmbeddedRocketMQConfigurationIntegrationTests {

    @Test
    void applicationRunWithTheConfigurationShouldSendToItsOwnCluster() throws Exception {
        SpringApplication.Running running =
                SpringApplication.from(DevApplication::main)
                        .with(EmbeddedRocketMQConfiguration.class)
                        .run(
                                "--spring.main.web-application-type=none",
                                "--embedded.rocketmq.topics=dev-orders:2",
                                // what the application's production configuration would say
                                "--rocketmq.name-server=127.0.0.1:1",
                                "--rocketmq.producer.tls-enable=true",
                                "--rocketmq.producer.group=dev-producer",
                                "--rocketmq.producer.send-message-timeout=30s");
        EmbeddedRocketMQ rocketmq;
        try (ConfigurableApplicationContext context = running.getApplicationContext()) {
            rocketmq = context.getBean(EmbeddedRocketMQ.class);
            assertThat(context.getBean(RocketMQConnectionDetails.class).toString())
                    .isEqualTo("EmbeddedRocketMQConfiguration");

            SendResult result =
                    context.getBean(Producer.class)
                            .send(Message.builder("dev-orders").body("dev").build());

            assertThat(result.queue().queueId()).isBetween(0, 1);
            assertThat(OfficialConsumer.readAll(rocketmq, "dev-orders", 1, Duration.ofSeconds(120)))
                    .extracting(MessageExt::getMsgId)
                    .contains(result.messageId());
        }
        // closing the context stopped the broker
        long brokerPid = rocketmq.brokerPid();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                !ProcessHandle.of(brokerPid)
                                        .map(ProcessHandle::isAlive)
                                        .orElse(false));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class DevApplication {

        public static void main(String[] args) {
            SpringApplication.run(DevApplication.class, args);
        }
    }
}
