package io.liftoff.producer;

import static io.liftoff.producer.Reliability.MARGIN;
import static io.liftoff.producer.Reliability.OUTCOMES_WITHIN;
import static io.liftoff.producer.Reliability.SEND_TIMEOUT;
import static io.liftoff.producer.Reliability.acknowledgedOn;
import static io.liftoff.producer.Reliability.assertDrained;
import static io.liftoff.producer.Reliability.config;
import static io.liftoff.producer.Reliability.consumeBack;
import static io.liftoff.producer.Reliability.isIsolated;
import static io.liftoff.producer.Reliability.millis;
import static io.liftoff.producer.Reliability.pendingRequests;
import static io.liftoff.producer.Reliability.readBack;
import static io.liftoff.producer.Reliability.report;
import static io.liftoff.producer.Reliability.run;
import static io.liftoff.producer.Reliability.slowest;
import static io.liftoff.producer.Reliability.snapshot;
import static io.liftoff.producer.Reliability.warmUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.SendLedger.Entry;
import io.liftoff.producer.SendLedger.Fate;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Broker faults against real processes (issue 5, scenarios 1, 2 and 4): broker-a of a {@link
 * TwoBrokerCluster} is killed (SIGKILL), frozen (SIGSTOP) and restarted while producers send. Every
 * send is classified as acknowledged, failed or unknown, and the official consumer reads everything
 * back: nothing acknowledged may be missing. The figures are printed as {@code [reliability] ...}
 * lines and kept in docs/reliability.md.
 *
 * <p>What each scenario proves about the messages (nothing acknowledged lost, every future
 * completed, the right broker) is asserted strictly. Time is asserted only loosely: each bound says
 * its goal and allows {@link Reliability#MARGIN} (10 s) beyond it, since two brokers share two
 * cores with the build, where GC pauses and CPU starvation of several seconds happen. Windows of
 * time that a property is checked in are defined by what must have happened (a signal delivered, a
 * send started after it), never by how long something should take.
 */
@ExtendWith(TwoBrokerCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerFaultIntegrationTests {

    /** Far more than the ledger and a full in-flight bound of small messages take. */
    private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;

    private static EmbeddedRocketMQ clusterA;
    private static TwoBrokerCluster.Servers servers;

    @BeforeAll
    static void cluster(TwoBrokerCluster.Servers cluster) {
        servers = cluster;
        clusterA = cluster.clusterA();
    }

    @Test
    @Order(1)
    void killWhenUnderLoadShouldLoseNothingAcknowledgedAndRecoverOnTheOtherBroker()
            throws Exception {
        String topic = servers.createTopic("kill");
        SendLedger ledger = new SendLedger(topic);
        long killedAt;
        long droppedAt;
        // no scheduled refresh during the test: only the refresh that the failed sends ask for can
        // drop broker-a, however long a loaded machine takes (the default schedule is 30 s)
        try (Producer producer =
                Producer.create(
                        config(servers, topic)
                                .routeRefreshInterval(Duration.ofMinutes(10))
                                .build())) {
            warmUp(producer, topic);
            LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 2, 64);
            run(Duration.ofMillis(1500));
            killedAt = System.nanoTime();
            clusterA.killBroker();
            // goal: a few hundred ms (see the report); the bound only keeps a failure from hanging
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(10))
                    .until(
                            () ->
                                    !snapshot(producer, topic)
                                            .masterAddresses()
                                            .containsKey("broker-a"));
            droppedAt = System.nanoTime();
            run(Duration.ofMillis(2000));
            load.stop(OUTCOMES_WITHIN);
            assertDrained(producer);
        }
        long recovered =
                ledger.firstEnd(e -> acknowledgedOn(e, "broker-b") && e.start() >= killedAt)
                        .orElseThrow();
        Duration slowest = slowest(ledger.where(e -> e.end() >= killedAt));
        List<Entry> notAcknowledged = ledger.where(e -> e.fate() != Fate.ACKNOWLEDGED);

        clusterA.restartBroker();
        SendLedger.Report outcome = readBack(clusterA.nameServerAddress(), topic, ledger);
        report(
                "kill -9 broker-a under load",
                outcome
                        + " recoveryMs="
                        + millis(killedAt, recovered)
                        + " slowestSendAfterKillMs="
                        + slowest.toMillis()
                        + " routeDroppedAfterMs="
                        + millis(killedAt, droppedAt));

        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        assertThat(outcome.strangers()).isZero();
        assertThat(notAcknowledged).allSatisfy(e -> assertThat(e.failure()).isNotNull());
        // goal: milliseconds, a send failing over at once rather than after a timeout or the next
        // scheduled route refresh (10 min here); MARGIN for the loaded machine
        assertThat(Duration.ofNanos(recovered - killedAt)).isLessThan(MARGIN);
        // goal: every send inside its budget (3 s); MARGIN for the loaded machine
        assertThat(slowest).isLessThan(SEND_TIMEOUT.plus(MARGIN));
    }

    @Test
    @Order(2)
    void restartWhenBrokerWasKilledShouldBringTrafficBackToIt() throws Exception {
        String topic = servers.createTopic("restart");
        SendLedger ledger = new SendLedger(topic);
        Duration refresh = Duration.ofSeconds(1);
        long restartedAt;
        long returned;
        try (Producer producer =
                Producer.create(config(servers, topic).routeRefreshInterval(refresh).build())) {
            warmUp(producer, topic);
            LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 1, 8);
            run(Duration.ofMillis(500));
            clusterA.killBroker();
            // preconditions, not timed: the bounds only keep a failure from hanging
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    !snapshot(producer, topic)
                                            .masterAddresses()
                                            .containsKey("broker-a"));
            clusterA.restartBroker();
            restartedAt = System.nanoTime();
            returned = ledger.awaitFirstAcknowledgedOn("broker-a", restartedAt);
            run(Duration.ofMillis(500));
            load.stop(OUTCOMES_WITHIN);
            assertDrained(producer);
        }
        SendLedger.Report outcome = readBack(clusterA.nameServerAddress(), topic, ledger);
        report(
                "restart of killed broker-a",
                outcome
                        + " trafficBackAfterRestartMs="
                        + millis(restartedAt, returned)
                        + " (routeRefreshInterval "
                        + refresh.toMillis()
                        + " ms)");

        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        // goal: one route refresh (1 s); MARGIN for the loaded machine
        assertThat(Duration.ofNanos(returned - restartedAt)).isLessThan(refresh.plus(MARGIN));
    }

    @Test
    @Order(3)
    void pauseWhenBrokerHangsShouldKeepEverySendInsideItsBudgetAndStopChoosingIt()
            throws Exception {
        String topic = servers.createTopic("hung");
        SendLedger ledger = new SendLedger(topic);
        long pausedAt;
        long stoppedAt;
        long isolatedAt;
        long resumedAt;
        long back;
        int maxInFlight = 0;
        int maxPending = 0;
        boolean brokerBSetAside = false;
        try (Producer producer = Producer.create(config(servers, topic).build())) {
            warmUp(producer, topic);
            LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 2, 128);
            run(Duration.ofMillis(1500));
            pausedAt = System.nanoTime();
            clusterA.pauseBroker();
            // kill -STOP has returned: from here until SIGCONT broker-a answers nothing, however
            // long the kill command took to start on a loaded machine
            stoppedAt = System.nanoTime();
            try {
                // a precondition, not timed here (see the assertion on isolatedAt below)
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> isIsolated(producer, "broker-a"));
                isolatedAt = System.nanoTime();
                // frozen for 4 s, and in any case until a sync send that started in the freeze has
                // ended, so that the check of syncDuringPause below has something to check
                while (System.nanoTime() - stoppedAt < Duration.ofSeconds(4).toNanos()
                        || (!syncSendEndedSince(ledger, isolatedAt)
                                && System.nanoTime() - stoppedAt
                                        < Duration.ofSeconds(60).toNanos())) {
                    maxInFlight = Math.max(maxInFlight, producer.inFlightMessages());
                    maxPending = Math.max(maxPending, pendingRequests(producer));
                    brokerBSetAside |= isIsolated(producer, "broker-b");
                    run(Duration.ofMillis(20));
                }
            } finally {
                brokerBSetAside |= isIsolated(producer, "broker-b");
                resumedAt = System.nanoTime();
                clusterA.resumeBroker();
            }
            // all normal again: broker-a gets traffic once its isolation (10 s) is over
            back = ledger.awaitFirstAcknowledgedOn("broker-a", resumedAt);
            load.stop(OUTCOMES_WITHIN);
            assertDrained(producer);
        }
        // started once broker-a was isolated and ended before it resumed: each must have been
        // stored on broker-b. (Counted from the isolation, not from kill -STOP: once, on a loaded
        // machine, broker-a still answered a send that started just after kill returned.)
        List<Entry> syncDuringPause =
                ledger.where(e -> e.isSync() && e.start() >= isolatedAt && e.end() <= resumedAt);
        List<MessageExt> consumed = consumeBack(clusterA.nameServerAddress(), topic, ledger);
        SendLedger.Report outcome = ledger.reconcile(consumed);
        // A request written to the frozen broker is stored once it resumes, so a copy on broker-a
        // shows that a send went there, whatever its latency (which the load stretches as well).
        // Checked for the sends started once broker-a was seen isolated and before the isolation
        // the freeze gave it can have ended: 10 s from an attempt the freeze timed out, and no
        // attempt can time out on the freeze before the stop.
        Set<String> storedOnBrokerA =
                consumed.stream()
                        .filter(m -> "broker-a".equals(m.getBrokerName()))
                        .map(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                        .collect(Collectors.toSet());
        long isolatedUntilAtLeast =
                Math.min(resumedAt, stoppedAt + Duration.ofSeconds(8).toNanos());
        List<Entry> sentToHungBroker =
                ledger.where(
                        e ->
                                e.start() >= isolatedAt
                                        && e.start() <= isolatedUntilAtLeast
                                        && storedOnBrokerA.contains(e.id()));
        report(
                "SIGSTOP broker-a for 4 s under load",
                outcome
                        + " isolatedAfterMs="
                        + millis(pausedAt, isolatedAt)
                        + " slowestSendMs="
                        + slowest(ledger.entries()).toMillis()
                        + " sendsToBrokerAAfterIsolation="
                        + sentToHungBroker.size()
                        + " brokerBSetAside="
                        + brokerBSetAside
                        + " maxInFlight="
                        + maxInFlight
                        + " maxPendingRequests="
                        + maxPending
                        + " backOnBrokerAAfterResumeMs="
                        + millis(resumedAt, back));

        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        // goal: every send inside its budget (3 s; about 1 s here); MARGIN for the loaded machine
        assertThat(slowest(ledger.entries())).isLessThan(SEND_TIMEOUT.plus(MARGIN));
        assertThat(ledger.where(e -> e.isSync() && e.fate() != Fate.ACKNOWLEDGED)).isEmpty();
        assertThat(syncDuringPause)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.broker()).isEqualTo("broker-b"));
        // goal: one attempt timeout (1 s, a third of the budget), not the whole budget; MARGIN
        // for the loaded machine
        assertThat(Duration.ofNanos(isolatedAt - pausedAt)).isLessThan(SEND_TIMEOUT.plus(MARGIN));
        // Once isolated, broker-a is skipped while broker-b is usable. At most one send may still
        // go there: the probe that ends an isolation broker-a was given before the freeze, when a
        // loaded machine made it slow (the probe's timeout isolates it for 10 s). When broker-b
        // was set aside too (its answers slowed by the load), the fallback to the least-bad broker
        // may pick broker-a, by design: isolation never fails a send.
        if (!brokerBSetAside) {
            assertThat(sentToHungBroker).hasSizeLessThanOrEqualTo(1);
        }
        assertThat(maxInFlight).isLessThanOrEqualTo(ProducerConfig.DEFAULT_MAX_IN_FLIGHT_MESSAGES);
        assertThat(maxPending).isLessThanOrEqualTo(ProducerConfig.DEFAULT_MAX_IN_FLIGHT_MESSAGES);
    }

    /** Whether a sync send that started at or after {@code since} has ended. */
    private static boolean syncSendEndedSince(SendLedger ledger, long since) {
        return !ledger.where(e -> e.isSync() && e.start() >= since).isEmpty();
    }

    /**
     * Without latency fault tolerance every other attempt goes to the frozen broker and waits out
     * its timeout there, so asynchronous sends pile up against a small in-flight bound for 8 s. The
     * in-flight count and the pending table must stay within the bound, and the heap, measured
     * after a full GC every second, must neither grow far beyond what it was before the freeze nor
     * keep growing. Bytes only; no timing.
     */
    @Test
    @Order(4)
    void pauseWhenAsyncSendsPileUpShouldKeepInFlightPendingAndHeapBounded() throws Exception {
        String topic = servers.createTopic("hung-heap");
        SendLedger ledger = new SendLedger(topic);
        int bound = 500;
        List<Long> heapSamples = new ArrayList<>();
        long heapBefore;
        int maxInFlight = 0;
        int maxPending = 0;
        ProducerConfig config =
                config(servers, topic)
                        .sendLatencyFaultEnable(false)
                        .maxInFlightMessages(bound)
                        .build();
        try (Producer producer = Producer.create(config)) {
            warmUp(producer, topic);
            LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 0, 4 * bound);
            run(Duration.ofSeconds(1));
            heapBefore = heapUsedAfterGc();
            clusterA.pauseBroker();
            try {
                for (int second = 0; second < 8; second++) {
                    for (int i = 0; i < 50; i++) {
                        maxInFlight = Math.max(maxInFlight, producer.inFlightMessages());
                        maxPending = Math.max(maxPending, pendingRequests(producer));
                        run(Duration.ofMillis(20));
                    }
                    heapSamples.add(heapUsedAfterGc());
                }
            } finally {
                clusterA.resumeBroker();
            }
            load.stop(OUTCOMES_WITHIN);
            assertDrained(producer);
        }
        SendLedger.Report outcome = readBack(clusterA.nameServerAddress(), topic, ledger);
        long firstHalf = Collections.max(heapSamples.subList(0, 4));
        long secondHalf = Collections.max(heapSamples.subList(4, 8));
        report(
                "async pile-up against SIGSTOP broker-a for 8 s, fault tolerance off, bound "
                        + bound,
                outcome
                        + " maxInFlight="
                        + maxInFlight
                        + " maxPendingRequests="
                        + maxPending
                        + " heapAfterGcBeforeMiB="
                        + mib(heapBefore)
                        + " heapAfterGcEverySecondMiB="
                        + heapSamples.stream().map(BrokerFaultIntegrationTests::mib).toList());

        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        assertThat(maxInFlight).isLessThanOrEqualTo(bound);
        // a send has at most one attempt pending; heartbeats and route look-ups add a few
        assertThat(maxPending).isLessThanOrEqualTo(bound + 16);
        // the ledger itself grows by about 10 MiB over the run
        assertThat(Collections.max(heapSamples) - heapBefore)
                .as("heap growth over the freeze")
                .isLessThan(HEAP_GROWTH_LIMIT);
        assertThat(secondHalf - firstHalf)
                .as("heap growth from the first to the second half of the freeze")
                .isLessThan(HEAP_GROWTH_LIMIT / 4);
    }

    /** The heap in use right after a full collection: what is still referenced. */
    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
