package io.liftoff.producer.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.protocol.TopicRouteData;
import io.liftoff.producer.route.MessageQueue;
import io.liftoff.producer.route.PublishSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundRobinQueueSelectorTests {

    private final RoundRobinQueueSelector selector = new RoundRobinQueueSelector();

    private final PublishSnapshot snapshot =
            PublishSnapshot.of(
                    "t",
                    new TopicRouteData(
                            List.of(
                                    new TopicRouteData.QueueData("a", 2, 2, 6, 0),
                                    new TopicRouteData.QueueData("b", 1, 1, 6, 0)),
                            List.of(
                                    new TopicRouteData.BrokerData("c", "a", Map.of(0L, "a:1")),
                                    new TopicRouteData.BrokerData("c", "b", Map.of(0L, "b:1"))),
                            null));

    @Test
    void selectShouldVisitEveryQueueInTurn() {
        List<MessageQueue> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picked.add(selector.select(snapshot, null));
        }

        assertThat(picked.subList(0, 3)).containsExactlyElementsOf(snapshot.queues());
        assertThat(picked.subList(3, 6)).containsExactlyElementsOf(snapshot.queues());
    }

    @Test
    void selectWhenCounterWrapsShouldStayInRange() {
        selector.resetCounter("t", Integer.MAX_VALUE - 2);

        for (int i = 0; i < 10; i++) {
            assertThat(snapshot.queues()).contains(selector.select(snapshot, null));
        }
    }

    @Test
    void selectWhenAvoidingABrokerShouldPickAnother() {
        for (int i = 0; i < 6; i++) {
            assertThat(selector.select(snapshot, "a").brokerName()).isEqualTo("b");
        }
    }

    @Test
    void selectWhenOnlyTheAvoidedBrokerExistsShouldStillPickIt() {
        PublishSnapshot single =
                PublishSnapshot.of(
                        "s",
                        new TopicRouteData(
                                List.of(new TopicRouteData.QueueData("a", 1, 1, 6, 0)),
                                List.of(new TopicRouteData.BrokerData("c", "a", Map.of(0L, "a:1"))),
                                null));

        assertThat(selector.select(single, "a").brokerName()).isEqualTo("a");
    }
}
