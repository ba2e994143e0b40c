package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CallbackExecutorTests {

    private static final Duration BOUND = Duration.ofMinutes(1);

    @Test
    void shutdownShouldReturnOnlyOnceTheQueuedCompletionsRan() throws Exception {
        CallbackExecutor callbacks = CallbackExecutor.of(null, "g");
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean lastRan = new AtomicBoolean();
        callbacks.execute(() -> awaitQuietly(release));
        callbacks.execute(() -> awaitQuietly(release));
        callbacks.execute(() -> lastRan.set(true));

        CompletableFuture<Boolean> closing =
                CompletableFuture.supplyAsync(
                        () -> {
                            callbacks.shutdown(BOUND);
                            return lastRan.get();
                        });
        release.countDown();

        assertThat(closing.get(BOUND.toSeconds(), TimeUnit.SECONDS))
                .as("every completion ran before shutdown returned")
                .isTrue();
    }

    @Test
    void shutdownFromACallbackShouldNotWaitForItself() throws Exception {
        CallbackExecutor callbacks = CallbackExecutor.of(null, "g");
        CompletableFuture<Void> callback = new CompletableFuture<>();

        callbacks.execute(
                () -> {
                    callbacks.shutdown(BOUND);
                    callback.complete(null);
                });

        assertThat(callback).succeedsWithin(BOUND);
    }

    @Test
    void shutdownShouldLeaveAUsersExecutorRunning() {
        ExecutorService users = Executors.newSingleThreadExecutor();
        try {
            CallbackExecutor.of(users, "g").shutdown(BOUND);

            assertThat(users.isShutdown()).isFalse();
        } finally {
            users.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
