package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.auth.Credentials;
import io.liftoff.producer.fault.LatencyFaultTolerance;
import io.liftoff.producer.fault.LatencyTier;
import io.liftoff.producer.fault.Outcome;
import io.liftoff.producer.protocol.ResponseCode;
import io.liftoff.producer.remoting.ConnectionClosedException;
import io.liftoff.producer.remoting.RemotingConnectException;
import io.liftoff.producer.remoting.RemotingTimeoutException;
import io.liftoff.producer.route.MessageQueue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptRecorderTests {

    private static final PreparedMessage MESSAGE =
            PreparedMessage.single("t", "ID", "", ByteBuffer.wrap(new byte[] {1}), 0, 0);
    private static final MessageQueue QUEUE = new MessageQueue("t", "broker-a", 0);

    private final LatencyFaultTolerance faults =
            LatencyFaultTolerance.of(LatencyTier.DEFAULTS, Duration.ofSeconds(3));
    private final List<String> refreshed = new ArrayList<>();

    @Test
    void endedWhenConnectionIsRefusedShouldIsolateTheBrokerAndRefreshTheRoute() {
        RuntimeException refused =
                new ProducerException(
                        "refused", new RemotingConnectException("a:1", new IOException("refused")));

        recorder().ended(QUEUE, Duration.ofMillis(5).toNanos(), refused);

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
    void sendShouldHandTheAttemptToTheDelegateWithTheSameListener() {
        List<AttemptListener> handed = new ArrayList<>();
        AttemptListener listener = (result, failure) -> {};
        AttemptRecorder recorder =
                new AttemptRecorder(
                        (message, queue, address, timeout, next) -> handed.add(next),
                        faults,
                        (topic, suspect) -> refreshed.add(topic));

        recorder.send(MESSAGE, QUEUE, "a:1", Duration.ofSeconds(1).toNanos(), listener);

        assertThat(handed).containsExactly(listener);
        assertThat(refreshed).isEmpty();
    }

    @Test
    void outcomeOfShouldBlameTheBrokerOnlyForItsOwnTrouble() {
        assertThat(AttemptRecorder.outcomeOf(null)).isEqualTo(Outcome.ANSWERED);
        assertThat(AttemptRecorder.outcomeOf(timeout())).isEqualTo(Outcome.TIMED_OUT);
        assertThat(AttemptRecorder.outcomeOf(rejected(ResponseCode.SYSTEM_BUSY)))
                .isEqualTo(Outcome.UNAVAILABLE);
        assertThat(AttemptRecorder.outcomeOf(closed())).isEqualTo(Outcome.UNAVAILABLE);
        // the message's or the topic's fault: the broker itself is fine
        assertThat(AttemptRecorder.outcomeOf(rejected(ResponseCode.MESSAGE_ILLEGAL)))
                .isEqualTo(Outcome.ANSWERED);
        assertThat(AttemptRecorder.outcomeOf(rejected(ResponseCode.TOPIC_NOT_EXIST)))
                .isEqualTo(Outcome.ANSWERED);
        // credentials a 4.9 broker refuses arrive as SYSTEM_ERROR, yet the broker is fine
        assertThat(AttemptRecorder.outcomeOf(aclRefusedOn49())).isEqualTo(Outcome.ANSWERED);
        assertThat(AttemptRecorder.isStaleRoute(aclRefusedOn49())).isFalse();
    }

    @Test
    void endedWhenTopicIsNotWritableThereShouldRefreshTheRouteSuspectingNoBroker() {
        recorder()
                .ended(
                        QUEUE,
                        Duration.ofMillis(5).toNanos(),
                        (RuntimeException) rejected(ResponseCode.NO_PERMISSION));

        assertThat(faults.isIsolated("broker-a")).isFalse();
        assertThat(refreshed).containsExactly("t suspecting null");
    }

    @Test
    void routingFailuresShouldBeLostBrokersAndStaleTopicsOnly() {
        assertThat(AttemptRecorder.isConnectionLoss(closed())).isTrue();
        assertThat(AttemptRecorder.isStaleRoute(rejected(ResponseCode.TOPIC_NOT_EXIST))).isTrue();
        assertThat(AttemptRecorder.isStaleRoute(rejected(ResponseCode.NO_PERMISSION))).isTrue();
        assertThat(AttemptRecorder.isConnectionLoss(timeout())).isFalse();
        assertThat(AttemptRecorder.isStaleRoute(timeout())).isFalse();
        assertThat(AttemptRecorder.isStaleRoute(rejected(ResponseCode.SYSTEM_BUSY))).isFalse();
        assertThat(AttemptRecorder.isConnectionLoss(null)).isFalse();
    }

    private AttemptRecorder recorder() {
        return new AttemptRecorder(
                (message, queue, address, timeout, listener) -> {},
                faults,
                (topic, suspect) -> refreshed.add(topic + " suspecting " + suspect));
    }

    private static Throwable timeout() {
        return new SendTimeoutException(
                "timed out",
                Duration.ofSeconds(1),
                new RemotingTimeoutException("a:1", 310, Duration.ofSeconds(1)));
    }

    private static Throwable closed() {
        return new ProducerException(
                "closed", new ConnectionClosedException("a:1", "connection to a:1 closed", null));
    }

    private static Throwable aclRefusedOn49() {
        return BrokerRejectedException.of(
                "send",
                "a:1",
                ResponseCode.SYSTEM_ERROR,
                "org.apache.rocketmq.acl.common.AclException: Check signature failed for"
                        + " accessKey=orders-app, org.apache.rocketmq.acl.X.y(X.java:1)",
                Credentials.of("orders-app", "s3cr3t-value"));
    }

    private static Throwable rejected(int code) {
        return new BrokerRejectedException("send", "a:1", code, "scripted");
    }
}
