package io.liftoff.producer.internal.remoting;

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
            new RequestTimeouts(new DefaultThreadFactory("test-timer", true), Runnable::run);
    private final ResponseFuture response = new ResponseFuture();

    @AfterEach
    void tearDown() {
        timeouts.close();
    }

    @Test
    void scheduleWhenTimeoutElapsesShouldRemoveAndFailTheRequest() {
        PendingRequest request =
                new PendingRequest(
                        pending, 7, 310, Frames.ADDRESS, Duration.ofMillis(20).toNanos(), response);
        pending.add(request);

        timeouts.schedule(request);

        assertThat(response)
                .failsWithin(FakeServer.WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(RemotingTimeoutException.class)
                .withMessage("request code 310 to 127.0.0.1:10911 timed out after 20 ms");
        assertThat(pending.size()).isZero();
    }

    @Test
    void completionShouldCancelTheTimeout() {
        PendingRequest request =
                new PendingRequest(
                        pending, 8, 310, Frames.ADDRESS, Duration.ofMinutes(5).toNanos(), response);
        pending.add(request);
        timeouts.schedule(request);

        // as the response router does: whoever removes the request completes it
        pending.remove(8).complete(Command.response(0, null, Map.of(), null));

        assertThat(request.expiry().isCancelled()).isTrue();
        assertThat(response).isCompleted();
    }

    @Test
    void scheduleWhenRequestAlreadyCompletedShouldCancelTheTimeoutAtOnce() {
        PendingRequest request =
                new PendingRequest(
                        pending, 9, 310, Frames.ADDRESS, Duration.ofMinutes(5).toNanos(), response);
        request.fail(new IllegalStateException("failed before scheduling"));

        timeouts.schedule(request);

        assertThat(request.expiry().isCancelled()).isTrue();
    }

    @Test
    void abandoningTheRequestShouldFreeTheEntryAndItsTimeout() {
        PendingRequest request =
                new PendingRequest(
                        pending,
                        10,
                        310,
                        Frames.ADDRESS,
                        Duration.ofMinutes(5).toNanos(),
                        response);
        pending.add(request);
        timeouts.schedule(request);

        request.abandon();

        assertThat(request.expiry().isCancelled()).isTrue();
        assertThat(pending.size()).isZero();
    }
}
