package io.liftoff.producer.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import io.liftoff.producer.internal.protocol.TopicRouteData.BrokerData;
import io.liftoff.producer.internal.protocol.TopicRouteData.QueueData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishSnapshotTests {

    @Test
    void ofShouldListWritableQueuesOfBrokersWithMastersSortedByBroker() {
        TopicRouteData route =
                new TopicRouteData(
                        List.of(
                                new QueueData("broker-b", 4, 2, 6, 0),
                                new QueueData("broker-a", 4, 1, 6, 0),
                                new QueueData("broker-readonly", 4, 4, 4, 0),
                                new QueueData("broker-no-master", 4, 4, 6, 0)),
                        List.of(
                                broker("broker-a", Map.of(0L, "a:1")),
                                broker("broker-b", Map.of(0L, "b:1", 1L, "b:2")),
                                broker("broker-readonly", Map.of(0L, "r:1")),
                                broker("broker-no-master", Map.of(1L, "n:2"))),
                        null);

        PublishSnapshot snapshot = PublishSnapshot.of("t", route);

        assertThat(snapshot.queues())
                .containsExactly(
                        new MessageQueue("t", "broker-a", 0),
                        new MessageQueue("t", "broker-b", 0),
                        new MessageQueue("t", "broker-b", 1));
        assertThat(snapshot.masterAddress("broker-b")).isEqualTo("b:1");
        assertThat(snapshot.masterAddress("broker-no-master")).isNull();
        assertThat(snapshot.isFromTemplate()).isFalse();
        // the read-only broker has a master but no writable queue
        assertThat(snapshot.brokerCount()).isEqualTo(2);
    }

    @Test
    void fromTemplateShouldCapQueuesPerBroker() {
        TopicRouteData template =
                new TopicRouteData(
                        List.of(new QueueData("broker-a", 8, 8, 7, 0)),
                        List.of(broker("broker-a", Map.of(0L, "a:1"))),
                        null);

        PublishSnapshot snapshot = PublishSnapshot.fromTemplate("new-topic", template, 4);

        assertThat(snapshot.queues()).hasSize(4).allMatch(q -> q.topic().equals("new-topic"));
        assertThat(snapshot.isFromTemplate()).isTrue();
        assertThat(snapshot.brokerCount()).isEqualTo(1);
    }

    @Test
    void ofWhenRouteHasOrderConfShouldFollowIt() {
        TopicRouteData route =
                new TopicRouteData(
                        List.of(),
                        List.of(broker("b", Map.of(0L, "b:1")), broker("a", Map.of(0L, "a:1"))),
                        "b:2;a:1");

        assertThat(PublishSnapshot.of("t", route).queues())
                .containsExactly(
                        new MessageQueue("t", "b", 0),
                        new MessageQueue("t", "b", 1),
                        new MessageQueue("t", "a", 0));
    }

    @Test
    void ofWhenNoBrokerIsWritableShouldBeEmpty() {
        TopicRouteData route =
                new TopicRouteData(
                        List.of(new QueueData("a", 4, 4, 4, 0)),
                        List.of(broker("a", Map.of(0L, "a:1"))),
                        null);

        assertThat(PublishSnapshot.of("t", route).isEmpty()).isTrue();
    }

    private static BrokerData broker(String name, Map<Long, String> addresses) {
        return new BrokerData("c", name, addresses);
    }
}
