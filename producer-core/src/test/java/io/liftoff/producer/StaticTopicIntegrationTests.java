package io.liftoff.producer;

import static io.liftoff.producer.Reliability.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.internal.route.PublishSnapshot;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.protocol.statictopic.TopicConfigAndQueueMapping;
import org.apache.rocketmq.remoting.protocol.statictopic.TopicQueueMappingInfo;
import org.apache.rocketmq.remoting.protocol.statictopic.TopicQueueMappingUtils;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.apache.rocketmq.tools.admin.MQAdminUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 5.x static topic (issue 16) on the two brokers of a {@link TwoBrokerCluster}, created as the
 * official {@code mqadmin updateStaticTopic -c DefaultCluster -qn 6} does: six logical queues,
 * three hosted by each broker. Its route carries {@code topicQueueMappingByBroker}; Liftoff sends
 * each message to the broker that serves its logical queue, with the logical queue id, as the
 * official client does, and the official consumer reads every message back from the logical queue
 * the send result named.
 */
@ExtendWith(TwoBrokerCluster.class)
class StaticTopicIntegrationTests {

    private static final String TOPIC = "static-topic";
    private static final int LOGICAL_QUEUES = 6;

    private static TwoBrokerCluster.Servers servers;
    private static DefaultMQAdminExt admin;

    @BeforeAll
    static void createStaticTopic(TwoBrokerCluster.Servers cluster) throws Exception {
        servers = cluster;
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(cluster.nameServer());
        admin.setInstanceName("static-topic-admin");
        admin.start();
        // the steps of the official UpdateStaticTopicSubCommand for a new topic
        Map<String, TopicConfigAndQueueMapping> configs =
                MQAdminUtils.examineTopicConfigAll(TOPIC, admin);
        TopicQueueMappingUtils.createTopicConfigMapping(
                TOPIC, LOGICAL_QUEUES, Set.of("broker-a", "broker-b"), configs);
        MQAdminUtils.completeNoTargetBrokers(configs, admin);
        MQAdminUtils.updateTopicConfigMappingAll(configs, admin, false);
        // each name server serves the logical queues once both brokers registered the mapping
        for (String nameServer : cluster.clusterA().nameServerAddresses()) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> logicalQueuesServedBy(nameServer) == LOGICAL_QUEUES);
        }
    }

    @AfterAll
    static void stop() {
        admin.shutdown();
    }

    @Test
    void sendShouldReachEachLogicalQueueOnTheBrokerTheRouteNamesAndBeReadBackThere()
            throws Exception {
        Map<Integer, String> owners = logicalQueueOwners();
        assertThat(owners.keySet()).containsExactlyElementsOf(range(LOGICAL_QUEUES));
        assertThat(Set.copyOf(owners.values())).containsExactlyInAnyOrder("broker-a", "broker-b");

        // body to result: the consumer sees the body, not the id Liftoff gave the message
        Map<String, SendResult> results = new LinkedHashMap<>();
        List<SendResult> roundRobin = new ArrayList<>();
        List<SendResult> orderly = new ArrayList<>();
        try (Producer producer =
                Producer.create(
                        ProducerConfig.builder()
                                .nameServer(servers.nameServer())
                                .group("static-topic")
                                .build())) {
            assertThat(snapshot(producer, TOPIC).queues())
                    .extracting(MessageQueue::queueId)
                    .containsExactlyElementsOf(range(LOGICAL_QUEUES));
            for (int i = 0; i < 4 * LOGICAL_QUEUES; i++) {
                SendResult result = producer.send(message("sync-" + i, null));
                results.put("sync-" + i, result);
                roundRobin.add(result);
            }
            Map<String, CompletableFuture<SendResult>> async = new LinkedHashMap<>();
            for (int i = 0; i < 2 * LOGICAL_QUEUES; i++) {
                async.put("async-" + i, producer.sendAsync(message("async-" + i, null)));
            }
            for (Map.Entry<String, CompletableFuture<SendResult>> send : async.entrySet()) {
                results.put(send.getKey(), send.getValue().get());
            }
            List<SendResult> batch =
                    producer.sendBatch(List.of(message("batch-0", null), message("batch-1", null)));
            results.put("batch-0", batch.get(0));
            results.put("batch-1", batch.get(1));
            for (int i = 0; i < 10; i++) {
                SendResult result = producer.send(message("orderly-" + i, "customer-7"));
                results.put("orderly-" + i, result);
                orderly.add(result);
            }
        }

        assertThat(results.values())
                .allSatisfy(
                        result -> {
                            assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                            assertThat(result.queue().brokerName())
                                    .as("broker of logical queue %s", result.queue().queueId())
                                    .isEqualTo(owners.get(result.queue().queueId()));
                        });
        // round robin: every logical queue, none other
        assertThat(roundRobin)
                .extracting(result -> result.queue().queueId())
                .containsOnlyElementsOf(range(LOGICAL_QUEUES))
                .containsAll(range(LOGICAL_QUEUES));
        assertThat(orderly).extracting(SendResult::queue).containsOnly(orderly.get(0).queue());

        Map<String, MessageExt> received =
                OfficialConsumer.readAll(
                                servers.nameServer(), TOPIC, results.size(), Duration.ofMinutes(3))
                        .stream()
                        .collect(
                                Collectors.toMap(
                                        m -> new String(m.getBody(), StandardCharsets.UTF_8),
                                        Function.identity(),
                                        (first, second) -> first,
                                        HashMap::new));
        for (Map.Entry<String, SendResult> sent : results.entrySet()) {
            SendResult result = sent.getValue();
            assertThat(received).containsKey(sent.getKey());
            MessageExt stored = received.get(sent.getKey());
            // the official consumer reads a static topic by logical queue, under the mock broker
            assertThat(stored.getQueueId()).isEqualTo(result.queue().queueId());
            assertThat(stored.getBrokerName()).startsWith(MixAll.LOGICAL_QUEUE_MOCK_BROKER_PREFIX);
            assertThat(stored.getQueueOffset()).isEqualTo(result.queueOffset());
        }
    }

    /** Logical queue id to the broker serving it, from the route as the official admin reads it. */
    private static Map<Integer, String> logicalQueueOwners() throws Exception {
        TopicRouteData route = admin.examineTopicRouteInfo(TOPIC);
        Map<Integer, String> owners = new TreeMap<>();
        for (TopicQueueMappingInfo info : route.getTopicQueueMappingByBroker().values()) {
            info.getCurrIdMap().keySet().forEach(id -> owners.put(id, info.getBname()));
        }
        return owners;
    }

    private static int logicalQueuesServedBy(String nameServer) {
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(nameServer)
                        .group("static-route-check")
                        .instanceName("static-route-check")
                        .build();
        try (Producer fresh = Producer.create(config)) {
            PublishSnapshot route = snapshot(fresh, TOPIC);
            return route.brokerCount() == 2 ? route.queues().size() : 0;
        }
    }

    private static List<Integer> range(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    /**
     * The message with body {@code id}; the body doubles as the key the read-back matches on, since
     * the consumer sees the id the broker assigned, not Liftoff's.
     */
    private static Message message(String id, String shardingKey) {
        Message.Builder builder = Message.builder(TOPIC).body(id.getBytes(StandardCharsets.UTF_8));
        return shardingKey == null ? builder.build() : builder.shardingKey(shardingKey).build();
    }
}
