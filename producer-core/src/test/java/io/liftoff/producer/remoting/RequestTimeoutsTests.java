package io.liftoff.producer.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestTimeoutsTests {

    private final PendingRequests pending = new PendingRequests();
    private final RequestTimeouts timeouts =
            new RequestTimeouts(
                    pending, new DefaultThreadFactory("test-timer", true), Runnable::run);

    @AfterEach
    void tearDown() {
        timeouts.close();
    }

    @Test
    void scheduleWhenTimeoutElapsesShouldRemoveAndFailTheRequest() {
        PendingRequest request = new PendingRequest(7, 310, Frames.ADDRESS, Duration.ofMillis(20));
        pending.add(request);

        timeouts.schedule(request);

        assertThat(request.future())
                .failsWithin(FakeServer.WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(RemotingTimeoutException.class)
                .withMessage("request code 310 to 127.0.0.1:10911 timed out after 20 ms");
        assertThat(pending.size()).isZero();
    }

    @Test
    void completionShouldCancelTheTimeoutAndLeaveTheTable() {
        PendingRequest request = new PendingRequest(8, 310, Frames.ADDRESS, Duration.ofMinutes(5));
        pending.add(request);
        timeouts.schedule(request);

        request.complete(Command.response(0, null, Map.of(), null));

        assertThat(request.expiry().isCancelled()).isTrue();
        assertThat(pending.size()).isZero();
    }

    @Test
    void scheduleWhenRequestAlreadyCompletedShouldCancelTheTimeoutAtOnce() {
        PendingRequest request = new PendingRequest(9, 310, Frames.ADDRESS, Duration.ofMinutes(5));
        request.fail(new IllegalStateException("failed before scheduling"));

        timeouts.schedule(request);

        assertThat(request.expiry().isCancelled()).isTrue();
    }

    @Test
    void cancellingTheFutureShouldFreeTheEntryAndItsTimeout() {
        PendingRequest request = new PendingRequest(10, 310, Frames.ADDRESS, Duration.ofMinutes(5));
        pending.add(request);
        timeouts.schedule(request);

        request.future().cancel(false);

        assertThat(request.expiry().isCancelled()).isTrue();
        assertThat(pending.size()).isZero();
    }
}
