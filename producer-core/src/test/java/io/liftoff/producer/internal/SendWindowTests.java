package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.BrokerBusyException;
import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerClosedException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.WritableBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The send window of one broker, driven by real send operations whose attempts the test answers:
 * who goes out, who waits, in which order, and how the limit follows the answers.
 */
class SendWindowTests {

    // sends the window gave room to, run when the test says: never on the releasing stack
    private final List<Runnable> grants = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Duration> timerDelays = new ArrayList<>();
    private final SendOperation.Delays delays =
            (task, delay) -> {
                timers.add(task);
                timerDelays.add(delay);
            };
    // the listener of each attempt on the wire, by message id, in the order they went out
    private final Map<String, SendOperation> onWire = new LinkedHashMap<>();
    private final List<String> sent = new ArrayList<>();
    private final SendBacklog backlog = new SendBacklog();
    private SendWindow window;

    @Test
    void sendsBeyondTheLimitShouldWaitAndGetRoomInOrderOffTheReleasingThread() {
        window = window(2);
        List<SendOperation> operations = startAll(4);

        assertThat(sent).containsExactly("m0", "m1");
        assertThat(window.status()).isEqualTo(status(2, 2, 2, 0));
        assertThat(window.isFull()).isTrue();
        assertThat(backlog.waiting()).isEqualTo(2);

        answer("m0", stored());
        assertThat(grants).as("room is handed on, not used on the answer's stack").hasSize(1);
        assertThat(sent).containsExactly("m0", "m1");
        runGrants();
        assertThat(sent).containsExactly("m0", "m1", "m2");

        answer("m1", stored());
        answer("m2", stored());
        runGrants();
        answer("m3", stored());

        assertThat(sent).containsExactly("m0", "m1", "m2", "m3");
        assertThat(operations).allSatisfy(operation -> assertThat(operation.outcome()).isDone());
        assertThat(window.status().inFlight()).isZero();
        assertThat(window.status().waiting()).isZero();
        assertThat(window.isFull()).isFalse();
        assertThat(backlog.waiting()).isZero();
    }

    @Test
    void aNewSendShouldNotOvertakeASendWhoseGrantHasNotRunYet() {
        window = window(2);
        startAll(3);
        answer("m0", stored()); // m2 gets the room; its grant waits on the grants executor
        answer("m1", stored()); // room for one more, but m2 has not gone out yet

        startAll(1, 3);

        assertThat(sent)
                .as("m3 queued behind m2 rather than going first")
                .containsExactly("m0", "m1");
        runGrants();
        assertThat(sent).containsExactly("m0", "m1", "m2");
        runGrants();
        assertThat(sent).containsExactly("m0", "m1", "m2", "m3");
    }

    @Test
    void aVolleyOfFlowControlAnswersShouldHalveTheLimitOnceAndRetryAtTheHead() {
        window = window(8);
        startAll(8);
        List<SendOperation> later = startAll(2, 8);
        assertThat(window.status()).isEqualTo(status(8, 8, 2, 0));

        for (int i = 0; i < 8; i++) {
            answer("m" + i, busy());
        }

        // every answer was to a request sent before the first cut: one episode, one cut
        assertThat(window.status()).isEqualTo(status(4, 4, 6, 8));
        runGrants();
        // the refused sends went before the two that had not been sent yet
        assertThat(sent.subList(8, 12)).doesNotContain("m8", "m9");
        assertThat(later).noneSatisfy(operation -> assertThat(operation.outcome()).isDone());
    }

    @Test
    void flowControlAnswersToLaterRequestsShouldHalveTheLimitAgain() {
        window = window(8);
        startAll(1);

        answer("m0", busy());
        runGrants();
        answer("m0", busy());
        runGrants();
        answer("m0", busy());

        assertThat(window.status().limit()).isEqualTo(1);
        assertThat(window.status().flowControlAnswers()).isEqualTo(3);
    }

    @Test
    void storedAnswersShouldGrowTheLimitOnlyWhileTheWindowIsFull() {
        window = window(100);
        startAll(1);
        answer("m0", stored());
        assertThat(window.status().limit()).as("not full: no growth").isEqualTo(32);

        startAll(32, 1);
        answer("m1", stored());
        assertThat(window.status().limit()).as("slow start: one per answer").isEqualTo(33);

        answer("m2", busy());
        assertThat(window.status().limit()).isEqualTo(16);
        runGrants();
        sent.clear();
        startAll(16, 100);
        for (int i = 0; i < 16; i++) {
            String next = onWire.keySet().iterator().next();
            answer(next, stored());
            runGrants();
        }
        // after the cut, about one per window of answers
        assertThat(window.status().limit()).isEqualTo(16 + 1);
    }

