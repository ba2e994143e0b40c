package io.liftoff.producer.internal.route;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a producer may write one topic right now: its writable queues in a fixed order and each
 * broker's master address. Immutable; a route change builds a new snapshot, which replaces the old
 * one in one atomic step, so a sender never sees a list that changes under it.
 */
public final class PublishSnapshot {

    private final String topic;
    private final List<MessageQueue> queues;
    private final Map<String, String> masterAddresses;
    private final Set<String> readOnlyBrokers;
    private final boolean fromTemplate;
    private final int brokerCount;

    private PublishSnapshot(
            String topic,
            List<MessageQueue> queues,
            Map<String, String> masterAddresses,
            Set<String> readOnlyBrokers,
            boolean fromTemplate) {
        this.topic = topic;
        this.queues = List.copyOf(queues);
        this.masterAddresses = Map.copyOf(masterAddresses);
        this.readOnlyBrokers = Collections.unmodifiableSet(new TreeSet<>(readOnlyBrokers));
        this.fromTemplate = fromTemplate;
        this.brokerCount =
                (int) this.queues.stream().map(MessageQueue::brokerName).distinct().count();
    }

    /**
     * The writable queues of {@code topic} in {@code route}: brokers sorted by name, only those
     * with write permission and a master, queues {@code 0..writeQueueNums-1} each (PROTOCOL.md
     * §4c). A route with {@code orderTopicConf} lists its brokers and queue counts in that order,
     * whatever their permission, as the official client does. A static topic's queues are its
     * logical queues ({@link StaticTopicQueues}) on brokers with write permission and a master.
     * Orderly sends choose among these queues too, so while a broker is read-only its keys move to
     * the others, as with the official client.
     */
    public static PublishSnapshot of(String topic, TopicRouteData route) {
        return build(topic, route, Integer.MAX_VALUE, false);
    }

    /**
     * The queues a missing topic gets when the broker creates it from the template route ({@code
     * TBW102}): each template broker, with at most {@code queuesPerBroker} queues, as the official
     * client does so that a broker that allows auto-creation creates the topic on the first send.
     */
    public static PublishSnapshot fromTemplate(
            String topic, TopicRouteData templateRoute, int queuesPerBroker) {
        return build(topic, templateRoute, queuesPerBroker, true);
    }

    private static PublishSnapshot build(
            String topic, TopicRouteData route, int maxQueuesPerBroker, boolean fromTemplate) {
        Objects.requireNonNull(topic, "topic must not be null");
        Map<String, String> masters = new HashMap<>();
        for (TopicRouteData.BrokerData broker : route.brokerDatas()) {
            String master = broker.masterAddress();
            if (master != null) {
                masters.put(broker.brokerName(), master);
            }
        }
        Set<String> readOnly = new HashSet<>();
        for (TopicRouteData.QueueData data : route.queueDatas()) {
            if (!data.isWritable()) {
                readOnly.add(data.brokerName());
            }
        }
        List<MessageQueue> queues = new ArrayList<>();
        String orderConf = route.orderTopicConf();
        if (orderConf != null && !orderConf.isBlank()) {
            for (String entry : orderConf.split(";")) {
                String[] brokerAndCount = entry.split(":");
                addQueues(
                        queues,
                        topic,
                        brokerAndCount[0],
                        Math.min(maxQueuesPerBroker, Integer.parseInt(brokerAndCount[1])));
            }
        } else if (route.isStaticTopic()) {
            queues.addAll(
                    StaticTopicQueues.of(
                            topic,
                            route,
                            broker -> masters.containsKey(broker) && !readOnly.contains(broker)));
        } else {
            List<TopicRouteData.QueueData> byBroker = new ArrayList<>(route.queueDatas());
            byBroker.sort(Comparator.comparing(TopicRouteData.QueueData::brokerName));
            for (TopicRouteData.QueueData data : byBroker) {
                if (data.isWritable() && masters.containsKey(data.brokerName())) {
                    addQueues(
                            queues,
                            topic,
                            data.brokerName(),
                            Math.min(maxQueuesPerBroker, data.writeQueueNums()));
                }
            }
        }
        return new PublishSnapshot(topic, queues, masters, readOnly, fromTemplate);
    }

    private static void addQueues(
            List<MessageQueue> queues, String topic, String brokerName, int count) {
        for (int queueId = 0; queueId < count; queueId++) {
            queues.add(new MessageQueue(topic, brokerName, queueId));
        }
    }

    /** The topic. */
    public String topic() {
        return topic;
    }

    /** The writable queues, unmodifiable; empty when the topic has none. */
    public List<MessageQueue> queues() {
        return queues;
    }

    /** Whether there is no queue to write to. */
    public boolean isEmpty() {
        return queues.isEmpty();
    }

    /** The master address of {@code brokerName}, or {@code null} when the route has none. */
    public String masterAddress(String brokerName) {
        return masterAddresses.get(brokerName);
    }

    /** Broker name to master address of every broker in the route, unmodifiable. */
    public Map<String, String> masterAddresses() {
        return masterAddresses;
    }

    /**
     * The brokers whose queues of the topic lack write permission, sorted, unmodifiable: an
     * operator made the broker ({@code wipeWritePerm}, {@code brokerPermission}) or the topic
     * read-only there.
     */
    public Set<String> readOnlyBrokers() {
        return readOnlyBrokers;
    }

    /** How many brokers the writable queues are on. */
    public int brokerCount() {
        return brokerCount;
    }

    /** Whether the queues come from the auto-create template rather than the topic's own route. */
    public boolean isFromTemplate() {
        return fromTemplate;
    }

    @Override
    public String toString() {
        return "PublishSnapshot["
                + topic
                + ", "
                + queues.size()
                + " queues on "
                + masterAddresses
                + "]";
    }
}
