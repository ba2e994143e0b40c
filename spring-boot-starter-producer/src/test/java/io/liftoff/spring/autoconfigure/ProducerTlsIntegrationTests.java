package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.Producer;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's producer over TLS, with a PEM SSL bundle, to servers that enforce TLS. */
class ProducerTlsIntegrationTests {

    private static final String TOPIC = "starter-tls";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void startCluster() {
        rocketmq = EmbeddedRocketMQ.builder().tls().start();
        rocketmq.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (rocketmq != null) {
            rocketmq.close();
        }
    }

    @Test
    void sendWithPemBundleShouldReachTheBrokerOverTls() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                SslAutoConfiguration.class, LiftoffProducerAutoConfiguration.class))
                .withPropertyValues(
                        "rocketmq.name-server=" + rocketmq.nameServerAddress(),
                        "rocketmq.producer.group=starter-tls",
                        "rocketmq.producer.send-message-timeout=10s",
                        "rocketmq.producer.ssl.bundle=rocketmq",
                        "spring.ssl.bundle.pem.rocketmq.truststore.certificate="
                                + rocketmq.certificateAuthority().certificate().toUri())
                .run(
                        (context) -> {
                            SendResult result =
                                    context.getBean(Producer.class)
                                            .send(Message.builder(TOPIC).body("over tls").build());

                            List<MessageExt> read =
                                    OfficialConsumer.readAll(
                                            rocketmq, TOPIC, 1, Duration.ofSeconds(60));
                            assertThat(read)
                                    .extracting(MessageExt::getMsgId)
                                    .contains(result.messageId());
                        });
    }
}
