package io.liftoff.producer.internal.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.internal.remoting.ConnectionClosedException;
import io.liftoff.producer.internal.remoting.RemotingClient;
import io.liftoff.producer.internal.remoting.RemotingOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * First look-ups of a topic against a name server that answers only when told, so that what must
 * happen before the answer is seen by state, not by timing.
 */
class RouteCacheTests {

    /** Only a bound against hanging; nothing here is meant to take long. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String ROUTE = StalledNameServer.route("broker-a", "127.0.0.1:10911", 2);

    private final StalledNameServer nameServer = StalledNameServer.start();
    private final RemotingClient remoting =
            new RemotingClient(RemotingOptions.builder().threadNamePrefix("route-test").build());
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
    // a request timeout far beyond the test, so that only the name server decides the outcome
    private final RouteCache cache = cacheOf(nameServer.address());

    @AfterEach
    void close() {
        refresher.shutdownNow();
        remoting.close();
        nameServer.close();
    }

    @Test
    void publishInfoAsyncShouldReturnBeforeTheNameServerAnswers() throws InterruptedException {
        CompletableFuture<Optional<PublishSnapshot>> snapshot = cache.publishInfoAsync("t");

        nameServer.awaitRequests("t", 1);
        assertThat(snapshot).as("returned while the request is held").isNotDone();

        nameServer.answer(Map.of("t", ROUTE));
        assertThat(snapshot)
                .succeedsWithin(WAIT)
                .satisfies(
                        found ->
                                assertThat(found.orElseThrow().queues())
                                        .containsExactly(
                                                new MessageQueue("t", "broker-a", 0),
                                                new MessageQueue("t", "broker-a", 1)));
    }

    @Test
    void concurrentFirstCallsShouldShareOneLookUp() throws Exception {
        int callers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<CompletableFuture<Optional<PublishSnapshot>>>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(
                    () -> {
                        go.await();
                        return cache.publishInfoAsync("t");
                    });
        }
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        List<CompletableFuture<Optional<PublishSnapshot>>> snapshots = new ArrayList<>();
        try {
            List<Future<CompletableFuture<Optional<PublishSnapshot>>>> started =
                    calls.stream().map(threads::submit).toList();
            go.countDown();
            for (Future<CompletableFuture<Optional<PublishSnapshot>>> call : started) {
                snapshots.add(call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        nameServer.awaitRequests("t", 1);
        assertThat(snapshots).noneMatch(CompletableFuture::isDone);

        nameServer.answer(Map.of("t", ROUTE));

        PublishSnapshot first = snapshots.get(0).get(WAIT.toMillis(), TimeUnit.MILLISECONDS).get();
        for (CompletableFuture<Optional<PublishSnapshot>> snapshot : snapshots) {
            assertThat(snapshot).succeedsWithin(WAIT).isEqualTo(Optional.of(first));
        }
        // every future completed, so a second look-up's request would have arrived by now
        assertThat(nameServer.requests("t")).isOne();
    }

    @Test
    void publishInfoShouldShareTheLookUpUnderWay() throws Exception {
        CompletableFuture<Optional<PublishSnapshot>> async = cache.publishInfoAsync("t");
        nameServer.awaitRequests("t", 1);
        CompletableFuture<Optional<PublishSnapshot>> sync = new CompletableFuture<>();
        Thread caller = new Thread(() -> sync.complete(cache.publishInfo("t")), "sync-caller");
        caller.start();
        awaitWaiting(caller);

        nameServer.answer(Map.of("t", ROUTE));

        assertThat(sync).succeedsWithin(WAIT).isEqualTo(async.join());
        assertThat(nameServer.requests("t")).isOne();
    }

    @Test
    void publishInfoAsyncWhenCachedShouldReturnACompletedFuture() throws InterruptedException {
        nameServer.answer(Map.of("t", ROUTE));
        PublishSnapshot looked = cache.publishInfoAsync("t").join().orElseThrow();

        CompletableFuture<Optional<PublishSnapshot>> cached = cache.publishInfoAsync("t");

        assertThat(cached).isCompletedWithValue(Optional.of(looked));
        assertThat(nameServer.requests("t")).isOne();
    }

    @Test
    void publishInfoAsyncWhenTheLookUpFailsShouldFailAndTheNextCallShouldAskAgain()
            throws InterruptedException {
        CompletableFuture<Optional<PublishSnapshot>> failed = cache.publishInfoAsync("t");
        nameServer.awaitRequests("t", 1);

        nameServer.refuseHeld();

        assertThat(failed)
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(RouteLookupException.class)
                .withMessageContaining("answered SYSTEM_ERROR stalled");

        nameServer.answer(Map.of("t", ROUTE));
        assertThat(cache.publishInfoAsync("t")).succeedsWithin(WAIT).matches(Optional::isPresent);
        assertThat(nameServer.requests("t")).isEqualTo(2);
    }

    @Test
    void publishInfoAsyncWhenTheTopicHasNoRouteShouldTakeTheTemplatesQueues() {
        nameServer.answer(
                Map.of(
                        RouteCache.AUTO_CREATE_TEMPLATE_TOPIC,
                        StalledNameServer.route("broker-a", "127.0.0.1:10911", 8)));

        assertThat(cache.publishInfoAsync("new-topic"))
                .succeedsWithin(WAIT)
                .satisfies(
                        snapshot -> {
                            assertThat(snapshot.orElseThrow().isFromTemplate()).isTrue();
                            assertThat(snapshot.orElseThrow().queues()).hasSize(4);
                        });
    }

    @Test
    void publishInfoAsyncWhenNoQueueIsWritableShouldGiveAnEmptySnapshotNotTheTemplates() {
        String readOnly = ROUTE.replace("\"perm\":6", "\"perm\":4");
        nameServer.answer(
                Map.of(
                        "t",
                        readOnly,
                        RouteCache.AUTO_CREATE_TEMPLATE_TOPIC,
                        StalledNameServer.route("broker-b", "127.0.0.1:10915", 8)));

        assertThat(cache.publishInfoAsync("t"))
                .succeedsWithin(WAIT)
                .satisfies(
                        snapshot -> {
                            assertThat(snapshot.orElseThrow().isEmpty()).isTrue();
                            assertThat(snapshot.orElseThrow().readOnlyBrokers())
                                    .containsExactly("broker-a");
                        });
        // the topic exists: the official client does not send it to the template's brokers either
        assertThat(nameServer.requests(RouteCache.AUTO_CREATE_TEMPLATE_TOPIC)).isZero();
        assertThat(cache.cached("t")).isNotNull();
    }

    @Test
    void closingTheRemotingClientShouldFailPendingLookUps() throws InterruptedException {
        CompletableFuture<Optional<PublishSnapshot>> pending = cache.publishInfoAsync("t");
        nameServer.awaitRequests("t", 1);

        remoting.close();

        assertThat(pending)
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(RouteLookupException.class)
                .havingCause()
                .isInstanceOf(ConnectionClosedException.class);
        assertThat(cache.publishInfoAsync("later"))
                .as("a look-up after close fails, it does not hang")
                .failsWithin(WAIT);
    }

    @Test
    void publishInfoWhenNoNameServerAnswersShouldThrow() throws IOException {
        RouteCache unreachable = cacheOf("127.0.0.1:" + unusedPort());

        assertThatExceptionOfType(RouteLookupException.class)
                .isThrownBy(() -> unreachable.publishInfo("t"))
                .withMessageContaining("failed to connect");
    }

    private RouteCache cacheOf(String nameServerAddress) {
        return new RouteCache(
                new NameServerClient(remoting, List.of(nameServerAddress), WAIT.multipliedBy(2)),
                4,
                refresher);
    }

    /** Waits until {@code thread} blocks, which tells that it waits for something. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (thread.getState() != Thread.State.WAITING
                && thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(deadline - System.nanoTime()).as("time left to start waiting").isPositive();
            Thread.sleep(1);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
