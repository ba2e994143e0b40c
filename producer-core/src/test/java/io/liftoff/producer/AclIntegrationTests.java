package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.AclUser;
import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed requests against a real 5.3.3 broker with ACL 2.0 (authentication and authorization):
 * every kind of send of a user allowed to publish arrives, and wrong, unknown or missing
 * credentials and missing permissions fail at once with an error that names the access key but
 * never the secret.
 */
class AclIntegrationTests {

    private static final AclUser ADMIN = new AclUser("liftoff-admin", "admin-secret-1");
    private static final AclUser WRITER = new AclUser("orders-writer", "writer-secret-1");
    private static final String WRONG_SECRET = "wrong-secret-value";
    private static final String TOPIC = "acl-orders";
    private static final String FORBIDDEN_TOPIC = "acl-payroll";
    private static final String ADMIN_TOPIC = "acl-admin";
    private static final String BATCHED_TOPIC = "acl-batched";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void start() {
        rocketmq = EmbeddedRocketMQ.builder().acl(ADMIN.accessKey(), ADMIN.secretKey()).start();
        rocketmq.createTopic(TOPIC, 2);
        rocketmq.createTopic(FORBIDDEN_TOPIC, 2);
        rocketmq.createTopic(ADMIN_TOPIC, 2);
        rocketmq.createTopic(BATCHED_TOPIC, 2);
        rocketmq.createPublisher(WRITER, TOPIC);
    }

    @AfterAll
    static void stop() {
        rocketmq.close();
    }

    @Test
    void publisherShouldDeliverSyncAsyncBatchAndOnewaySends() throws Exception {
        try (Producer producer =
                Producer.create(config("acl-writer", credentials(WRITER.secretKey())))) {
            assertThat(producer.send(message(TOPIC, "sync")).status())
                    .isEqualTo(SendStatus.SEND_OK);
            assertThat(producer.sendAsync(message(TOPIC, "async")).get(30, TimeUnit.SECONDS))
                    .extracting(SendResult::status)
                    .isEqualTo(SendStatus.SEND_OK);
            assertThat(
                            producer.sendBatch(
                                    List.of(message(TOPIC, "batch-1"), message(TOPIC, "batch-2"))))
                    .hasSize(2);
            producer.sendOneway(message(TOPIC, "oneway"));

            assertThat(bodies(readBack(TOPIC, 5)))
                    .containsExactlyInAnyOrder("sync", "async", "batch-1", "batch-2", "oneway");
        }
    }

    @Test
    void automaticallyBatchedSendsShouldBeSignedOverTheirWholeBody() throws Exception {
        AutoBatchedSends sends;
        try (Producer producer =
                Producer.create(
                        ProducerConfig.builder()
                                .nameServer(rocketmq.nameServerAddress())
                                .group("acl-batcher")
                                .sendTimeout(Duration.ofSeconds(30))
                                .credentials(Credentials.of(ADMIN.accessKey(), ADMIN.secretKey()))
                                .autoBatch(AutoBatch.enabled())
                                .build())) {
            sends = AutoBatchedSends.sendAsync(producer, BATCHED_TOPIC, 400).assertBatched();
        }

        sends.assertStoredAsReported(
                AutoBatchedSends.Stored.of(
                        OfficialConsumer.readAll(
                                rocketmq.nameServerAddress(),
                                ADMIN,
                                BATCHED_TOPIC,
                                sends.count(),
                                AutoBatchedSends.readTimeout())));
    }

    @Test
    void transactionsAndRecallsShouldBeSignedToo() throws Exception {
        try (Producer producer =
                Producer.create(
                        config(
                                "acl-admin",
                                Credentials.of(ADMIN.accessKey(), ADMIN.secretKey())))) {
            TransactionSendResult committed =
                    producer.sendInTransaction(
                            message(ADMIN_TOPIC, "committed"),
                            (m, arg) -> TransactionState.COMMIT,
                            null);
            SendResult timer =
                    producer.send(
                            Message.builder(ADMIN_TOPIC)
                                    .deliverAfter(Duration.ofHours(1))
                                    .body("recalled")
                                    .build());

            // the broker answered END_TRANSACTION and RECALL_MESSAGE with SUCCESS
            assertThat(committed.resolutionDelivered()).isTrue();
            assertThat(producer.recall(ADMIN_TOPIC, timer.recallHandle()))
                    .isEqualTo(timer.messageId());
            assertThat(bodies(readBack(ADMIN_TOPIC, 1))).containsExactly("committed");
        }
    }

