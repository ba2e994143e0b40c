package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.LatencyTier;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.internal.fault.LatencyFaultTolerance;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.RemotingConnectException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptRecorderTests {

    private static final MessageQueue QUEUE = new MessageQueue("t", "broker-a", 0);

    private final LatencyFaultTolerance faults =
            LatencyFaultTolerance.of(LatencyTier.DEFAULTS, Duration.ofSeconds(3));
    private final List<String> refreshed = new ArrayList<>();

    @Test
    void endedWhenConnectionIsRefusedShouldIsolateTheBrokerAndRefreshTheRoute() {
        RuntimeException refused =
                new ProducerException(
                        "refused", new RemotingConnectException("a:1", new IOException("refused")));

        recorder().ended(QUEUE, Duration.ofMillis(5).toNanos(), AttemptFailure.of(refused));

        assertThat(faults.isIsolated("broker-a")).isTrue();
        assertThat(refreshed).containsExactly("t suspecting broker-a");
    }

    @Test
    void endedWhenAnswerArrivesShouldKeepTheBrokerAndTheRoute() {
        recorder().ended(QUEUE, Duration.ofMillis(5).toNanos(), null);

        assertThat(faults.isIsolated("broker-a")).isFalse();
        assertThat(refreshed).isEmpty();
    }

    @Test
    void endedWhenBrokerShedsLoadShouldKeepItInUseSinceItsWindowPacesIt() {
        recorder()
                .ended(
                        QUEUE,
                        Duration.ofMillis(5).toNanos(),
                        AttemptFailure.of(rejected(ResponseCode.SYSTEM_BUSY)));

        assertThat(faults.isIsolated("broker-a")).isFalse();
        assertThat(refreshed).isEmpty();
    }

    @Test
    void endedWhenBrokerFailsShouldIsolateItWithoutRefreshingTheRoute() {
        recorder()
                .ended(
                        QUEUE,
                        Duration.ofMillis(5).toNanos(),
                        AttemptFailure.of(rejected(ResponseCode.SYSTEM_ERROR)));

        assertThat(faults.isIsolated("broker-a")).isTrue();
        assertThat(refreshed).isEmpty();
    }

    @Test
    void endedWhenTopicIsNotWritableThereShouldRefreshTheRouteSuspectingNoBroker() {
        recorder()
                .ended(
                        QUEUE,
                        Duration.ofMillis(5).toNanos(),
                        AttemptFailure.of(rejected(ResponseCode.NO_PERMISSION)));

        assertThat(faults.isIsolated("broker-a")).isFalse();
        assertThat(refreshed).containsExactly("t suspecting null");
    }

    private AttemptRecorder recorder() {
        return new AttemptRecorder(
                faults, (topic, suspect) -> refreshed.add(topic + " suspecting " + suspect));
    }

    private static Throwable rejected(int code) {
        return new BrokerRejectedException("send", "a:1", code, "scripted");
    }
}
