package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.FeatureNotSupportedException;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import io.liftoff.producer.internal.protocol.TopicRouteData.BrokerData;
import io.liftoff.producer.internal.protocol.TopicRouteData.QueueData;
import io.liftoff.producer.internal.route.PublishSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Broker versions come from futures the test completes, as heartbeat answers would. */
class TimerBrokerCheckTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int V4_9_7 = 407;
    private static final int V5_3_3 = 479;

    private static final PublishSnapshot TWO_BROKERS =
            PublishSnapshot.of(
                    "t",
                    new TopicRouteData(
                            List.of(
                                    new QueueData("broker-a", 1, 1, 6, 0),
                                    new QueueData("broker-b", 1, 1, 6, 0)),
                            List.of(
                                    new BrokerData("c", "broker-a", Map.of(0L, "a:1")),
                                    new BrokerData("c", "broker-b", Map.of(0L, "b:1"))),
                            null));

    @Test
    void timerBrokersReadyWhenEveryVersionIsKnownShouldCompleteAtOnce() {
        CompletableFuture<Void> ready =
                TimerBrokerCheck.timerBrokersReady(
                        address -> CompletableFuture.completedFuture(V5_3_3), TWO_BROKERS, WAIT);

        assertThat(ready).isCompleted().isNotCompletedExceptionally();
    }

    @Test
    void timerBrokersReadyShouldNotWaitForAVersionStillUnknown() {
        CompletableFuture<Integer> versionOfB = new CompletableFuture<>();
        Map<String, CompletableFuture<Integer>> versions =
                Map.of("a:1", CompletableFuture.completedFuture(V5_3_3), "b:1", versionOfB);

        CompletableFuture<Void> ready =
                TimerBrokerCheck.timerBrokersReady(versions::get, TWO_BROKERS, WAIT);

        assertThat(ready).isNotDone();
        versionOfB.complete(V5_3_3);
        assertThat(ready).succeedsWithin(WAIT);
    }

    @Test
    void timerBrokersReadyWhenABrokerIsOlderThan5ShouldFailWithoutWaitingForTheOthers() {
        Map<String, CompletableFuture<Integer>> versions =
                Map.of(
                        "a:1",
                        CompletableFuture.completedFuture(V4_9_7),
                        "b:1",
                        new CompletableFuture<>());

        CompletableFuture<Void> ready =
                TimerBrokerCheck.timerBrokersReady(versions::get, TWO_BROKERS, WAIT);

        assertThat(ready)
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isExactlyInstanceOf(FeatureNotSupportedException.class)
                .withMessage(
                        "broker broker-a (a:1) speaks RocketMQ protocol version 407, older than"
                                + " 5.0: it ignores deliverAt/deliverAfter and would deliver the"
                                + " message to topic 't' at once. Use delayLevel, or brokers of"
                                + " 5.0 or later");
    }

    @Test
    void timerBrokersReadyWhenAVersionIsNotLearntInTimeShouldFailAndLeaveTheVersionPending() {
        CompletableFuture<Integer> never = new CompletableFuture<>();

        CompletableFuture<Void> ready =
                TimerBrokerCheck.timerBrokersReady(
                        address -> never, TWO_BROKERS, Duration.ofMillis(20));

        assertThat(ready)
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isExactlyInstanceOf(ProducerException.class)
                .withMessageMatching(
                        "cannot learn the version of broker [ab]:1 to check it supports timer"
                                + " messages: no answer within 20 ms");
        assertThat(never).as("the heartbeat's own future, shared").isNotDone();
    }

    @Test
    void timerBrokersReadyWhenAVersionCannotBeLearntShouldSayWhy() {
        IllegalStateException down = new IllegalStateException("connection refused");

        assertThat(
                        TimerBrokerCheck.timerBrokersReady(
                                address -> CompletableFuture.failedFuture(down), TWO_BROKERS, WAIT))
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(ProducerException.class)
                .withMessageMatching(
                        "cannot learn the version of broker [ab]:1 to check it supports timer"
                                + " messages: java.lang.IllegalStateException: connection refused")
                .withCause(down);
    }
}
