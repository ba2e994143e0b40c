package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerClosedException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.internal.fault.LatencyFaultTolerance;
import io.liftoff.producer.internal.remoting.WritableBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A send's room is returned exactly once, whichever of its answer and close() comes first. */
class InFlightSendsTests {

    private static final PreparedMessage MESSAGE =
            PreparedMessage.single("t", "ID", "", WritableBody.of(new byte[] {1, 2, 3}), 0, 0);

    private final InFlightSends inFlight = new InFlightSends(10, 1_000);
    private final List<SendOperation> waiting = new ArrayList<>();
    private final SendWindow window =
            new SendWindow("a", 10, Runnable::run, (task, delay) -> task.run(), new SendBacklog());

    @Test
    void answerShouldReturnTheRoomAndUnlistTheSendBeforeTheOutcomeCompletes() throws Exception {
        SendOperation operation = started();
        List<Integer> inFlightWhenCompleted = new ArrayList<>();
        operation
                .outcome()
                .whenComplete((r, f) -> inFlightWhenCompleted.add(inFlight.inFlightMessages()));
        assertThat(inFlight.snapshot()).containsExactly(operation);
        assertThat(inFlight.inFlightBytes()).isEqualTo(3);

        waiting.get(0).attempted(stored(), null);

        assertThat(operation.outcome().get().status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(inFlightWhenCompleted).containsExactly(0);
        assertThat(inFlight.snapshot()).isEmpty();
        assertThat(inFlight.inFlightBytes()).isZero();
    }

    @Test
    void abortShouldEndTheSendOnceAndIgnoreItsLateAnswer() {
        SendOperation first = started();
        SendOperation second = started();

        first.abort(new ProducerClosedException("closed"));
        first.abort(new ProducerClosedException("closed again"));
        waiting.get(0).attempted(stored(), null);

        assertThat(first.outcome())
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .withMessage("closed");
        assertThat(inFlight.snapshot()).containsExactly(second);
        assertThat(inFlight.inFlightMessages()).isOne();
        assertThat(inFlight.inFlightBytes()).isEqualTo(3);
    }

    @Test
    void awaitEmptyShouldReturnOnceTheLastSendEndsElsewhere() throws Exception {
        SendOperation operation = started();
        Thread closer = Thread.currentThread();
        Thread answerer =
                new Thread(
                        () -> {
                            // until the closer waits, so that the signal is what wakes it
                            while (closer.getState() != Thread.State.TIMED_WAITING) {
                                Thread.onSpinWait();
                            }
                            waiting.get(0).attempted(stored(), null);
                        });
        answerer.start();

        // generous: the answer comes at once; only a lost signal would wait all of it
        assertThat(inFlight.awaitEmpty(Duration.ofMinutes(5))).isTrue();
        answerer.join();
        assertThat(operation.outcome()).isCompleted();
    }

    @Test
    void awaitEmptyShouldGiveUpAfterTheTimeoutWhileASendRuns() {
        started();

        assertThat(inFlight.awaitEmpty(Duration.ofMillis(20))).isFalse();
        assertThat(inFlight.snapshot()).hasSize(1);
    }

    private SendOperation started() {
        int permits = inFlight.acquire(MESSAGE.bodyLength(), Duration.ofSeconds(1));
        SendOperation operation =
                new SendOperation(
                        new SendOperation.Engine(
                                (message, queue, address, timeoutNanos, sent) -> waiting.add(sent),
                                new AttemptRecorder(
                                        LatencyFaultTolerance.disabled(), (topic, broker) -> {}),
                                (task, delay) -> task.run(),
                                inFlight),
                        MESSAGE,
                        (topic, failedBroker) ->
                                new SendOperation.Target(
                                        new MessageQueue(topic, "a", 0), "a:1", window, false),
                        new RetryPolicy(1, Duration.ofSeconds(5), null, false),
                        permits,
                        Runnable::run);
        inFlight.add(operation);
        operation.start();
        return operation;
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
}
