package io.liftoff.embedded;

import static io.liftoff.embedded.EmbeddedRocketMQAclIntegrationTests.ADMIN;
import static io.liftoff.embedded.EmbeddedRocketMQAclIntegrationTests.assertSendAndReadBack;
import static io.liftoff.embedded.EmbeddedRocketMQAclIntegrationTests.createTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link EmbeddedRocketMQAclIntegrationTests} on RocketMQ 4.9.7 with its plain ACL. */
class EmbeddedRocketMQ4AclIntegrationTests {

    @Test
    void aclOn49ShouldAcceptTheAdminAndRefuseOthers() throws Exception {
        Path classpath = Path.of(System.getProperty("liftoff.rocketmq4.classpath"));
        try (EmbeddedRocketMQ rocketmq =
                EmbeddedRocketMQ.builder()
                        .serverClasspathFile(classpath)
                        .acl(ADMIN.accessKey(), ADMIN.secretKey())
                        .start()) {
            rocketmq.createTopic("acl-49", 2);

            AdminCommands.Response wrongSecret =
                    createTopic(rocketmq, new AclUser(ADMIN.accessKey(), "not-the-secret"));
            assertThat(wrongSecret.code()).isEqualTo(1);
            assertThat(wrongSecret.remark()).contains("AclException", "Check signature failed");
            AdminCommands.Response unknownUser =
                    createTopic(rocketmq, new AclUser("nobody-here", "not-the-secret"));
            assertThat(unknownUser.code()).isEqualTo(1);
            assertThat(unknownUser.remark()).contains("AclException");

            assertSendAndReadBack(rocketmq, "acl-49");
        }
    }
}
