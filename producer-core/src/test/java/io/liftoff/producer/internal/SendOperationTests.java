package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.AccessDenial;
import io.liftoff.producer.AccessDeniedException;
import io.liftoff.producer.BrokerBusyException;
import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.Credentials;
import io.liftoff.producer.LatencyTier;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.SendTimeoutException;
import io.liftoff.producer.internal.fault.LatencyFaultTolerance;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.RemotingConnectException;
import io.liftoff.producer.internal.remoting.WritableBody;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The retry rules of one send, with scripted attempt outcomes: these are the faults a real broker
 * cannot be made to produce on demand (flush timeouts, busy answers in a given order).
 */
class SendOperationTests {

    private static final PreparedMessage MESSAGE =
            PreparedMessage.single("t", "ID", "", WritableBody.of(new byte[] {1}), 0, 0);

    private final List<String> brokersTried = new ArrayList<>();
    private final Deque<Supplier<CompletableFuture<SendResult>>> script = new ArrayDeque<>();
    private final List<Duration> timeouts = new ArrayList<>();
    private boolean sameBroker;
    private final List<Duration> backOffs = new ArrayList<>();
    private final Map<String, SendWindow> windows = new HashMap<>();

    @Test
    void startWhenRetryableCodeShouldRetryOnAnotherBroker() throws Exception {
        script.add(() -> rejected(ResponseCode.TOPIC_NOT_EXIST));
        script.add(() -> stored(SendStatus.SEND_OK));

        SendOperation operation = operation(2, false);
        SendResult result = operation.outcome().get();

        assertThat(operation.attempts()).isEqualTo(2);

        assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(brokersTried).containsExactly("a", "b");
    }

    @Test
    void startWhenCodeIsNotRetryableShouldFailAtOnce() {
        script.add(() -> rejected(ResponseCode.MESSAGE_ILLEGAL));

        assertThat(start(2, false))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(BrokerRejectedException.class);
        assertThat(brokersTried).hasSize(1);
    }

    @Test
    void startWhenAclRefusesShouldFailAtOnceSinceEveryBrokerWouldRefuseAlike() {
        script.add(
                () ->
                        CompletableFuture.failedFuture(
                                new AccessDeniedException(
                                        "send",
                                        "a:1",
                                        ResponseCode.NO_PERMISSION,
                                        "check signature failed.",
                                        AccessDenial.AUTHENTICATION,
                                        Credentials.of("orders-app", "s3cr3t-value"))));
        script.add(() -> stored(SendStatus.SEND_OK));

        assertThat(start(2, false))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(AccessDeniedException.class)
                .withMessageContaining("access key 'orders-app'")
                .satisfies(e -> assertThat(e.toString()).doesNotContain("s3cr3t-value"));
        assertThat(brokersTried).hasSize(1);
    }

