package io.liftoff.producer;

import static io.liftoff.producer.Reliability.OUTCOMES_WITHIN;
import static io.liftoff.producer.Reliability.SEND_TIMEOUT;
import static io.liftoff.producer.Reliability.acknowledgedOn;
import static io.liftoff.producer.Reliability.config;
import static io.liftoff.producer.Reliability.millis;
import static io.liftoff.producer.Reliability.report;
import static io.liftoff.producer.Reliability.run;
import static io.liftoff.producer.Reliability.warmUp;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.SendLedger.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official client's baseline in two scenarios of {@link BrokerFaultIntegrationTests}: the same
 * cluster, load and ledger drive Liftoff's producer and the official {@code DefaultMQProducer}
 * 5.3.3 (its defaults, send timeout 3 s, 2 retries) one after the other. It prints {@code
 * [reliability] baseline ...} lines for docs/reliability.md and asserts nothing, since the figures
 * are timings on a shared machine. Its name keeps it out of {@code mvn verify} (failsafe runs
 * {@code *IntegrationTests}); docs/reliability.md has the command that runs it.
 */
@ExtendWith(TwoBrokerCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfficialClientBaseline {

    private static TwoBrokerCluster.Servers servers;
    private static EmbeddedRocketMQ clusterA;

    @BeforeAll
    static void cluster(TwoBrokerCluster.Servers cluster) {
        servers = cluster;
        clusterA = cluster.clusterA();
    }

    @Test
    @Order(1)
    void killLiftoff() throws Exception {
        String topic = servers.createTopic("base-kill-liftoff");
        try (Producer producer = Producer.create(config(servers, topic).build())) {
            warmUp(producer, topic);
            kill("liftoff", topic, LoadGenerator.sender(producer, topic));
        }
    }

    @Test
    @Order(2)
    void killOfficial() throws Exception {
        String topic = servers.createTopic("base-kill-official");
        DefaultMQProducer producer = official(topic);
        try {
            kill("official", topic, sender(producer, topic));
        } finally {
            producer.shutdown();
        }
    }

    @Test
    @Order(3)
    void pauseLiftoff() throws Exception {
        String topic = servers.createTopic("base-hung-liftoff");
        try (Producer producer = Producer.create(config(servers, topic).build())) {
            warmUp(producer, topic);
            pause("liftoff", topic, LoadGenerator.sender(producer, topic));
        }
    }

    @Test
    @Order(4)
    void pauseOfficial() throws Exception {
        String topic = servers.createTopic("base-hung-official");
        DefaultMQProducer producer = official(topic);
        try {
            pause("official", topic, sender(producer, topic));
        } finally {
            producer.shutdown();
        }
    }

    /** Scenario 1: time from {@code kill -9} of broker-a to the first success on broker-b. */
    private static void kill(String client, String topic, LoadGenerator.Sender sender)
            throws Exception {
        SendLedger ledger = new SendLedger(topic);
        LoadGenerator load = LoadGenerator.start(sender, ledger, 2, 64);
        long killedAt;
        try {
            run(Duration.ofMillis(1500));
            killedAt = System.nanoTime();
            clusterA.killBroker();
            run(Duration.ofMillis(3000));
        } finally {
            load.stop(OUTCOMES_WITHIN);
            clusterA.restartBroker();
        }
        long recovered =
                ledger.firstEnd(e -> acknowledgedOn(e, "broker-b") && e.start() >= killedAt)
                        .orElse(Long.MAX_VALUE);
        List<Entry> afterKill = ledger.where(e -> e.end() >= killedAt);
        report(
                "baseline kill -9 broker-a, " + client,
                "sends="
                        + ledger.entries().size()
                        + " failedOrUnknown="
                        + ledger.where(e -> e.fate() != SendLedger.Fate.ACKNOWLEDGED).size()
                        + " recoveryMs="
                        + (recovered == Long.MAX_VALUE ? "never" : millis(killedAt, recovered))
                        + " slowestSendAfterKillMs="
                        + Reliability.slowest(afterKill).toMillis());
    }

    /** Scenario 2: how far past the send timeout async outcomes arrive while broker-a hangs. */
    private static void pause(String client, String topic, LoadGenerator.Sender sender)
            throws Exception {
        SendLedger ledger = new SendLedger(topic);
        LoadGenerator load = LoadGenerator.start(sender, ledger, 2, 128);
        try {
            run(Duration.ofMillis(1500));
            clusterA.pauseBroker();
            try {
                run(Duration.ofSeconds(4));
            } finally {
                clusterA.resumeBroker();
            }
            run(Duration.ofSeconds(1));
        } finally {
            load.stop(OUTCOMES_WITHIN);
        }
        List<Entry> async = ledger.where(e -> !e.isSync());
        Duration slowestAsync = Reliability.slowest(async);
        long lateAsync =
                async.stream()
                        .filter(e -> e.latency().compareTo(SEND_TIMEOUT.plusMillis(100)) > 0)
                        .count();
        report(
                "baseline SIGSTOP broker-a for 4 s, " + client,
                "sends="
                        + ledger.entries().size()
                        + " failedOrUnknown="
                        + ledger.where(e -> e.fate() != SendLedger.Fate.ACKNOWLEDGED).size()
                        + " slowestAsyncMs="
                        + slowestAsync.toMillis()
                        + " asyncOvershootMs="
                        + Math.max(0, slowestAsync.minus(SEND_TIMEOUT).toMillis())
                        + " asyncLaterThanTimeoutPlus100ms="
                        + lateAsync
                        + " slowestSyncMs="
                        + Reliability.slowest(ledger.where(Entry::isSync)).toMillis());
    }

    /** The official producer with its defaults, on both NameServers, warmed up on both brokers. */
    private static DefaultMQProducer official(String topic) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(topic);
        producer.setNamesrvAddr(servers.nameServer());
        producer.setInstanceName("baseline-" + UUID.randomUUID());
        producer.setSendMsgTimeout((int) SEND_TIMEOUT.toMillis());
        producer.start();
        for (int i = 0; i < 8; i++) {
            producer.send(new Message(topic, "warm-up".getBytes(StandardCharsets.UTF_8)));
        }
        return producer;
    }

    /** The official producer as a sender of the load. */
    static LoadGenerator.Sender sender(DefaultMQProducer producer, String topic) {
        return new LoadGenerator.Sender() {
            @Override
            public SendLedger.Stored send(String id) throws Exception {
                return stored(producer.send(message(id)));
            }

            @Override
            public CompletableFuture<SendLedger.Stored> sendAsync(String id) {
                CompletableFuture<SendLedger.Stored> future = new CompletableFuture<>();
                try {
                    producer.send(
                            message(id),
                            new SendCallback() {
                                @Override
                                public void onSuccess(SendResult result) {
                                    future.complete(stored(result));
                                }

                                @Override
                                public void onException(Throwable failure) {
                                    future.completeExceptionally(failure);
                                }
                            });
                } catch (Exception e) {
                    future.completeExceptionally(e);
                }
                return future;
            }

            @Override
            public boolean isClosed(Throwable failure) {
                return false;
            }

            private Message message(String id) {
                return new Message(topic, id.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private static SendLedger.Stored stored(SendResult result) {
        return new SendLedger.Stored(
                result.getMessageQueue().getBrokerName(), result.getMessageQueue().getQueueId());
    }
}
