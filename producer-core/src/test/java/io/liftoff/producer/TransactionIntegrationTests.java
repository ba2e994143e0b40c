package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three transaction outcomes against a real broker that checks open transactions every second
 * (instead of every 30 s), read back with the official consumer. The broker writes its "resolved"
 * marks in batches; they must be flushed faster than it checks, or it asks about resolved
 * transactions again (production defaults: 3 s batches, 6 s timeout, 30 s checks). It asks about a
 * transaction only once it is {@code transactionTimeOut} old: 10 s here, so that a decision the
 * producer sent at once is surely in before then, however slow a loaded machine makes it.
 */
class TransactionIntegrationTests {

    private static final String TOPIC = "transactions";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void start() {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .brokerProperty("transactionCheckInterval", "1000")
                        .brokerProperty("transactionTimeOut", "10000")
                        .brokerProperty("transactionOpBatchInterval", "100")
                        .start();
        rocketmq.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop() {
        rocketmq.close();
    }

    @Test
    void commitRollbackAndUnknownShouldEndAsDecidedAndByCheckBack() throws Exception {
        Set<String> checked = ConcurrentHashMap.newKeySet();
        TransactionChecker checker =
                check -> {
                    String body = new String(check.body(), StandardCharsets.UTF_8);
                    checked.add(body);
                    return body.equals("unknown-then-commit")
                            ? TransactionState.COMMIT
                            : TransactionState.ROLLBACK;
                };
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(rocketmq.nameServerAddress())
                        .group("transactions")
                        .transactionChecker(checker)
                        // END_TRANSACTION waits this long for the broker's answer
                        .requestTimeout(Duration.ofSeconds(30))
                        .build();
        try (Producer producer = Producer.create(config)) {
            TransactionSendResult committed =
                    producer.sendInTransaction(
                            message("committed"), (m, arg) -> TransactionState.COMMIT, null);
            TransactionSendResult rolledBack =
                    producer.sendInTransaction(
                            message("rolled-back"), (m, arg) -> TransactionState.ROLLBACK, null);
            TransactionSendResult unknown =
                    producer.sendInTransaction(
                            message("unknown-then-commit"),
                            (m, arg) -> TransactionState.UNKNOWN,
                            null);
            TransactionSendResult failed =
                    producer.sendInTransaction(
                            message("threw-then-rollback"),
                            (m, arg) -> {
                                throw new IllegalStateException("local work failed");
                            },
                            null);

            assertThat(committed.state()).isEqualTo(TransactionState.COMMIT);
            assertThat(committed.resolutionDelivered()).isTrue();
            assertThat(rolledBack.state()).isEqualTo(TransactionState.ROLLBACK);
            assertThat(rolledBack.resolutionDelivered()).isTrue();
            assertThat(unknown.state()).isEqualTo(TransactionState.UNKNOWN);
            assertThat(failed.state()).isEqualTo(TransactionState.UNKNOWN);
            // no decision to deliver: the broker's check-back asks
            assertThat(unknown.resolutionDelivered()).isFalse();
            assertThat(failed.resolutionDelivered()).isFalse();
            assertThat(committed.sendResult().status()).isEqualTo(SendStatus.SEND_OK);

            // The broker asks about both open transactions once they are 10 s old; the bound only
            // keeps a failure from hanging. Then a few more of its checks (every second), in which
            // it must not ask about a resolved transaction: a window in which the load can only
            // let fewer checks run, never make one ask wrongly.
            await().atMost(Duration.ofSeconds(90))
                    .until(
                            () ->
                                    checked.containsAll(
                                            List.of("unknown-then-commit", "threw-then-rollback")));
            Thread.sleep(3_000);
            // everything stored by now, read until both committed ones arrived and then as long as
            // more come, so that one committed wrongly shows
            List<MessageExt> received =
                    OfficialConsumer.readUntil(
                            rocketmq.nameServerAddress(),
                            TOPIC,
                            messages ->
                                    bodies(messages)
                                            .containsAll(
                                                    List.of("committed", "unknown-then-commit")),
                            Duration.ofSeconds(60));

            assertThat(received)
                    .extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("committed", "unknown-then-commit");
            assertThat(checked).contains("unknown-then-commit", "threw-then-rollback");
            assertThat(checked).doesNotContain("committed", "rolled-back");
        }
    }

    @Test
    void sendInTransactionWhenMessageIsDelayedShouldRefuseIt() {
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(rocketmq.nameServerAddress())
                        .group("transactions-delayed")
                        .build();
        try (Producer producer = Producer.create(config)) {
            Message delayed = Message.builder(TOPIC).delayLevel(3).body("x").build();

            assertThatExceptionOfType(InvalidMessageException.class)
                    .isThrownBy(
                            () ->
                                    producer.sendInTransaction(
                                            delayed, (m, arg) -> TransactionState.COMMIT, null))
                    .withMessageContaining("cannot be delayed");
        }
    }

    private static Message message(String body) {
        return Message.builder(TOPIC).keys(body).body(body).build();
    }

    private static List<String> bodies(Collection<MessageExt> messages) {
        return messages.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8)).toList();
    }
}
