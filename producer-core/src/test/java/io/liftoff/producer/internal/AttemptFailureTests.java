package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.Credentials;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendTimeoutException;
import io.liftoff.producer.internal.fault.Outcome;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.ConnectionClosedException;
import io.liftoff.producer.internal.remoting.RemotingConnectException;
import io.liftoff.producer.internal.remoting.RemotingTimeoutException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AttemptFailureTests {

    @Test
    void ofShouldTakeEveryFlowControlAnswerOfTheBrokersForFlowControl() {
        for (String remark :
                new String[] {
                    "[OVERLOAD]system busy, start flow control for a while",
                    "[REJECTREQUEST]system busy, start flow control for a while",
                    "[PCBUSY_CLEAN_QUEUE]broker busy, start flow control for a while, period in"
                            + " queue: 205ms, size of queue: 12",
                    "[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while, period in"
                            + " queue: 201ms, size of queue: 3",
                    "[PC_SYNCHRONIZED]broker busy, start flow control for a while",
                    null
                }) {
            assertThat(AttemptFailure.of(rejected(ResponseCode.SYSTEM_BUSY, remark)))
                    .as(remark)
                    .isEqualTo(AttemptFailure.FLOW_CONTROL);
        }
        assertThat(AttemptFailure.of(rejected(ResponseCode.FLOW_CONTROL, null)))
                .isEqualTo(AttemptFailure.FLOW_CONTROL);
        // the timer wheel's congestion comes as SYSTEM_ERROR, saying flow control
        assertThat(
                        AttemptFailure.of(
                                rejected(
                                        ResponseCode.SYSTEM_ERROR,
                                        "timer message is under flow control, max num limit is"
                                                + " 2000")))
                .isEqualTo(AttemptFailure.FLOW_CONTROL);
    }

    @Test
    void flowControlShouldSpendNoRetryAndBlameNoBroker() {
        assertThat(AttemptFailure.FLOW_CONTROL.retry())
                .isEqualTo(AttemptFailure.Retry.WITHIN_BUDGET);
        assertThat(AttemptFailure.FLOW_CONTROL.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(AttemptFailure.FLOW_CONTROL.refresh())
                .isEqualTo(AttemptFailure.RouteRefresh.NONE);
    }

    @Test
    void ofShouldBlameTheBrokerOnlyForItsOwnTrouble() {
        assertThat(AttemptFailure.of(timeout()).outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(AttemptFailure.of(closed()).outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(AttemptFailure.of(rejected(ResponseCode.SYSTEM_ERROR, "x")).outcome())
                .isEqualTo(Outcome.UNAVAILABLE);
        assertThat(AttemptFailure.of(rejected(ResponseCode.GO_AWAY, null)).outcome())
                .isEqualTo(Outcome.UNAVAILABLE);
        // the message's or the topic's fault: the broker itself is fine
        assertThat(AttemptFailure.of(rejected(ResponseCode.MESSAGE_ILLEGAL, "x")).outcome())
                .isEqualTo(Outcome.ANSWERED);
        assertThat(AttemptFailure.of(rejected(ResponseCode.TOPIC_NOT_EXIST, "x")).outcome())
                .isEqualTo(Outcome.ANSWERED);
        // credentials a 4.9 broker refuses arrive as SYSTEM_ERROR, yet the broker is fine
        assertThat(AttemptFailure.of(aclRefusedOn49())).isEqualTo(AttemptFailure.ACCESS_DENIED);
        assertThat(AttemptFailure.ACCESS_DENIED.outcome()).isEqualTo(Outcome.ANSWERED);
    }

    @Test
    void ofShouldRetryWhatAnotherBrokerMayAcceptAndNothingElse() {
        assertThat(AttemptFailure.of(timeout()).retry()).isEqualTo(AttemptFailure.Retry.COUNTED);
        assertThat(AttemptFailure.of(refused()).retry()).isEqualTo(AttemptFailure.Retry.COUNTED);
        assertThat(AttemptFailure.of(new ProducerException("write failed")).retry())
                .isEqualTo(AttemptFailure.Retry.COUNTED);
        for (int code :
                new int[] {
                    ResponseCode.TOPIC_NOT_EXIST,
                    ResponseCode.SERVICE_NOT_AVAILABLE,
                    ResponseCode.SYSTEM_ERROR,
                    ResponseCode.NO_PERMISSION,
                    ResponseCode.NO_BUYER_ID,
                    ResponseCode.NOT_IN_CURRENT_UNIT
                }) {
            assertThat(AttemptFailure.of(rejected(code, "x")).retry())
                    .as(ResponseCode.name(code))
                    .isEqualTo(AttemptFailure.Retry.COUNTED);
        }
        assertThat(AttemptFailure.of(rejected(ResponseCode.GO_AWAY, null)).retry())
                .isEqualTo(AttemptFailure.Retry.AFTER_PAUSE);
        assertThat(AttemptFailure.of(rejected(ResponseCode.MESSAGE_ILLEGAL, "x")).retry())
                .isEqualTo(AttemptFailure.Retry.NO);
        assertThat(AttemptFailure.of(aclRefusedOn49()).retry()).isEqualTo(AttemptFailure.Retry.NO);
    }

    @Test
    void ofShouldRefreshTheRouteForLostBrokersAndStaleTopicsOnly() {
        assertThat(AttemptFailure.of(closed()).refresh())
                .isEqualTo(AttemptFailure.RouteRefresh.TOPIC_SUSPECTING_BROKER);
        assertThat(AttemptFailure.of(refused()).refresh())
                .isEqualTo(AttemptFailure.RouteRefresh.TOPIC_SUSPECTING_BROKER);
        for (int code :
                new int[] {
                    ResponseCode.TOPIC_NOT_EXIST,
                    ResponseCode.NO_PERMISSION,
                    ResponseCode.SERVICE_NOT_AVAILABLE,
                    ResponseCode.NOT_IN_CURRENT_UNIT
                }) {
            assertThat(AttemptFailure.of(rejected(code, "x")).refresh())
                    .as(ResponseCode.name(code))
                    .isEqualTo(AttemptFailure.RouteRefresh.TOPIC);
        }
        assertThat(AttemptFailure.of(timeout()).refresh())
                .isEqualTo(AttemptFailure.RouteRefresh.NONE);
        assertThat(AttemptFailure.of(aclRefusedOn49()).refresh())
                .isEqualTo(AttemptFailure.RouteRefresh.NONE);
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

    private static Throwable refused() {
        return new ProducerException(
                "refused", new RemotingConnectException("a:1", new IOException("refused")));
    }

    private static Throwable aclRefusedOn49() {
        return BrokerRejections.of(
                "send",
                "a:1",
                ResponseCode.SYSTEM_ERROR,
                "org.apache.rocketmq.acl.common.AclException: Check signature failed for"
                        + " accessKey=orders-app, org.apache.rocketmq.acl.X.y(X.java:1)",
                Credentials.of("orders-app", "s3cr3t-value"));
    }

    private static Throwable rejected(int code, String remark) {
        return new BrokerRejectedException("send", "a:1", code, remark);
    }
}
