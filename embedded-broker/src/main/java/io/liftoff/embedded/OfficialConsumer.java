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

    /**
     * How long a consumer may go without a new message, while more are expected, before a fresh one
     * takes over: the official lite pull consumer sometimes stops fetching from a queue (once at
     * 99,776 of 100,000) or, soon after a broker restart, reads nothing from that broker.
     */
    private static final Duration STALL = Duration.ofSeconds(5);

    /**
     * Like {@link #STALL}, for a push consumer, which first joins its group and balances the queues
     * (a rebalance runs every 20 s, the first at once) before it pulls anything.
     */
    private static final Duration PUSH_STALL = Duration.ofSeconds(25);

    private OfficialConsumer() {}

    /**
     * Reads messages of {@code topic} from the beginning of every queue until {@code expected}
     * arrived or {@code timeout} passed; returns each stored message once.
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
                new Target(nameServer, OfficialClientTls.none(), user),
                topic,
                received -> received.size() >= expected,
                timeout,
                Duration.ZERO);
    }

    /**
     * Like {@link #readAll(String, String, int, Duration)}, from an embedded cluster, over TLS
     * (with the cluster's client certificate if it requires one) when the cluster enforces it, and
     * signed as its {@link EmbeddedRocketMQ#aclAdmin()} when it has ACL on.
     */
    public static List<MessageExt> readAll(
            EmbeddedRocketMQ cluster, String topic, int expected, Duration timeout)
            throws Exception {
        return read(
                new Target(
                        cluster.nameServerAddress(),
                        OfficialClientTls.of(cluster),
                        cluster.aclAdmin().orElse(null)),
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
        return read(
                new Target(nameServer, OfficialClientTls.none(), null),
                topic,
                done,
                timeout,
                Duration.ofMillis(500));
    }

    /** The name server to read from, how to reach the cluster, and who signs, if anyone. */
    private record Target(String nameServer, OfficialClientTls tls, AclUser user) {}

    /**
     * Reads with one consumer after another, each from the beginning of every queue, until {@code
     * done} or the deadline: a consumer that brings nothing new for {@link #STALL} is replaced by a
     * fresh one. What they read is merged by where it is stored, so a message read twice counts
     * once.
     *
     * @param drainPoll after {@code done}, polls of this length continue while they return
     *     messages; zero for none
     */
    private static List<MessageExt> read(
            Target target,
            String topic,
            Predicate<Collection<MessageExt>> done,
            Duration timeout,
            Duration drainPoll)
            throws Exception {
        Map<String, MessageExt> received = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        for (int consumers = 1;
                !readWithOneConsumer(target, topic, done, deadline, drainPoll, received)
                        && Instant.now().isBefore(deadline);
                consumers++) {
            System.out.println(
                    "[oracle] consumer "
                            + consumers
                            + " of topic "
                            + topic
                            + " stalled at "
                            + received.size()
                            + " messages; reading again from the start with a fresh one");
        }
        return new ArrayList<>(received.values());
    }

    /**
     * Adds what one consumer reads to {@code received}.
     *
     * @return false when the consumer stalled before {@code done}
     */
    private static boolean readWithOneConsumer(
            Target target,
            String topic,
            Predicate<Collection<MessageExt>> done,
            Instant deadline,
            Duration drainPoll,
            Map<String, MessageExt> received)
            throws Exception {
        DefaultLitePullConsumer consumer =
                new DefaultLitePullConsumer(
                        "oracle-" + UUID.randomUUID().toString().substring(0, 8),
                        hook(target.user()));
        consumer.setNamesrvAddr(target.nameServer());
        consumer.setAutoCommit(false);
        consumer.setPullBatchSize(256);
        consumer.setInstanceName("oracle-" + UUID.randomUUID());
        target.tls().start(consumer, consumer::start);
        try {
            Collection<MessageQueue> queues = consumer.fetchMessageQueues(topic);
            consumer.assign(queues);
            for (MessageQueue queue : queues) {
                seekToBegin(consumer, queue);
            }
            Instant lastNew = Instant.now();
            while (!done.test(received.values()) && Instant.now().isBefore(deadline)) {
                if (addNew(consumer.poll(500), received)) {
                    lastNew = Instant.now();
                } else if (Instant.now().isAfter(lastNew.plus(STALL))) {
                    return false;
                }
            }
            List<MessageExt> more =
                    drainPoll.isZero() ? List.of() : consumer.poll(drainPoll.toMillis());
            while (!more.isEmpty() && Instant.now().isBefore(deadline)) {
                addNew(more, received);
                more = consumer.poll(drainPoll.toMillis());
            }
            return true;
        } finally {
            consumer.shutdown();
        }
    }

    /** Adds the messages not received before; returns whether there was one. */
    private static boolean addNew(List<MessageExt> messages, Map<String, MessageExt> received) {
        int before = received.size();
        messages.forEach(m -> received.putIfAbsent(storedAt(m), m));
        return received.size() > before;
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
        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        for (int consumers = 1;
                !pushWithOneConsumer(nameServer, user, topic, expected, deadline, received)
                        && Instant.now().isBefore(deadline);
                consumers++) {
            System.out.println(
                    "[oracle] push consumer "
                            + consumers
                            + " of topic "
                            + topic
                            + " stalled at "
                            + received.size()
                            + " messages; reading again from the start with a fresh group");
        }
        return new ArrayList<>(received.values());
    }

    /**
     * Adds what one push consumer, of a group of its own, reads to {@code received}.
     *
     * @return false when it brought nothing new for {@link #PUSH_STALL} before {@code expected}
     *     arrived
     */
    private static boolean pushWithOneConsumer(
            String nameServer,
            AclUser user,
            String topic,
            int expected,
            Instant deadline,
            Map<String, MessageExt> received)
            throws Exception {
        DefaultMQPushConsumer consumer =
                new DefaultMQPushConsumer(
                        "oracle-" + UUID.randomUUID().toString().substring(0, 8), hook(user));
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName("oracle-" + UUID.randomUUID());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(
                (MessageListenerConcurrently)
                        (messages, context) -> {
                            messages.forEach(m -> received.putIfAbsent(storedAt(m), m));
                            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                        });
        consumer.start();
        try {
            int seen = received.size();
            Instant lastNew = Instant.now();
            while (received.size() < expected && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                if (received.size() > seen) {
                    seen = received.size();
                    lastNew = Instant.now();
                } else if (Instant.now().isAfter(lastNew.plus(PUSH_STALL))) {
                    return false;
                }
            }
            return true;
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