    @Test
    void aBrokerThatRefusesEvenOneRequestShouldGetNoneForAGrowingPause() {
        window = window(1);
        SendOperation operation = startAll(1).get(0);

        answer("m0", busy());
        // the pause, then the expiry of the send's wait at its deadline
        assertThat(timerDelays).hasSize(2);
        assertThat(timerDelays.get(0)).isEqualTo(Duration.ofMillis(10));
        assertThat(timerDelays.get(1)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(window.status()).isEqualTo(status(1, 0, 1, 1));
        assertThat(grants).as("paused: nothing goes out").isEmpty();

        timers.get(0).run();
        runGrants();
        answer("m0", busy());
        // the deadline's expiry is scheduled once; the second pause is twice as long
        assertThat(timerDelays).hasSize(3);
        assertThat(timerDelays.get(2)).isEqualTo(Duration.ofMillis(20));

        timers.get(2).run();
        runGrants();
        answer("m0", stored());
        assertThat(operation.outcome()).isCompleted();

        // a stored message ends the doubling: the next pause is short again
        startAll(1, 1);
        int before = timerDelays.size();
        answer("m1", busy());
        assertThat(timerDelays.get(before)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aSendWhoseDeadlinePassesWhileWaitingShouldFailAndNeverGetRoom() {
        window = window(1);
        startAll(1);
        SendOperation waiting = startAll(1, 1).get(0);
        assertThat(timerDelays).hasSize(1);

        timers.get(0).run();

        assertThat(waiting.outcome())
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(BrokerBusyException.class)
                .withMessageContaining("The send waited");
        assertThat(window.status().waiting()).isZero();
        assertThat(backlog.waiting()).isZero();
        answer("m0", stored());
        assertThat(grants).isEmpty();
        assertThat(sent).containsExactly("m0");
    }

    @Test
    void aSendThatEndedWhileWaitingShouldBeDroppedNotGivenRoom() {
        window = window(1);
        startAll(1);
        SendOperation aborted = startAll(1, 1).get(0);

        aborted.abort(new ProducerClosedException("closed"));
        answer("m0", stored());

        assertThat(grants).as("no room handed to a send that ended").isEmpty();
        assertThat(sent).containsExactly("m0");
        assertThat(window.status()).isEqualTo(status(1, 0, 0, 0));
        assertThat(backlog.waiting()).isZero();
    }

    @Test
    void roomGivenToASendThatEndedBeforeItRanShouldComeBack() {
        window = window(1);
        startAll(1);
        SendOperation aborted = startAll(1, 1).get(0);

        answer("m0", stored());
        aborted.abort(new ProducerClosedException("closed"));
        runGrants();

        assertThat(sent).containsExactly("m0");
        assertThat(window.status().inFlight()).isZero();
    }

    private SendWindow window(int ceiling) {
        return new SendWindow("a", ceiling, grants::add, delays, backlog);
    }

    private List<SendOperation> startAll(int count) {
        return startAll(count, 0);
    }

    /** Starts {@code count} sends of messages {@code m<first>}, {@code m<first+1>}, … */
    private List<SendOperation> startAll(int count, int first) {
        List<SendOperation> operations = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            SendOperation operation =
                    new SendOperation(
                            Engines.scripted(
                                    (message, queue, address, timeoutNanos, attempt) -> {
                                        sent.add(message.messageId());
                                        onWire.put(message.messageId(), attempt);
                                    },
                                    delays),
                            PreparedMessage.single(
                                    "t", "m" + i, "", WritableBody.of(new byte[] {1}), 0, 0),
                            (topic, failedBroker) ->
                                    new SendOperation.Target(
                                            new MessageQueue("t", "a", 0), "a:1", window, true),
                            new RetryPolicy(3, Duration.ofSeconds(30), null, false),
                            0,
                            Runnable::run);
            operation.start();
            operations.add(operation);
        }
        return operations;
    }

    private void answer(String messageId, SendResult result) {
        onWire.remove(messageId).attempted(result, null);
    }

    private void answer(String messageId, RuntimeException failure) {
        onWire.remove(messageId).attempted(null, failure);
    }

    private void runGrants() {
        List<Runnable> now = new ArrayList<>(grants);
        grants.clear();
        now.forEach(Runnable::run);
    }

    private static io.liftoff.producer.ConnectionStatus.SendWindowStatus status(
            int limit, int inFlight, int waiting, long flowControlAnswers) {
        return new io.liftoff.producer.ConnectionStatus.SendWindowStatus(
                limit, inFlight, waiting, flowControlAnswers);
    }

    private static SendResult stored() {
        return new SendResult(
                SendStatus.SEND_OK,
                "ID",
                "OFFSET",
                new MessageQueue("t", "a", 0),
                0,
                null,
                "r",
                null);
    }

    private static BrokerRejectedException busy() {
        return new BrokerRejectedException(
                "send",
                "a:1",
                ResponseCode.SYSTEM_BUSY,
                "[OVERLOAD]system busy, start flow control for a while");
    }
}