    @Test
    void wrongSecretShouldFailAtOnceNamingTheAccessKeyButNotTheSecret() {
        List<SendEvent> failures = new CopyOnWriteArrayList<>();
        ProducerConfig config =
                config("acl-wrong-secret", credentials(WRONG_SECRET)).toBuilder()
                        .listener(
                                new SendListener() {
                                    @Override
                                    public void onFailure(SendEvent event, Throwable failure) {
                                        failures.add(event);
                                    }
                                })
                        .build();
        try (Producer producer = Producer.create(config)) {
            AccessDeniedException refused =
                    catchThrowableOfType(
                            AccessDeniedException.class,
                            () -> producer.send(message(TOPIC, "refused")));

            assertAuthenticationFailed(refused, WRITER.accessKey());
            // The listener runs on the thread that completed the send, which may still be at it
            // when the caller has woken up: wait for it (the bound only keeps a failure from
            // hanging). A credentials problem: not retried on other brokers or queues.
            await().atMost(Duration.ofSeconds(30)).until(() -> !failures.isEmpty());
            assertThat(failures).singleElement().extracting(SendEvent::attempts).isEqualTo(1);
            ExecutionException async =
                    catchThrowableOfType(
                            ExecutionException.class,
                            () ->
                                    producer.sendAsync(message(TOPIC, "x"))
                                            .get(30, TimeUnit.SECONDS));
            assertAuthenticationFailed(
                    (AccessDeniedException) async.getCause(), WRITER.accessKey());
            assertThat(producer.connectionStatus().toString()).doesNotContain(WRONG_SECRET);
            assertThat(producer.config().toString()).doesNotContain(WRONG_SECRET);
        }
    }

    @Test
    void unknownAccessKeyShouldFailAtOnceNamingIt() {
        Credentials unknown = Credentials.of("nobody-here", WRONG_SECRET);
        try (Producer producer = Producer.create(config("acl-unknown", unknown))) {
            AccessDeniedException refused =
                    catchThrowableOfType(
                            AccessDeniedException.class,
                            () -> producer.send(message(TOPIC, "refused")));
            // a batch reports each failed part, with the refusal as the cause
            ProducerException batch =
                    catchThrowableOfType(
                            ProducerException.class,
                            () -> producer.sendBatch(List.of(message(TOPIC, "refused"))));

            assertAuthenticationFailed(refused, "nobody-here");
            assertThat(refused.remark()).contains("User:nobody-here is not found");
            assertThat(batch).hasMessageContaining("access key 'nobody-here'");
            assertAuthenticationFailed((AccessDeniedException) batch.getCause(), "nobody-here");
        }
    }

    @Test
    void noCredentialsShouldFailSayingTheBrokerRequiresThem() {
        try (Producer producer = Producer.create(config("acl-none", null))) {
            AccessDeniedException refused =
                    catchThrowableOfType(
                            AccessDeniedException.class,
                            () -> producer.send(message(TOPIC, "refused")));

            assertThat(refused.denial()).isEqualTo(AccessDenial.AUTHENTICATION);
            assertThat(refused.accessKey()).isEmpty();
            assertThat(refused).hasMessageContaining("requires ACL credentials, but none are");
        }
    }

    @Test
    void topicThePublisherMayNotWriteShouldFailAsAnAuthorizationError() {
        try (Producer producer =
                Producer.create(config("acl-forbidden", credentials(WRITER.secretKey())))) {
            AccessDeniedException refused =
                    catchThrowableOfType(
                            AccessDeniedException.class,
                            () -> producer.send(message(FORBIDDEN_TOPIC, "refused")));

            assertThat(refused.denial()).isEqualTo(AccessDenial.AUTHORIZATION);
            assertThat(refused)
                    .hasMessageContaining("authorization failed for access key 'orders-writer'")
                    .hasMessageNotContaining(WRITER.secretKey());
        }
    }

    private static void assertAuthenticationFailed(
            AccessDeniedException refused, String accessKey) {
        assertThat(refused).isNotNull();
        assertThat(refused.denial()).isEqualTo(AccessDenial.AUTHENTICATION);
        assertThat(refused.accessKey()).contains(accessKey);
        assertThat(refused.responseCode()).isEqualTo(16);
        assertThat(refused)
                .hasMessageContaining("authentication failed for access key '" + accessKey + "'")
                .hasMessageContaining("secret key");
        StringWriter trace = new StringWriter();
        refused.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(WRONG_SECRET, WRITER.secretKey());
    }

    private static Credentials credentials(String secret) {
        return Credentials.of(WRITER.accessKey(), secret);
    }

    private static ProducerConfig config(String group, Credentials credentials) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .sendTimeout(Duration.ofSeconds(10))
                // END_TRANSACTION waits this long for the broker's answer (resolutionDelivered)
                .requestTimeout(Duration.ofSeconds(30))
                .credentials(credentials)
                .build();
    }

    private static Message message(String topic, String body) {
        return Message.builder(topic).body(body).build();
    }

    private static List<MessageExt> readBack(String topic, int expected) throws Exception {
        return OfficialConsumer.readAll(
                rocketmq.nameServerAddress(), ADMIN, topic, expected, Duration.ofSeconds(60));
    }

    private static List<String> bodies(List<MessageExt> messages) {
        return messages.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8)).toList();
    }
}
