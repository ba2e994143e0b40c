package io.liftoff.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;

/** The official RocketMQ consumer as the test oracle: reads a topic from its first offset. */
public final class OfficialConsumer {

    private OfficialConsumer() {}

    /**
     * Reads messages of {@code topic} from the beginning of every queue until {@code expected}
     * arrived or {@code timeout} passed; returns what arrived.
     */
    public static List<MessageExt> readAll(
            String nameServer, String topic, int expected, Duration timeout) throws Exception {
        return readAll(nameServer, null, topic, expected, timeout);
    }

    /**
     * Like {@link #readAll(String, String, int, Duration)}, signing every request as {@code user}
     * for a broker with ACL, e.g. {@link EmbeddedRocketMQ#aclAdmin()}.
     *
     * @param user the ACL user, or {@code null} for unsigned requests
     */
    public static List<MessageExt> readAll(
            String nameServer, AclUser user, String topic, int expected, Duration timeout)
            throws Exception {
        return read(
                nameServer,
                user,
                topic,
                received -> received.size() >= expected,
                timeout,
                Duration.ZERO);
    }

    /**
     * Reads messages of {@code topic} from the beginning of every queue until {@code done} holds
     * for what arrived, then as long as polls still return messages (to catch extra copies), or
     * until {@code timeout} passed; returns each stored copy once.
     */
    public static List<MessageExt> readUntil(
            String nameServer,
            String topic,
            Predicate<Collection<MessageExt>> done,
            Duration timeout)
            throws Exception {
        return read(nameServer, null, topic, done, timeout, Duration.ofMillis(500));
    }

    /**
     * @param drainPoll after {@code done}, polls of this length continue while they return
     *     messages; zero for none
     */
    private static List<MessageExt> read(
            String nameServer,
            AclUser user,
            String topic,
            Predicate<Collection<MessageExt>> done,
            Duration timeout,
            Duration drainPoll)
            throws Exception {
        DefaultLitePullConsumer consumer =
                new DefaultLitePullConsumer(
                        "oracle-" + UUID.randomUUID().toString().substring(0, 8), hook(user));
        consumer.setNamesrvAddr(nameServer);
        consumer.setAutoCommit(false);
        consumer.setPullBatchSize(256);
        consumer.setInstanceName("oracle-" + UUID.randomUUID());
        consumer.start();
        try {
            Collection<MessageQueue> queues = consumer.fetchMessageQueues(topic);
            consumer.assign(queues);
            for (MessageQueue queue : queues) {
                seekToBegin(consumer, queue);
            }
            Map<String, MessageExt> received = new LinkedHashMap<>();
            Instant deadline = Instant.now().plus(timeout);
            while (!done.test(received.values()) && Instant.now().isBefore(deadline)) {
                consumer.poll(500).forEach(m -> received.putIfAbsent(storedAt(m), m));
            }
            List<MessageExt> more =
                    drainPoll.isZero() ? List.of() : consumer.poll(drainPoll.toMillis());
            while (!more.isEmpty() && Instant.now().isBefore(deadline)) {
                more.forEach(m -> received.putIfAbsent(storedAt(m), m));
                more = consumer.poll(drainPoll.toMillis());
            }
            return new ArrayList<>(received.values());
        } finally {
            consumer.shutdown();
        }
    }

    /**
     * Where a message is stored. A consumer may hand out one stored message twice (after a
     * rebalance or a re-seek); two stored copies, which a producer's duplicate would make, keep
     * distinct keys.
     */
    private static String storedAt(MessageExt message) {
        return message.getBrokerName()
                + "/"
                + message.getQueueId()
                + "/"
                + message.getQueueOffset();
    }

    /**
     * Seeks with a few tries: the official client, freshly started, sometimes fails its first
     * request to a broker ("send request failed") and does not retry it itself.
     */
    private static void seekToBegin(DefaultLitePullConsumer consumer, MessageQueue queue)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.seekToBegin(queue);
                return;
            } catch (MQClientException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Like {@link #readAll}, with the push consumer, which also reads from 4.9.x brokers (the 5.x
     * lite pull consumer uses a request code they do not know).
     */
    public static List<MessageExt> pushAll(
            String nameServer, String topic, int expected, Duration timeout) throws Exception {
        return pushAll(nameServer, null, topic, expected, timeout);
    }

    /**
     * Like {@link #pushAll(String, String, int, Duration)}, signing every request as {@code user}.
     *
     * @param user the ACL user, or {@code null} for unsigned requests
     */
    public static List<MessageExt> pushAll(
            String nameServer, AclUser user, String topic, int expected, Duration timeout)
            throws Exception {
        DefaultMQPushConsumer consumer =
                new DefaultMQPushConsumer(
                        "oracle-" + UUID.randomUUID().toString().substring(0, 8), hook(user));
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName("oracle-" + UUID.randomUUID());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        consumer.registerMessageListener(
                (MessageListenerConcurrently)
                        (messages, context) -> {
                            messages.forEach(m -> received.putIfAbsent(storedAt(m), m));
                            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                        });
        consumer.start();
        try {
            Instant deadline = Instant.now().plus(timeout);
            while (received.size() < expected && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            return new ArrayList<>(received.values());
        } finally {
            consumer.shutdown();
        }
    }

    /** The official client's ACL signer for {@code user}, or {@code null} for none. */
    private static RPCHook hook(AclUser user) {
        return user == null
                ? null
                : new AclClientRPCHook(new SessionCredentials(user.accessKey(), user.secretKey()));
    }
}
