package io.liftoff.producer.internal.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A topic's route as the name server reports it: which brokers hold how many queues, and where
 * those brokers are.
 *
 * @param queueDatas the queues per broker
 * @param brokerDatas the address table per broker
 * @param orderTopicConf {@code broker:num;…} for name servers with ordered-topic configuration, or
 *     {@code null}
 * @param queueMappingByBroker broker name to the logical queues it hosts, only for a 5.x static
 *     topic ({@code topicQueueMappingByBroker}); empty for any other topic
 */
public record TopicRouteData(
        List<QueueData> queueDatas,
        List<BrokerData> brokerDatas,
        String orderTopicConf,
        Map<String, QueueMapping> queueMappingByBroker) {

    /** Broker id of a master in {@link BrokerData#brokerAddrs()}. */
    public static final long MASTER_ID = 0L;

    public TopicRouteData {
        queueDatas = List.copyOf(queueDatas);
        brokerDatas = List.copyOf(brokerDatas);
        queueMappingByBroker = Map.copyOf(queueMappingByBroker);
    }

    /** The route of a topic that is not static. */
    public TopicRouteData(
            List<QueueData> queueDatas, List<BrokerData> brokerDatas, String orderTopicConf) {
        this(queueDatas, brokerDatas, orderTopicConf, Map.of());
    }

    /** Whether this is the route of a 5.x static topic, whose queues are logical. */
    public boolean isStaticTopic() {
        return !queueMappingByBroker.isEmpty();
    }

    /**
     * The queues one broker holds for the topic.
     *
     * @param brokerName the broker
     * @param readQueueNums readable queues
     * @param writeQueueNums writable queues
     * @param perm permission bits: 4 read, 2 write, 1 inherit
     * @param topicSysFlag topic system flags
     */
    public record QueueData(
            String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {

        private static final int PERM_WRITE = 2;

        public QueueData {
            Objects.requireNonNull(brokerName, "brokerName must not be null");
        }

        /** Whether producers may write to these queues. */
        public boolean isWritable() {
            return (perm & PERM_WRITE) != 0;
        }
    }

    /**
     * One broker group and its addresses.
     *
     * @param cluster the cluster name
     * @param brokerName the broker group's name
     * @param brokerAddrs broker id (0 = master) to {@code host:port}
     */
    public record BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs) {

        public BrokerData {
            Objects.requireNonNull(brokerName, "brokerName must not be null");
            brokerAddrs = Map.copyOf(brokerAddrs);
        }

        /** The master's address, or {@code null} when the group has no master right now. */
        public String masterAddress() {
            return brokerAddrs.get(MASTER_ID);
        }
    }

    /**
     * Which logical queues of a static topic one broker hosts ({@code TopicQueueMappingInfo}).
     * Logical queue ids are global within a scope; when queues move, the mapping with the highest
     * epoch names the broker that serves a logical queue now.
     *
     * @param scope the scope the logical ids are unique in, e.g. {@code __global__}; {@code null}
     *     when the broker did not say, which makes the mapping unusable
     * @param totalQueues the number of logical queues in the scope
     * @param brokerName the broker that hosts them ({@code bname})
     * @param epoch when the mapping was made; a higher epoch supersedes a lower one
     * @param logicalToPhysical logical queue id to the queue id on the broker ({@code currIdMap})
     */
    public record QueueMapping(
            String scope,
            int totalQueues,
            String brokerName,
            long epoch,
            Map<Integer, Integer> logicalToPhysical) {

        public QueueMapping {
            logicalToPhysical = Map.copyOf(logicalToPhysical);
        }
    }
}
