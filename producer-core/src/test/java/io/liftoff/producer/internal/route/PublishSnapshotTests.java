package io.liftoff.producer.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ShardingKeyQueueSelector;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import io.liftoff.producer.internal.protocol.TopicRouteData.BrokerData;
import io.liftoff.producer.internal.protocol.TopicRouteData.QueueData;
import io.liftoff.producer.internal.protocol.TopicRouteData.QueueMapping;
import io.liftoff.producer.message.Message;
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

    @Test
    void ofWhenABrokerIsReadOnlyShouldLeaveItOutOfNormalAndOrderlyTargets() {
        // what the name server serves after wipeWritePerm of broker-a: perm 4 (read only)
        TopicRouteData route =
                new TopicRouteData(
                        List.of(
                                new QueueData("broker-a", 4, 4, 4, 0),
                                new QueueData("broker-b", 4, 4, 6, 0)),
                        List.of(
                                broker("broker-a", Map.of(0L, "a:1")),
                                broker("broker-b", Map.of(0L, "b:1"))),
                        null);

        PublishSnapshot snapshot = PublishSnapshot.of("t", route);

        assertThat(snapshot.queues()).extracting(MessageQueue::brokerName).containsOnly("broker-b");
        assertThat(snapshot.readOnlyBrokers()).containsExactly("broker-a");
        // the address stays known: transactions and recalls on broker-a still reach it
        assertThat(snapshot.masterAddress("broker-a")).isEqualTo("a:1");
        // orderly sends choose among the writable queues only, as the official client's
        // MessageQueueSelector does: every key lands on broker-b while broker-a is read-only
        ShardingKeyQueueSelector orderly = new ShardingKeyQueueSelector();
        for (int key = 0; key < 100; key++) {
            Message message =
                    Message.builder("t").body(new byte[] {1}).shardingKey("key-" + key).build();
            assertThat(orderly.select(snapshot.queues(), message).brokerName())
                    .isEqualTo("broker-b");
        }
    }

    @Test
    void ofWhenNoBrokerIsWritableShouldNameTheReadOnlyBrokers() {
        TopicRouteData route =
                new TopicRouteData(
                        List.of(
                                new QueueData("broker-b", 4, 4, 4, 0),
                                new QueueData("broker-a", 4, 4, 0, 0)),
                        List.of(
                                broker("broker-a", Map.of(0L, "a:1")),
                                broker("broker-b", Map.of(0L, "b:1"))),
                        null);

        PublishSnapshot snapshot = PublishSnapshot.of("t", route);

        assertThat(snapshot.isEmpty()).isTrue();
        assertThat(snapshot.readOnlyBrokers()).containsExactly("broker-a", "broker-b");
        assertThat(snapshot.masterAddresses()).containsOnlyKeys("broker-a", "broker-b");
    }

    @Test
    void ofWhenTopicIsStaticShouldListLogicalQueuesOnTheBrokerOfTheNewestMapping() {
        // logical queue 1 moved from broker-a to broker-b: both still list it, broker-b with the
        // newer epoch; logical queue 3 is listed by no one (a move half done)
        TopicRouteData route =
                new TopicRouteData(
                        List.of(
                                new QueueData("broker-a", 2, 2, 6, 0),
                                new QueueData("broker-b", 2, 2, 6, 0)),
                        List.of(
                                broker("broker-a", Map.of(0L, "a:1")),
                                broker("broker-b", Map.of(0L, "b:1"))),
                        null,
                        Map.of(
                                "broker-a",
                                new QueueMapping(
                                        "__global__", 4, "broker-a", 100, Map.of(0, 0, 1, 1)),
                                "broker-b",
                                new QueueMapping(
                                        "__global__", 4, "broker-b", 200, Map.of(1, 0, 2, 1))));

        PublishSnapshot snapshot = PublishSnapshot.of("t", route);

        assertThat(snapshot.queues())
                .containsExactly(
                        new MessageQueue("t", "broker-a", 0),
                        new MessageQueue("t", "broker-b", 1),
                        new MessageQueue("t", "broker-b", 2));
        assertThat(snapshot.brokerCount()).isEqualTo(2);
    }

    @Test
    void ofWhenAStaticTopicsBrokerIsReadOnlyShouldLeaveItsLogicalQueuesOut() {
        TopicRouteData route =
                new TopicRouteData(
                        List.of(
                                new QueueData("broker-a", 2, 2, 4, 0),
                                new QueueData("broker-b", 2, 2, 6, 0)),
                        List.of(
                                broker("broker-a", Map.of(0L, "a:1")),
                                broker("broker-b", Map.of(0L, "b:1"))),
                        null,
                        Map.of(
                                "broker-a",
                                new QueueMapping(
                                        "__global__", 4, "broker-a", 100, Map.of(0, 0, 2, 1)),
                                "broker-b",
                                new QueueMapping(
                                        "__global__", 4, "broker-b", 100, Map.of(1, 0, 3, 1))));

        PublishSnapshot snapshot = PublishSnapshot.of("t", route);

        assertThat(snapshot.queues())
                .containsExactly(
                        new MessageQueue("t", "broker-b", 1), new MessageQueue("t", "broker-b", 3));
        assertThat(snapshot.readOnlyBrokers()).containsExactly("broker-a");
    }

    private static BrokerData broker(String name, Map<Long, String> addresses) {
        return new BrokerData("c", name, addresses);
    }
}
