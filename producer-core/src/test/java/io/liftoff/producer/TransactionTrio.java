package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Three transactions: one committed, one rolled back, one left unknown, which the broker's
 * check-back then commits. Shared by the transaction tests against each broker version, whatever
 * consumer reads the topic back.
 */
final class TransactionTrio {

    private static final String COMMITTED = "committed";
    private static final String ROLLED_BACK = "rolled-back";
    private static final String CHECKED = "checked-then-committed";

    // the bodies of the messages the broker asked about
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private TransactionSendResult committed;
    private TransactionSendResult rolledBack;
    private TransactionSendResult unknown;

    /** The checker to configure: it records each check and commits. */
    TransactionChecker checker() {
        return check -> {
            checked.add(new String(check.body(), StandardCharsets.UTF_8));
            return TransactionState.COMMIT;
        };
    }

    /**
     * Sends the three to {@code topic} with a producer configured with {@link #checker()}, and
     * waits for the check-back of the unknown one.
     */
    void sendAndAwaitCheckBack(Producer producer, String topic) {
        committed =
                producer.sendInTransaction(
                        message(topic, COMMITTED), (m, arg) -> TransactionState.COMMIT, null);
        rolledBack =
                producer.sendInTransaction(
                        message(topic, ROLLED_BACK), (m, arg) -> TransactionState.ROLLBACK, null);
        unknown =
                producer.sendInTransaction(
                        message(topic, CHECKED), (m, arg) -> TransactionState.UNKNOWN, null);
        assertThat(committed.resolutionDelivered()).isTrue();
        assertThat(rolledBack.resolutionDelivered()).isTrue();
        assertThat(unknown.resolutionDelivered()).isFalse();
        // brokers ask once a transaction is 6 s (4.9) or 10 s (5.x, as configured by the tests)
        // old; the bound only keeps a failure from hanging
        await().atMost(Duration.ofSeconds(90)).until(() -> checked.contains(CHECKED));
    }

    /** The ids of the messages that must become visible: the committed and the checked one. */
    List<String> visibleIds() {
        return List.of(committed.sendResult().messageId(), unknown.sendResult().messageId());
    }

    /** Asserts what was read is the committed and the checked one, and only those were asked. */
    void assertVisibleAsDecided(List<String> readIds) {
        assertThat(readIds)
                .containsExactlyInAnyOrderElementsOf(visibleIds())
                .doesNotContain(rolledBack.sendResult().messageId());
        assertThat(checked).doesNotContain(COMMITTED, ROLLED_BACK);
    }

    private static Message message(String topic, String body) {
        return Message.builder(topic).keys(body).body(body).build();
    }
}
