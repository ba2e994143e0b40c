package io.liftoff.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.Producer;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.message.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

// the application's own address server gives way to the embedded broker
@SpringBootTest(
        properties = {
            "rocketmq.producer.group=test-support",
            "rocketmq.name-server-address-url=http://127.0.0.1:1/rocketmq/nsaddr"
        })
@WithEmbeddedRocketMQ(topics = {"support-a", "support-b:2"})
class WithEmbeddedRocketMQIntegrationTests {

    @Autowired private EmbeddedRocketMQ rocketmq;

    @Autowired private Producer producer;

    @Value("${rocketmq.name-server}")
    private String nameServer;

    @Test
    void contextShouldPointAtTheEmbeddedBrokerWithTheTopicsCreated() {
        assertThat(this.nameServer).isEqualTo(this.rocketmq.nameServerAddress());

        assertThat(this.producer.send(Message.builder("support-a").body("a").build()).status())
                .isEqualTo(SendStatus.SEND_OK);
        assertThat(
                        this.producer
                                .send(Message.builder("support-b").body("b").build())
                                .queue()
                                .queueId())
                .isBetween(0, 1);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {}
}
