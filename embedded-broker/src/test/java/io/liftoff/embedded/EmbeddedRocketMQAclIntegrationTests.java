package io.liftoff.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

/**
 * A cluster started with {@link EmbeddedRocketMQ.Builder#acl}: its own admin requests and the
 * official clients, signed as the super user, work; unsigned or wrongly signed requests are
 * refused, on RocketMQ 5.3.3 with ACL 2.0.
 */
class EmbeddedRocketMQAclIntegrationTests {

    static final AclUser ADMIN = new AclUser("embedded-admin", "embedded-secret");

    @Test
    void aclOn53ShouldAcceptTheAdminAndRefuseOthers() throws Exception {
        try (EmbeddedRocketMQ rocketmq =
                EmbeddedRocketMQ.builder().acl(ADMIN.accessKey(), ADMIN.secretKey()).start()) {
            assertThat(rocketmq.aclAdmin()).contains(ADMIN);
            rocketmq.createTopic("acl-53", 2);

            assertThat(createTopic(rocketmq, null).code()).isEqualTo(16);
            AdminCommands.Response wrongSecret =
                    createTopic(rocketmq, new AclUser(ADMIN.accessKey(), "not-the-secret"));
            assertThat(wrongSecret.code()).isEqualTo(16);
            assertThat(wrongSecret.remark()).contains("check signature failed");
            AdminCommands.Response unknownUser =
                    createTopic(rocketmq, new AclUser("nobody-here", "not-the-secret"));
            assertThat(unknownUser.code()).isEqualTo(16);
            assertThat(unknownUser.remark()).contains("User:nobody-here is not found");

            assertSendAndReadBack(rocketmq, "acl-53");
        }
    }

    static AdminCommands.Response createTopic(EmbeddedRocketMQ rocketmq, AclUser user)
            throws Exception {
        return AdminCommands.call(
                rocketmq.brokerAddress(),
                AdminCommands.UPDATE_AND_CREATE_TOPIC,
                Map.of(
                        "topic", "refused",
                        "defaultTopic", "TBW102",
                        "readQueueNums", "1",
                        "writeQueueNums", "1",
                        "perm", "6",
                        "topicFilterType", "SINGLE_TAG",
                        "topicSysFlag", "0",
                        "order", "false"),
                // a read timeout a loaded machine keeps: the refusal must be what is seen
                Duration.ofSeconds(30),
                SocketFactory.getDefault(),
                user);
    }

    static void assertSendAndReadBack(EmbeddedRocketMQ rocketmq, String topic) throws Exception {
        DefaultMQProducer producer =
                new DefaultMQProducer(
                        "acl-oracle-check",
                        new AclClientRPCHook(
                                new SessionCredentials(ADMIN.accessKey(), ADMIN.secretKey())));
        producer.setNamesrvAddr(rocketmq.nameServerAddress());
        producer.setInstanceName("acl-oracle-check-" + topic);
        // the first send looks up the route and connects: budgets a loaded machine keeps (3 s each
        // by default)
        producer.setSendMsgTimeout(30_000);
        producer.setMqClientApiTimeout(30_000);
        producer.start();
        try {
            assertThat(
                            producer.send(
                                            new Message(
                                                    topic,
                                                    "signed".getBytes(StandardCharsets.UTF_8)))
                                    .getSendStatus())
                    .isEqualTo(SendStatus.SEND_OK);
        } finally {
            producer.shutdown();
        }
        // the push consumer reads from 4.9 brokers too; it is not replaced when it stalls, so the
        // bound leaves it several of its rebalances (every 20 s) to recover on a loaded machine
        List<MessageExt> received =
                OfficialConsumer.pushAll(
                        rocketmq.nameServerAddress(), ADMIN, topic, 1, Duration.ofSeconds(120));
        assertThat(received).hasSize(1);
        assertThat(new String(received.get(0).getBody(), StandardCharsets.UTF_8))
                .isEqualTo("signed");
    }
}
