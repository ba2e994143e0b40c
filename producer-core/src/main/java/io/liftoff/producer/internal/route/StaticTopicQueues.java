package io.liftoff.producer.internal.route;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import io.liftoff.producer.internal.protocol.TopicRouteData.QueueMapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The queues of a 5.x static topic: logical queues, whose ids stay the same while the brokers
 * behind them change. The official client 5.3.3 ({@code
 * ClientMetadata.topicRouteData2EndpointsForStaticTopic}) works them out per scope: the scope has
 * as many logical queues as the largest {@code totalQueues} of its mappings, and each logical id is
 * served by the broker whose mapping lists it with the highest epoch. It sends a message for
 * logical queue {@code n} to that broker with queue id {@code n} and the broker's name in the
 * header; the broker translates {@code n} to its physical queue. The official client names the
 * queue after a mock broker ({@code __syslo__global__}); here a queue names the broker that serves
 * it, so that fault tolerance and send windows work per real broker as for any topic, and the wire
 * carries the same ids and broker name.
 */
final class StaticTopicQueues {

    private StaticTopicQueues() {}

    /**
     * The logical queues of {@code route}, sorted by logical id, each on the broker serving it now.
     * A logical queue is left out when no mapping lists it (only while queues are being moved), or
     * when {@code usable} refuses its broker (no master, no write permission), where an attempt
     * could only fail; the official client keeps such queues and lets the attempt fail.
     *
     * @param usable which brokers may take writes
     */
    static List<MessageQueue> of(String topic, TopicRouteData route, Predicate<String> usable) {
        Map<String, List<QueueMapping>> byScope = new HashMap<>();
        for (QueueMapping mapping : route.queueMappingByBroker().values()) {
            if (mapping.scope() != null) {
                byScope.computeIfAbsent(mapping.scope(), scope -> new ArrayList<>()).add(mapping);
            }
        }
        List<MessageQueue> queues = new ArrayList<>();
        for (List<QueueMapping> mappings : byScope.values()) {
            addScope(topic, mappings, usable, queues);
        }
        queues.sort(
                Comparator.comparingInt(MessageQueue::queueId)
                        .thenComparing(MessageQueue::brokerName));
        return queues;
    }

    private static void addScope(
            String topic,
            List<QueueMapping> mappings,
            Predicate<String> usable,
            List<MessageQueue> queues) {
        int totalQueues = 0;
        Map<Integer, QueueMapping> owners = new HashMap<>();
        for (QueueMapping mapping : mappings) {
            totalQueues = Math.max(totalQueues, mapping.totalQueues());
            for (Integer logicalId : mapping.logicalToPhysical().keySet()) {
                owners.merge(logicalId, mapping, StaticTopicQueues::newer);
            }
        }
        for (int logicalId = 0; logicalId < totalQueues; logicalId++) {
            QueueMapping owner = owners.get(logicalId);
            if (owner != null && usable.test(owner.brokerName())) {
                queues.add(new MessageQueue(topic, owner.brokerName(), logicalId));
            }
        }
    }

    /**
     * The mapping with the higher epoch; on a tie the broker name decides, so the pick is stable.
     */
    private static QueueMapping newer(QueueMapping a, QueueMapping b) {
        if (a.epoch() != b.epoch()) {
            return a.epoch() > b.epoch() ? a : b;
        }
        return a.brokerName().compareTo(b.brokerName()) >= 0 ? a : b;
    }
}
