package io.liftoff.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.Producer;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.message.Message;
import io.liftoff.spring.autoconfigure.RocketMQConnectionDetails;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * An application whose producers point elsewhere (an address server, a named producer's own name
 * server, TLS and ACL keys for its production brokers, connection details of its own): every one of
 * them sends to the plain embedded broker.
 */
@SpringBootTest(
        classes = WithEmbeddedRocketMQIntegrationTests.TestApplication.class,
        properties = {
            "rocketmq.name-server-address-url=http://127.0.0.1:1/rocketmq/nsaddr",
            "rocketmq.producer.group=test-support",
            "rocketmq.producer.tls-enable=true",
            "rocketmq.producer.access-key=production-user",
            "rocketmq.producer.secret-key=production-secret",
            "rocketmq.producers.orders.group=test-support-orders",
            "rocketmq.producers.orders.name-server=127.0.0.1:1",
            "rocketmq.producers.orders.ssl.bundle=no-such-bundle",
            // the first send looks up the route and connects: a budget a loaded machine keeps
            "rocketmq.producer.send-message-timeout=30s",
            "rocketmq.producers.orders.send-message-timeout=30s"
        })
@WithEmbeddedRocketMQ(
        topics = {"support-a", "support-b:2"},
        nameServerProperty = "test.rocketmq.name-server")
class WithEmbeddedRocketMQIntegrationTests {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

    @Autowired private EmbeddedRocketMQ rocketmq;

    @Autowired private Producer producer;

    @Autowired
    @Qualifier("ordersProducer")
    private Producer ordersProducer;

    @Value("${test.rocketmq.name-server}")
    private String nameServer;

    @Test
    void everyProducerShouldSendToTheEmbeddedBroker() throws Exception {
        assertThat(this.nameServer).isEqualTo(this.rocketmq.nameServerAddress());
        assertThat(this.producer.config().tls().enabled()).isFalse();
        assertThat(this.producer.config().credentials()).isEmpty();

        SendResult fromDefault =
                this.producer.send(Message.builder("support-a").body("default").build());
        SendResult fromOrders =
                this.ordersProducer.send(Message.builder("support-a").body("orders").build());

        List<MessageExt> read =
                OfficialConsumer.readAll(this.rocketmq, "support-a", 2, READ_TIMEOUT);
        assertThat(read)
                .extracting(MessageExt::getMsgId)
                .contains(fromDefault.messageId(), fromOrders.messageId());
    }

    @Nested
    class NestedTests {

        @Autowired private EmbeddedRocketMQ nestedRocketMQ;

        @Autowired
        @Qualifier("ordersProducer")
        private Producer nestedOrdersProducer;

        @Test
        void nestedClassShouldShareTheEmbeddedBrokerAndItsTopics() throws Exception {
            assertThat(this.nestedRocketMQ)
                    .isSameAs(WithEmbeddedRocketMQIntegrationTests.this.rocketmq);

            SendResult result =
                    this.nestedOrdersProducer.send(
                            Message.builder("support-b").body("nested").build());

            assertThat(result.queue().queueId()).isBetween(0, 1);
            assertThat(OfficialConsumer.readAll(this.nestedRocketMQ, "support-b", 1, READ_TIMEOUT))
                    .extracting(MessageExt::getMsgId)
                    .contains(result.messageId());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {

        // the application's own connection details, e.g. for its development profile
        @Bean
        RocketMQConnectionDetails applicationConnectionDetails() {
            return () -> RocketMQConnectionDetails.Connection.toNameServer("127.0.0.1:2");
        }
    }
}
