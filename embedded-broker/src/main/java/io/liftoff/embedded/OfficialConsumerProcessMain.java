package io.liftoff.embedded;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Entry point of the child JVM of {@link OfficialConsumerProcess}: reads a topic from its first
 * offset with the official push consumer of whatever RocketMQ client is on its class path, and
 * prints one line per message (its unique id, sysFlag, body length, the SHA-256 of the body the
 * consumer decoded, queue id, queue offset, born and store timestamps), so that the parent can
 * check every body byte for byte and where and when each message was stored.
 *
 * <p>Uses only client API that 4.9.x and 5.x share, so that the one compiled class runs on either.
 */
public final class OfficialConsumerProcessMain {

    /** Prefix of the line naming the jar the consumer class came from. */
    static final String CLIENT = "CLIENT ";

    /** Prefix of each message line. */
    static final String CONSUMED = "CONSUMED ";

    private OfficialConsumerProcessMain() {}

    /**
     * Reads until the expected number of distinct messages arrived or the time is up, then exits.
     *
     * @param args name server, topic, expected messages, timeout in milliseconds
     * @throws Exception when the consumer cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "arguments: nameServer topic expectedMessages timeoutMillis");
        }
        String nameServer = args[0];
        String topic = args[1];
        int expected = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[3]));
        System.out.println(
                CLIENT
                        + DefaultMQPushConsumer.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation());
        // guarded by itself; a message counts once its line is out, so that the main thread, which
        // halts the JVM when enough counted, never cuts a line off
        Set<String> printed = new HashSet<>();
        DefaultMQPushConsumer consumer =
                new DefaultMQPushConsumer("liftoff-reader-" + UUID.randomUUID());
        consumer.setNamesrvAddr(nameServer);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(
                (MessageListenerConcurrently)
                        (messages, context) -> {
                            for (MessageExt message : messages) {
                                String id = message.getProperty("UNIQ_KEY");
                                String line = describe(id, message);
                                synchronized (printed) {
                                    if (printed.add(id)) {
                                        System.out.println(line);
                                    }
                                }
                            }
                            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                        });
        consumer.start();
        try {
            while (count(printed) < expected && deadline - System.nanoTime() > 0) {
                Thread.sleep(50);
            }
        } finally {
            System.out.flush();
            // halt: the consumer's shutdown persists offsets and waits on brokers for nothing
            Runtime.getRuntime().halt(0);
        }
    }

    private static int count(Set<String> printed) {
        synchronized (printed) {
            return printed.size();
        }
    }

    private static String describe(String id, MessageExt message) {
        return CONSUMED
                + id
                + ' '
                + message.getSysFlag()
                + ' '
                + message.getBody().length
                + ' '
                + sha256(message.getBody())
                + ' '
                + message.getQueueId()
                + ' '
                + message.getQueueOffset()
                + ' '
                + message.getBornTimestamp()
                + ' '
                + message.getStoreTimestamp();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