    @Test
    void startWhenBrokerShedsLoadShouldTryAgainWithoutSpendingARetryOrBackingOff()
            throws Exception {
        script.add(() -> rejected(ResponseCode.SYSTEM_BUSY));
        script.add(() -> rejected(ResponseCode.SYSTEM_BUSY));
        script.add(() -> stored(SendStatus.SEND_OK));

        SendOperation operation = operation(0, false);

        assertThat(operation.outcome().get().status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(operation.attempts()).isEqualTo(3);
        assertThat(brokersTried).containsExactly("a", "b", "a");
        // the windows pace the sends, not a back-off of each: each halved once
        assertThat(backOffs).isEmpty();
        for (String broker : List.of("a", "b")) {
            assertThat(window(broker).status().flowControlAnswers()).isOne();
            assertThat(window(broker).status().limit()).isEqualTo(SendWindow.INITIAL_LIMIT / 2);
            assertThat(window(broker).status().inFlight()).isZero();
        }
    }

    @Test
    void startWhenBrokerShedsLoadUntilTheBudgetIsSpentShouldSaySoAndWhatToChange() {
        List<Runnable> later = new ArrayList<>();
        List<Duration> delays = new ArrayList<>();
        SendOperation.Delays manual =
                (task, delay) -> {
                    later.add(task);
                    delays.add(delay);
                };
        windows.put("a", new SendWindow("a", 100, Runnable::run, manual, new SendBacklog()));
        for (int i = 0; i < 100; i++) {
            script.add(() -> rejected(ResponseCode.SYSTEM_BUSY));
        }
        SendOperation operation =
                start(
                        MESSAGE,
                        (topic, failedBroker) ->
                                new SendOperation.Target(
                                        new MessageQueue("t", "a", 0), "a:1", window("a"), false),
                        (message, queue, address, timeout, attempt) ->
                                tell(script.removeFirst().get(), attempt),
                        manual,
                        new RetryPolicy(3, Duration.ofSeconds(5), null, false));

        // 32 -> 16 -> 8 -> 4 -> 2 -> 1, then a pause at the floor; the send waits for room
        assertThat(operation.attempts()).isEqualTo(6);
        assertThat(window("a").status().waiting()).isOne();
        assertThat(operation.outcome()).isNotDone();
        // the pause (10 ms) and the expiry at the deadline (~5 s) wait on the timer
        assertThat(delays).hasSize(2);
        assertThat(delays.get(0)).isEqualTo(Duration.ofMillis(10));
        assertThat(delays.get(1)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));

        later.get(1).run();

        assertThat(operation.outcome())
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(
                        BrokerBusyException.class,
                        busy -> {
                            assertThat(busy.brokerName()).isEqualTo("a");
                            assertThat(busy.flowControlAnswers()).isEqualTo(6);
                            assertThat(busy.mayBeStored()).isFalse();
                            assertThat(busy.responseCode()).isEqualTo(ResponseCode.SYSTEM_BUSY);
                            assertThat(busy.getSuppressed()).isEmpty();
                        })
                .withMessageContaining("5000 ms budget (sendTimeout)")
                .withMessageContaining("broker a (a:1) is shedding load")
                .withMessageContaining("with flow control 6 times")
                .withMessageContaining("The message was not stored")
                .withMessageContaining("maxInFlightMessages");
        assertThat(window("a").status().waiting()).isZero();
        // the pause ending later finds no one waiting
        later.get(0).run();
        assertThat(window("a").status().inFlight()).isZero();
    }

