package io.liftoff.producer.internal.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.LatencyTier;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import io.liftoff.producer.internal.route.PublishSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultAwareQueueSelectorTests {

    private final AtomicLong clock = new AtomicLong();
    private final LatencyFaultTolerance faults =
            new LatencyFaultTolerance(
                    LatencyTier.DEFAULTS, Duration.ofSeconds(3), clock::get, true);
    private final FaultAwareQueueSelector selector = new FaultAwareQueueSelector(faults);

    private final PublishSnapshot snapshot =
            PublishSnapshot.of(
                    "t",
                    new TopicRouteData(
                            List.of(
                                    new TopicRouteData.QueueData("a", 2, 2, 6, 0),
                                    new TopicRouteData.QueueData("b", 1, 1, 6, 0),
                                    new TopicRouteData.QueueData("c", 1, 1, 6, 0)),
                            List.of(
                                    new TopicRouteData.BrokerData("x", "a", Map.of(0L, "a:1")),
                                    new TopicRouteData.BrokerData("x", "b", Map.of(0L, "b:1")),
                                    new TopicRouteData.BrokerData("x", "c", Map.of(0L, "c:1"))),
                            null));

    @Test
    void selectShouldVisitEveryQueueInTurn() {
        List<MessageQueue> picked = picks(8, null);

        assertThat(picked.subList(0, 4)).containsExactlyElementsOf(snapshot.queues());
        assertThat(picked.subList(4, 8)).containsExactlyElementsOf(snapshot.queues());
    }

    @Test
    void selectWhenFaultToleranceIsDisabledShouldBeAPlainRoundRobin() {
        FaultAwareQueueSelector plain =
                new FaultAwareQueueSelector(LatencyFaultTolerance.disabled());
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);

        List<MessageQueue> picked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picked.add(plain.select(snapshot, null));
        }

        assertThat(picked).containsExactlyElementsOf(snapshot.queues());
    }

    @Test
    void selectWhenCounterWrapsShouldStayInRange() {
        selector.resetCounter("t", Integer.MAX_VALUE - 2);

        assertThat(picks(10, null)).allMatch(snapshot.queues()::contains);
    }

    @Test
    void selectWhenAvoidingTheFailedBrokerShouldPickAnother() {
        assertThat(picks(8, "a")).extracting(MessageQueue::brokerName).doesNotContain("a");
    }

    @Test
    void selectWhenOnlyTheFailedBrokerExistsShouldStillPickIt() {
        PublishSnapshot single =
                PublishSnapshot.of(
                        "s",
                        new TopicRouteData(
                                List.of(new TopicRouteData.QueueData("a", 1, 1, 6, 0)),
                                List.of(new TopicRouteData.BrokerData("x", "a", Map.of(0L, "a:1"))),
                                null));

        assertThat(selector.select(single, "a").brokerName()).isEqualTo("a");
    }

    @Test
    void selectWhenABrokerIsIsolatedShouldSkipIt() {
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);

        assertThat(picks(8, null))
                .extracting(MessageQueue::brokerName)
                .containsOnly("b", "c")
                .contains("b", "c");
    }

    @Test
    void selectWhenOnlyTheFailedBrokerIsUsableShouldRetryThere() {
        faults.record("b", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        faults.record("c", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);

        assertThat(selector.select(snapshot, "a").brokerName()).isEqualTo("a");
    }

    @Test
    void selectWhenEveryBrokerIsIsolatedShouldPickTheLeastBad() {
        faults.record("c", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        faults.record("b", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);

        assertThat(picks(4, null)).extracting(MessageQueue::brokerName).containsOnly("c");
        // the least bad other than the broker that just failed
        assertThat(selector.select(snapshot, "c").brokerName()).isIn("a", "b");
    }

    @Test
    void selectWhenIsolationEndsShouldSendOneProbeThere() {
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);
        clock.addAndGet(Duration.ofSeconds(10).toNanos());

        List<String> brokers = picks(8, null).stream().map(MessageQueue::brokerName).toList();

        assertThat(brokers).filteredOn("a"::equals).hasSize(1);
    }

    @Test
    void selectWhenABrokersWindowIsFullShouldPreferBrokersWithRoom() {
        Set<String> full = new HashSet<>(Set.of("a"));
        FaultAwareQueueSelector windowed =
                new FaultAwareQueueSelector(faults, broker -> !full.contains(broker));

        assertThat(picks(windowed, 8, null))
                .extracting(MessageQueue::brokerName)
                .containsOnly("b", "c")
                .contains("b", "c");
        // a flow-control retry goes elsewhere with room, not back to the full broker
        assertThat(picks(windowed, 8, "b")).extracting(MessageQueue::brokerName).containsOnly("c");

        full.addAll(Set.of("b", "c"));
        // no room anywhere: the send waits at a usable broker other than the failed one
        assertThat(picks(windowed, 8, "a"))
                .extracting(MessageQueue::brokerName)
                .containsOnly("b", "c");
        assertThat(picks(windowed, 8, null))
                .extracting(MessageQueue::brokerName)
                .contains("a", "b", "c");
    }

    @Test
    void selectWhenOnlyTheFailedBrokerHasRoomShouldRetryThereRatherThanWait() {
        FaultAwareQueueSelector windowed =
                new FaultAwareQueueSelector(faults, broker -> broker.equals("a"));

        assertThat(picks(windowed, 4, "a")).extracting(MessageQueue::brokerName).containsOnly("a");
    }

    @Test
    void selectWhenAFullBrokerIsIsolatedShouldStillSkipIt() {
        FaultAwareQueueSelector windowed = new FaultAwareQueueSelector(faults, broker -> false);
        faults.record("a", Duration.ofMillis(1).toNanos(), Outcome.UNAVAILABLE);

        assertThat(picks(windowed, 8, null))
                .extracting(MessageQueue::brokerName)
                .containsOnly("b", "c");
    }

    private List<MessageQueue> picks(int count, String failedBroker) {
        return picks(selector, count, failedBroker);
    }

    private List<MessageQueue> picks(
            FaultAwareQueueSelector selector, int count, String failedBroker) {
        List<MessageQueue> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(selector.select(snapshot, failedBroker));
        }
        return picked;
    }
}
