package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.BackPressureException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendBacklogTests {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(3);

    private final SendBacklog backlog = new SendBacklog();

    @Test
    void awaitRoomWhileFewWaitShouldNotWait() {
        queue(SendBacklog.ALWAYS_ADMITTED);

        assertThat(backlog.awaitRoom(Duration.ofSeconds(7), SEND_TIMEOUT))
                .as("all of the back-pressure timeout is left")
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void awaitRoomBeforeTheDrainRateIsKnownShouldHoldSendsBeyondAFew() {
        queue(SendBacklog.ALWAYS_ADMITTED + 1);

        assertThatThrownBy(() -> backlog.awaitRoom(Duration.ZERO, SEND_TIMEOUT))
                .isInstanceOf(BackPressureException.class)
                .hasMessageContaining("brokers are shedding load: 65 sends wait for room")
                .hasMessageContaining("sendTimeout (3000 ms)")
                .hasMessageContaining("backPressureTimeout");
    }

    @Test
    void awaitRoomShouldCountSendsWaitingForTheirRouteAsWaiting() {
        for (int i = 0; i <= SendBacklog.ALWAYS_ADMITTED; i++) {
            backlog.routeLookUpStarted();
        }

        assertThatThrownBy(() -> backlog.awaitRoom(Duration.ZERO, SEND_TIMEOUT))
                .isInstanceOf(BackPressureException.class)
                .hasMessageContaining("65 sends wait for the first route look-up of their topic")
                .hasMessageContaining("name server");

        backlog.routeLookUpEnded();
        assertThat(backlog.awaitingRoute()).isEqualTo(SendBacklog.ALWAYS_ADMITTED);
        assertThat(backlog.awaitRoom(Duration.ofSeconds(7), SEND_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void awaitRoomShouldAddSendsWaitingForARouteToThoseWaitingInWindows() {
        queue(SendBacklog.ALWAYS_ADMITTED);
        backlog.routeLookUpStarted();

        assertThatThrownBy(() -> backlog.awaitRoom(Duration.ZERO, SEND_TIMEOUT))
                .isInstanceOf(BackPressureException.class)
                .hasMessageContaining(
                        "65 sends wait for room in the producer's send windows or"
                                + " for a route");
    }

    @Test
    void routeLookUpEndedShouldWakeACallerHeldForIt() throws Exception {
        for (int i = 0; i <= SendBacklog.ALWAYS_ADMITTED; i++) {
            backlog.routeLookUpStarted();
        }
        CompletableFuture<Duration> held =
                CompletableFuture.supplyAsync(
                        () -> backlog.awaitRoom(Duration.ofMinutes(1), SEND_TIMEOUT));

        backlog.routeLookUpEnded();

        assertThat(held.get(30, TimeUnit.SECONDS)).isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void awaitRoomShouldAdmitWhatDrainsInHalfASendTimeout() {
        // 100 stored in each of two 25 ms slices: 4,000 messages/s, 6,000 in 1.5 s
        long now = 0;
        backlog.stored(now);
        for (int slice = 0; slice < 2; slice++) {
            for (int i = 0; i < 100; i++) {
                now += TimeUnit.MILLISECONDS.toNanos(25) / 100;
                backlog.stored(now);
            }
        }

        queue(5_900);
        assertThatCode(() -> backlog.awaitRoom(Duration.ZERO, SEND_TIMEOUT))
                .doesNotThrowAnyException();
        queue(200);
        assertThatThrownBy(() -> backlog.awaitRoom(Duration.ZERO, SEND_TIMEOUT))
                .isInstanceOf(BackPressureException.class)
                .hasMessageContaining("6100 sends wait")
                .hasMessageContaining("about 4000 messages/s");
    }

    @Test
    void aStoredAnswerAfterAQuietSecondShouldNotCountTheQuietTimeAsSlowDraining() {
        backlog.stored(0);
        backlog.stored(TimeUnit.SECONDS.toNanos(5));
        backlog.stored(TimeUnit.SECONDS.toNanos(5) + TimeUnit.MILLISECONDS.toNanos(30));

        queue(SendBacklog.ALWAYS_ADMITTED + 1);
        // one answer in 30 ms: about 33 messages/s, 50 in half a send timeout, not 0
        assertThatThrownBy(() -> backlog.awaitRoom(Duration.ZERO, SEND_TIMEOUT))
                .hasMessageContaining("about 33 messages/s");
    }

    @Test
    void aBlockedCallerShouldGoOnOnceTheWaitingDrain() throws Exception {
        queue(SendBacklog.ALWAYS_ADMITTED + 10);
        CompletableFuture<Duration> caller =
                CompletableFuture.supplyAsync(
                        () -> backlog.awaitRoom(Duration.ofMinutes(1), SEND_TIMEOUT));

        backlog.dequeued(10);

        assertThat(caller.get(1, TimeUnit.MINUTES)).isBetween(Duration.ZERO, Duration.ofMinutes(1));
        assertThat(backlog.waiting()).isEqualTo(SendBacklog.ALWAYS_ADMITTED);
    }

    private void queue(int count) {
        for (int i = 0; i < count; i++) {
            backlog.queued();
        }
    }
}
