package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.liftoff.embedded.AclUser;
import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed requests against a real 4.9.7 broker with {@code aclEnable} and {@code plain_acl.yml},
 * whose refusals arrive as SYSTEM_ERROR with an {@code AclException} in the remark.
 */
class RocketMQ4AclIntegrationTests {

    private static final AclUser ADMIN = new AclUser("liftoff-admin", "admin-secret-1");
    private static final String WRONG_SECRET = "wrong-secret-value";
    private static final String TOPIC = "acl4-orders";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void start() {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .serverClasspathFile(
                                Path.of(System.getProperty("liftoff.rocketmq4.classpath")))
                        .acl(ADMIN.accessKey(), ADMIN.secretKey())
                        .start();
        rocketmq.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop() {
        rocketmq.close();
    }

    @Test
    void rightCredentialsShouldDeliverSyncAsyncBatchAndOnewaySends() throws Exception {
        try (Producer producer =
                Producer.create(config("acl4-admin", credentials(ADMIN.secretKey())))) {
            assertThat(producer.send(message("sync")).status()).isEqualTo(SendStatus.SEND_OK);
            assertThat(producer.sendAsync(message("async")).get(30, TimeUnit.SECONDS).status())
                    .isEqualTo(SendStatus.SEND_OK);
            assertThat(producer.sendBatch(List.of(message("batch-1"), message("batch-2"))))
                    .hasSize(2);
            producer.sendOneway(message("oneway"));

            // a bound that leaves the push consumer several of its rebalances (every 20 s) to
            // recover from a stall on a loaded machine; it returns as soon as all arrived
            assertThat(
                            OfficialConsumer.pushAll(
                                            rocketmq.nameServerAddress(),
                                            ADMIN,
                                            TOPIC,
                                            5,
                                            Duration.ofSeconds(120))
                                    .stream()
                                    .map(m -> new String(m.getBody(), StandardCharsets.UTF_8)))
                    .containsExactlyInAnyOrder("sync", "async", "batch-1", "batch-2", "oneway");
        }
    }

    @Test
    void wrongSecretShouldFailAtOnceNamingTheAccessKeyButNotTheSecret() {
        try (Producer producer =
                Producer.create(config("acl4-wrong-secret", credentials(WRONG_SECRET)))) {
            AccessDeniedException refused =
                    catchThrowableOfType(
                            AccessDeniedException.class, () -> producer.send(message("refused")));

            assertRefused(refused, ADMIN.accessKey());
            assertThat(refused.remark()).contains("Check signature failed");
        }
    }

    @Test
    void unknownAccessKeyShouldFailAtOnceNamingIt() {
        try (Producer producer =
                Producer.create(
                        config("acl4-unknown", Credentials.of("nobody-here", WRONG_SECRET)))) {
            AccessDeniedException refused =
                    catchThrowableOfType(
                            AccessDeniedException.class, () -> producer.send(message("refused")));

            assertRefused(refused, "nobody-here");
        }
    }

    private static void assertRefused(AccessDeniedException refused, String accessKey) {
        assertThat(refused).isNotNull();
        assertThat(refused.denial()).isEqualTo(AccessDenial.AUTHENTICATION);
        assertThat(refused.responseCode()).isEqualTo(1);
        assertThat(refused.accessKey()).contains(accessKey);
        assertThat(refused)
                .hasMessageContaining("authentication failed for access key '" + accessKey + "'")
                .hasMessageNotContaining(WRONG_SECRET)
                .hasMessageNotContaining(ADMIN.secretKey());
    }

    private static Credentials credentials(String secret) {
        return Credentials.of(ADMIN.accessKey(), secret);
    }

    private static ProducerConfig config(String group, Credentials credentials) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .sendTimeout(Duration.ofSeconds(10))
                .credentials(credentials)
                .build();
    }

    private static Message message(String body) {
        return Message.builder(TOPIC).body(body).build();
    }
}