    @Test
    void startWhenBrokerGoesAwayShouldRetryAfterABackOff() throws Exception {
        script.add(() -> rejected(ResponseCode.GO_AWAY));
        script.add(() -> rejected(ResponseCode.GO_AWAY));
        script.add(() -> stored(SendStatus.SEND_OK));

        assertThat(start(2, false).get().status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(brokersTried).hasSize(3);
        // doubling back-offs, each with jitter in its upper half
        assertThat(backOffs).hasSize(2);
        assertThat(backOffs.get(0)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(backOffs.get(1)).isBetween(Duration.ofMillis(20), Duration.ofMillis(40));
    }

    @Test
    void startWhenTheOnlyBrokerIsUnreachableShouldRetryAfterAPauseOnTheAddressTheRouteNamesThen()
            throws Exception {
        List<String> routeAddresses = new ArrayList<>(List.of("a:1", "a:1", "a:2"));
        List<String> addressesTried = new ArrayList<>();
        script.add(() -> connectionLost());
        script.add(() -> connectionLost());
        script.add(() -> stored(SendStatus.SEND_OK));

        SendResult result =
                start(
                                MESSAGE,
                                (topic, failedBroker) ->
                                        new SendOperation.Target(
                                                new MessageQueue("t", "a", 0),
                                                routeAddresses.remove(0),
                                                window("a"),
                                                true),
                                (message, queue, address, timeout, attempt) -> {
                                    addressesTried.add(address);
                                    tell(script.removeFirst().get(), attempt);
                                },
                                (task, delay) -> {
                                    backOffs.add(delay);
                                    task.run();
                                },
                                new RetryPolicy(3, Duration.ofSeconds(3), null, false))
                        .outcome()
                        .get();

        // a master elected in the old one's place: the last retry goes to its address
        assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(addressesTried).containsExactly("a:1", "a:1", "a:2");
        // each pause a share of the budget left, so that a route refresh can come in between
        assertThat(backOffs).hasSize(2);
        assertThat(backOffs.get(0)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(1));
        assertThat(backOffs.get(1)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(1));
    }

    @Test
    void startWhenGoingAwayBrokerCannotBeWaitedForShouldFailWithItsAnswer() {
        script.add(() -> rejected(ResponseCode.GO_AWAY));
        CompletableFuture<SendResult> outcome =
                start(
                                MESSAGE,
                                (topic, failedBroker) ->
                                        new SendOperation.Target(
                                                new MessageQueue("t", "a", 0),
                                                "a:1",
                                                window("a"),
                                                false),
                                (message, queue, address, timeout, attempt) ->
                                        tell(script.removeFirst().get(), attempt),
                                (task, delay) -> {
                                    throw new IllegalStateException("closed");
                                },
                                new RetryPolicy(3, Duration.ofSeconds(5), null, false))
                        .outcome();

        assertThat(outcome)
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(BrokerRejectedException.class);
    }

    @Test
    void startWhenAttemptTimesOutShouldRetryOnAnotherBroker() throws Exception {
        script.add(() -> timedOut());
        script.add(() -> stored(SendStatus.SEND_OK));

        assertThat(start(2, false).get().status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(brokersTried).containsExactly("a", "b");
    }

    @Test
    void startWhenLastAttemptTimesOutShouldFailWithTheTimeout() {
        for (int i = 0; i < 3; i++) {
            script.add(() -> timedOut());
        }

        assertThat(start(2, false))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(SendTimeoutException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
        assertThat(brokersTried).hasSize(3);
    }

    @Test
    void startShouldGiveEachAttemptAFairShareOfTheRemainingBudget() throws Exception {
        script.add(() -> refused());
        script.add(() -> refused());
        script.add(() -> stored(SendStatus.SEND_OK));

        operation(2, false, Duration.ofSeconds(30), null).outcome().get();

        // 30 s for three attempts; the failures were instant, so the last gets nearly all 30 s
        assertThat(timeouts.get(0))
                .isLessThanOrEqualTo(Duration.ofSeconds(10))
                .isGreaterThan(Duration.ofSeconds(9));
        assertThat(timeouts.get(1))
                .isLessThanOrEqualTo(Duration.ofSeconds(15))
                .isGreaterThan(Duration.ofSeconds(14));
        assertThat(timeouts.get(2))
                .isLessThanOrEqualTo(Duration.ofSeconds(30))
                .isGreaterThan(Duration.ofSeconds(29));
    }

    @Test
    void startWhenRetryCanOnlyGoToTheSameBrokerShouldGiveTheAttemptAllTheBudget() throws Exception {
        sameBroker = true;
        script.add(() -> timedOut());
        script.add(() -> stored(SendStatus.SEND_OK));

        operation(2, false, Duration.ofSeconds(30), null).outcome().get();

        // a slow only broker is waited for, not timed out after a third and sent to again
        assertThat(timeouts.get(0))
                .isLessThanOrEqualTo(Duration.ofSeconds(30))
                .isGreaterThan(Duration.ofSeconds(29));
    }

    @Test
    void startWhenAttemptTimeoutIsSetShouldUseItForEveryAttempt() throws Exception {
        script.add(() -> refused());
        script.add(() -> stored(SendStatus.SEND_OK));

        operation(2, false, Duration.ofSeconds(30), Duration.ofMillis(700)).outcome().get();

        assertThat(timeouts).containsExactly(Duration.ofMillis(700), Duration.ofMillis(700));
    }

    @Test
    void startWhenAttemptThrowsShouldRetryAndNeverLeaveTheOutcomePending() throws Exception {
        script.add(
                () -> {
                    throw new IllegalArgumentException("address 'x' must be host:port");
                });
        script.add(() -> stored(SendStatus.SEND_OK));

        assertThat(start(2, false).get().status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(brokersTried).containsExactly("a", "b");
    }

    @Test
    void startWhenRetriesRunOutShouldSayHowManyAttemptsFailed() {
        for (int i = 0; i < 3; i++) {
            script.add(() -> refused());
        }

        assertThat(start(2, false))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .withMessageContaining("failed after 3 attempt(s)")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
    }

    @Test
    void startWhenNotStoredOkShouldReturnItUnlessRetryIsAskedFor() throws Exception {
        script.add(() -> stored(SendStatus.FLUSH_DISK_TIMEOUT));
        assertThat(start(2, false).get().status()).isEqualTo(SendStatus.FLUSH_DISK_TIMEOUT);
        assertThat(brokersTried).hasSize(1);

        brokersTried.clear();
        script.add(() -> stored(SendStatus.FLUSH_DISK_TIMEOUT));
        script.add(() -> stored(SendStatus.SEND_OK));
        assertThat(start(2, true).get().status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(brokersTried).containsExactly("a", "b");

        brokersTried.clear();
        for (int i = 0; i < 3; i++) {
            script.add(() -> stored(SendStatus.SLAVE_NOT_AVAILABLE));
        }
        assertThat(start(2, true).get().status()).isEqualTo(SendStatus.SLAVE_NOT_AVAILABLE);
        assertThat(brokersTried).hasSize(3);
    }

    @Test
    void attemptedShouldRecordHowEachAttemptEndedBeforeTheNextStarts() throws Exception {
        List<String> events = new ArrayList<>();
        List<CompletableFuture<SendResult>> outcomes =
                new ArrayList<>(
                        List.of(
                                rejected(ResponseCode.TOPIC_NOT_EXIST),
                                stored(SendStatus.SEND_OK)));
        SendOperation.Engine engine =
                new SendOperation.Engine(
                        (message, queue, address, timeoutNanos, operation) -> {
                            events.add("send " + queue.brokerName());
                            tell(outcomes.remove(0), operation);
                        },
                        new AttemptRecorder(
                                LatencyFaultTolerance.disabled(),
                                (topic, suspect) -> events.add("refresh " + topic)),
                        (task, delay) -> task.run(),
                        new InFlightSends(10, 1_000));
        SendOperation operation =
                new SendOperation(
                        engine,
                        MESSAGE,
                        (topic, failedBroker) ->
                                new SendOperation.Target(
                                        new MessageQueue("t", failedBroker == null ? "a" : "b", 0),
                                        "x:1",
                                        window(failedBroker == null ? "a" : "b"),
                                        false),
                        new RetryPolicy(3, Duration.ofSeconds(5), null, false),
                        0,
                        Runnable::run);
        operation.start();

        assertThat(operation.outcome().get().status()).isEqualTo(SendStatus.SEND_OK);
        // the stale route is asked for again before the retry chooses its broker
        assertThat(events).containsExactly("send a", "refresh t", "send b");
    }

    @Test
    void startWhenTheSenderThrowsShouldFailTheAttemptWithoutBlamingTheBroker() {
        LatencyFaultTolerance faults =
                LatencyFaultTolerance.of(LatencyTier.DEFAULTS, Duration.ofSeconds(3));
        SendOperation.Engine engine =
                new SendOperation.Engine(
                        (message, queue, address, timeoutNanos, operation) -> {
                            throw new IllegalStateException("refused before the wire");
                        },
                        new AttemptRecorder(faults, (topic, suspect) -> {}),
                        (task, delay) -> task.run(),
                        new InFlightSends(10, 1_000));
        SendOperation operation =
                new SendOperation(
                        engine,
                        MESSAGE,
                        (topic, failedBroker) ->
                                new SendOperation.Target(
                                        new MessageQueue("t", "a", 0), "a:1", window("a"), false),
                        new RetryPolicy(1, Duration.ofSeconds(5), null, false),
                        0,
                        Runnable::run);
        operation.start();

        assertThat(operation.outcome())
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .withMessageContaining("refused before the wire");
        // it never reached the broker, so it says nothing of the broker
        assertThat(faults.isIsolated("a")).isFalse();
    }

    private CompletableFuture<SendResult> start(int retries, boolean retryNotStoredOk) {
        return operation(retries, retryNotStoredOk).outcome();
    }

    private SendOperation operation(int retries, boolean retryNotStoredOk) {
        return operation(retries, retryNotStoredOk, Duration.ofSeconds(5), null);
    }

    private SendOperation operation(
            int retries, boolean retryNotStoredOk, Duration budget, Duration attemptTimeout) {
        return start(
                MESSAGE,
                (topic, failedBroker) -> {
                    String broker = "b".equals(failedBroker) || failedBroker == null ? "a" : "b";
                    return new SendOperation.Target(
                            new MessageQueue("t", broker, 0),
                            broker + ":1",
                            window(broker),
                            sameBroker);
                },
                (message, queue, address, timeoutNanos, operation) -> {
                    brokersTried.add(queue.brokerName());
                    timeouts.add(Duration.ofNanos(timeoutNanos));
                    tell(script.removeFirst().get(), operation);
                },
                (task, delay) -> {
                    backOffs.add(delay);
                    task.run();
                },
                new RetryPolicy(retries + 1, budget, attemptTimeout, retryNotStoredOk));
    }

    /** Starts an operation that holds no in-flight room and completes its outcome in place. */
    private static SendOperation start(
            PreparedMessage message,
            SendOperation.Targets targets,
            SendOperation.Attempt sender,
            SendOperation.Delays delays,
            RetryPolicy policy) {
        SendOperation operation =
                new SendOperation(
                        Engines.scripted(sender, delays),
                        message,
                        targets,
                        policy,
                        0,
                        Runnable::run);
        operation.start();
        return operation;
    }

    /** The window of {@code broker}: a generous ceiling, grants run in place. */
    private SendWindow window(String broker) {
        return windows.computeIfAbsent(
                broker,
                name ->
                        new SendWindow(
                                name,
                                10_000,
                                Runnable::run,
                                (task, delay) -> task.run(),
                                new SendBacklog()));
    }

    /** Tells {@code operation} the scripted outcome once it is in. */
    static void tell(CompletableFuture<SendResult> outcome, SendOperation operation) {
        outcome.whenComplete(
                (result, failure) -> operation.attempted(result, (RuntimeException) failure));
    }

    private static CompletableFuture<SendResult> timedOut() {
        return CompletableFuture.failedFuture(
                new SendTimeoutException("timed out", Duration.ofSeconds(1), null));
    }

    private static CompletableFuture<SendResult> connectionLost() {
        return CompletableFuture.failedFuture(
                new ProducerException(
                        "send failed",
                        new RemotingConnectException("a:1", "connection refused", null)));
    }

    private static CompletableFuture<SendResult> refused() {
        return CompletableFuture.failedFuture(new ProducerException("connection refused"));
    }

    private static CompletableFuture<SendResult> rejected(int code) {
        return CompletableFuture.failedFuture(
                new BrokerRejectedException("send", "a:1", code, "scripted"));
    }

    private static CompletableFuture<SendResult> stored(SendStatus status) {
        return CompletableFuture.completedFuture(
                new SendResult(
                        status, "ID", "OFFSET", new MessageQueue("t", "a", 0), 0, null, "r", null));
    }
}
