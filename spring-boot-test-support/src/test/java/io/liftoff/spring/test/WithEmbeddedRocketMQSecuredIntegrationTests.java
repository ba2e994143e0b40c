package io.liftoff.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.Producer;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A broker that enforces TLS and ACL and has a broker property set: the application's producers,
 * one of them plain and unsigned in its properties, connect over TLS and sign as the broker's super
 * user.
 */
@SpringBootTest(
        classes = WithEmbeddedRocketMQSecuredIntegrationTests.TestApplication.class,
        properties = {
            "rocketmq.name-server=127.0.0.1:1",
            "rocketmq.producer.group=test-support-secured",
            "rocketmq.producers.audit.group=test-support-audit",
            "rocketmq.producers.audit.access-key=production-user",
            "rocketmq.producers.audit.secret-key=production-secret",
            "rocketmq.producer.send-message-timeout=30s",
            "rocketmq.producers.audit.send-message-timeout=30s"
        })
@WithEmbeddedRocketMQ(
        topics = "support-secured",
        tls = true,
        acl = true,
        brokerProperties = "maxMessageSize=65536")
class WithEmbeddedRocketMQSecuredIntegrationTests {

    @Autowired private EmbeddedRocketMQ rocketmq;

    @Autowired private Producer producer;

    @Autowired
    @Qualifier("auditProducer")
    private Producer auditProducer;

    @Value("${rocketmq.name-server}")
    private String nameServer;

    @Test
    void everyProducerShouldSendOverTlsSignedAsTheAclAdmin() throws Exception {
        assertThat(this.rocketmq.tlsEnforced()).isTrue();
        assertThat(this.rocketmq.aclAdmin()).isPresent();
        // published under rocketmq.name-server by default
        assertThat(this.nameServer).isEqualTo(this.rocketmq.nameServerAddress());

        SendResult fromDefault =
                this.producer.send(Message.builder("support-secured").body("default").build());
        SendResult fromAudit =
                this.auditProducer.send(Message.builder("support-secured").body("audit").build());

        List<MessageExt> read =
                OfficialConsumer.readAll(
                        this.rocketmq, "support-secured", 2, Duration.ofSeconds(120));
        assertThat(read)
                .extracting(MessageExt::getMsgId)
                .contains(fromDefault.messageId(), fromAudit.messageId());
    }

    @Test
    void brokerShouldApplyTheBrokerProperties() {
        byte[] body = new byte[128 * 1024];
        // random bytes: compression would shrink anything else below the broker's limit
        ThreadLocalRandom.current().nextBytes(body);

        // the broker's store refuses it as MESSAGE_ILLEGAL; the producer's own limit is 4 MiB
        assertThatExceptionOfType(BrokerRejectedException.class)
                .isThrownBy(
                        () ->
                                this.producer.send(
                                        Message.builder("support-secured").body(body).build()))
                .satisfies((rejected) -> assertThat(rejected.responseCode()).isEqualTo(13));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {}
}
