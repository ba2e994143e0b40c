package io.liftoff.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.autoconfigure.ProducerTemplateAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Closing the context drains the sends still in flight instead of failing them. */
@ExtendWith(EmbeddedRocketMQExtension.class)
class GracefulShutdownIntegrationTests {

    @Test
    void closingTheContextShouldCompleteEverySendInFlight(EmbeddedRocketMQ rocketmq) {
        rocketmq.createTopic("shutdown-it", 2);
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                LiftoffProducerAutoConfiguration.class,
                                ProducerTemplateAutoConfiguration.class))
                .withPropertyValues(
                        "rocketmq.name-server=" + rocketmq.nameServerAddress(),
                        "rocketmq.producer.group=shutdown-it",
                        // budgets a loaded machine keeps: that closing drains the sends must not
                        // depend on how fast two shared cores answer 2,000 of them
                        "rocketmq.producer.send-message-timeout=60s",
                        "rocketmq.producer.drain-timeout=60s")
                .run(
                        (context) -> {
                            ProducerOperations template = context.getBean(ProducerOperations.class);
                            for (int i = 0; i < 2_000; i++) {
                                sends.add(template.sendAsync("shutdown-it", "message " + i));
                            }
                            // the runner closes the context when this returns, sends in flight
                        });

        // closing waited for every outcome, and for the callback threads to complete the futures
        assertThat(sends).allMatch(CompletableFuture::isDone);
        assertThat(sends)
                .allSatisfy(send -> assertThat(send.join().status()).isEqualTo(SendStatus.SEND_OK));
    }
}
