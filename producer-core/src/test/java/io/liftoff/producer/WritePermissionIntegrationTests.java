package io.liftoff.producer;

import static io.liftoff.producer.Reliability.MARGIN;
import static io.liftoff.producer.Reliability.OUTCOMES_WITHIN;
import static io.liftoff.producer.Reliability.acknowledgedOn;
import static io.liftoff.producer.Reliability.assertDrained;
import static io.liftoff.producer.Reliability.awaitFullRoute;
import static io.liftoff.producer.Reliability.config;
import static io.liftoff.producer.Reliability.millis;
import static io.liftoff.producer.Reliability.readBack;
import static io.liftoff.producer.Reliability.report;
import static io.liftoff.producer.Reliability.run;
import static io.liftoff.producer.Reliability.snapshot;
import static io.liftoff.producer.Reliability.warmUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.SendLedger.Fate;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Write-permission changes on a {@link TwoBrokerCluster} (issue 16), made with the official admin
 * while producers send without pause:
 *
 * <ul>
 *   <li>{@code wipeWritePerm} of broker-a on the name servers: the route lists broker-a's queues
 *       read-only (perm 4), the broker itself still takes writes. Within one route refresh every
 *       new send goes to broker-b, with no send failing; {@code addWritePerm} brings traffic back.
 *   <li>broker-a made read-only ({@code brokerPermission=4}): it registers its topics read-only at
 *       once, and refuses sends to an order topic with NO_PERMISSION; those are retried on broker-b
 *       (as the official client retries NO_PERMISSION on another broker), no send fails. With both
 *       brokers read-only a send fails with a {@link NoRouteException} that says what to do, like
 *       the official client's "No route info"; once write permission is back, sends go again.
 * </ul>
 *
 * Every acknowledged message is read back with the official consumer. The permissions are restored
 * whatever happens, since the cluster is shared with other classes.
 */
@ExtendWith(TwoBrokerCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WritePermissionIntegrationTests {

    private static final Duration REFRESH = Duration.ofSeconds(1);

    private static TwoBrokerCluster.Servers servers;
    private static DefaultMQAdminExt admin;

    @BeforeAll
    static void start(TwoBrokerCluster.Servers cluster) throws MQClientException {
        servers = cluster;
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(cluster.nameServer());
        admin.setInstanceName("write-permission-admin");
        admin.start();
    }

    @AfterAll
    static void stop() {
        admin.shutdown();
    }

    @Test
    @Order(1)
    void wipeWritePermShouldMoveSendsToTheOtherBrokerWithinARefreshAndAddWritePermBackAgain()
            throws Exception {
        String topic = servers.createTopic("perm-wipe");
        SendLedger ledger = new SendLedger(topic);
        long wipedAt;
        long movedAt;
        long addedAt;
        long returned;
        // without latency fault tolerance: a first send to broker-a slowed by a loaded machine
        // must not keep the load off it before the wipe; only the route may move it
        try (Producer producer =
                Producer.create(
                        config(servers, topic)
                                .routeRefreshInterval(REFRESH)
                                .sendLatencyFaultEnable(false)
                                .build())) {
            warmUp(producer, topic);
            LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 1, 16);
            try {
                run(Duration.ofMillis(1000));
                wipedAt = System.nanoTime();
                setWritePermission("broker-a", false);
                // goal: one route refresh; the bound only keeps a failure from hanging
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> onlyOn(producer, topic, "broker-b"));
                movedAt = System.nanoTime();
                run(Duration.ofMillis(1500));
                addedAt = System.nanoTime();
                setWritePermission("broker-a", true);
                returned = ledger.awaitFirstAcknowledgedOn("broker-a", addedAt);
                run(Duration.ofMillis(500));
            } finally {
                setWritePermission("broker-a", true);
                load.stop(OUTCOMES_WITHIN);
            }
            assertDrained(producer);
        }
        long onAWhileWiped =
                ledger.where(
                                e ->
                                        acknowledgedOn(e, "broker-a")
                                                && e.start() >= movedAt
                                                && e.start() < addedAt)
                        .size();
        long onBWhileWiped =
                ledger.where(
                                e ->
                                        acknowledgedOn(e, "broker-b")
                                                && e.start() >= movedAt
                                                && e.start() < addedAt)
                        .size();
        long onABefore =
                ledger.where(e -> acknowledgedOn(e, "broker-a") && e.start() < wipedAt).size();
        long onAAfter =
                ledger.where(e -> acknowledgedOn(e, "broker-a") && e.start() >= addedAt).size();
        SendLedger.Report outcome = readBack(servers.nameServer(), topic, ledger);
        report(
                "wipeWritePerm/addWritePerm of broker-a under load",
                outcome
                        + " movedAfterMs="
                        + millis(wipedAt, movedAt)
                        + " backAfterMs="
                        + millis(addedAt, returned)
                        + " onA(before/wiped/after)="
                        + onABefore
                        + "/"
                        + onAWhileWiped
                        + "/"
                        + onAAfter
                        + " onBWhileWiped="
                        + onBWhileWiped
                        + " (routeRefreshInterval "
                        + REFRESH.toMillis()
                        + " ms)");

        assertThat(ledger.where(e -> e.fate() != Fate.ACKNOWLEDGED)).as("failed sends").isEmpty();
        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        assertThat(onABefore).as("sends to broker-a before the wipe").isPositive();
        assertThat(onAWhileWiped).as("sends to broker-a after the route dropped it").isZero();
        assertThat(onBWhileWiped).as("sends to broker-b while broker-a was wiped").isPositive();
        // goal: one route refresh (1 s); MARGIN for the loaded machine
        assertThat(Duration.ofNanos(movedAt - wipedAt)).isLessThan(REFRESH.plus(MARGIN));
        assertThat(Duration.ofNanos(returned - addedAt)).isLessThan(REFRESH.plus(MARGIN));
    }

    @Test
    @Order(2)
    void readOnlyBrokerShouldHaveItsRefusalsRetriedElsewhereAndNoWritableBrokerShouldSaySo()
            throws Exception {
        String topic = "perm-read-only";
        createOrderTopic(servers.clusterA(), topic);
        createOrderTopic(servers.brokerB(), topic);
        awaitFullRoute(servers, topic);
        SendLedger ledger = new SendLedger(topic);
        AtomicInteger retried = new AtomicInteger();
        SendListener retries =
                new SendListener() {
                    @Override
                    public void onSuccess(SendEvent event, SendResult result) {
                        if (event.attempts() > 1) {
                            retried.incrementAndGet();
                        }
                    }
                };
        long readOnlyAt;
        long movedAt;
        NoRouteException noneWritable;
        // no scheduled refresh during the test: only the refreshes that the refused sends ask for
        // can drop broker-a, so some sends do meet its refusal
        try (Producer producer =
                Producer.create(
                        config(servers, topic)
                                .routeRefreshInterval(Duration.ofMinutes(10))
                                .listener(retries)
                                .build())) {
            warmUp(producer, topic);
            LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 1, 16);
            try {
                run(Duration.ofMillis(1000));
                readOnlyAt = System.nanoTime();
                setBrokerPermission(servers.clusterA(), 4);
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> onlyOn(producer, topic, "broker-b"));
                movedAt = System.nanoTime();
                run(Duration.ofMillis(1000));
            } finally {
                load.stop(OUTCOMES_WITHIN);
            }
            try {
                setBrokerPermission(servers.brokerB(), 4);
                noneWritable = awaitNoWritableQueue(producer, topic);
                assertOfficialClientFindsNoRoute(topic);
            } finally {
                setBrokerPermission(servers.clusterA(), 6);
                setBrokerPermission(servers.brokerB(), 6);
            }
            // the failed sends keep asking for the route: writes resume without a restart
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(
                            () ->
                                    producer.send(message(topic, "after")).status()
                                            == SendStatus.SEND_OK);
            assertDrained(producer);
        }
        SendLedger.Report outcome = readBack(servers.nameServer(), topic, ledger);
        report(
                "broker-a read-only (brokerPermission=4) under load, order topic",
                outcome
                        + " retriedAfterNoPermission="
                        + retried.get()
                        + " movedAfterMs="
                        + millis(readOnlyAt, movedAt));

        assertThat(ledger.where(e -> e.fate() != Fate.ACKNOWLEDGED)).as("failed sends").isEmpty();
        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        assertThat(retried.get()).as("sends refused by broker-a and retried").isPositive();
        assertThat(ledger.where(e -> acknowledgedOn(e, "broker-a") && e.start() >= movedAt))
                .as("sends to broker-a after the route dropped it")
                .isEmpty();
        assertThat(noneWritable.topic()).isEqualTo(topic);
        assertThat(noneWritable.getMessage())
                .contains("has no writable queue", "[broker-a, broker-b]", "brokerPermission");
        // goal: milliseconds (the refused send asks for the route at once); MARGIN for the
        // loaded machine, far below the 10 min scheduled refresh
        assertThat(Duration.ofNanos(movedAt - readOnlyAt)).isLessThan(MARGIN);
    }

    /**
     * Sends until a send fails with the "no writable queue" error: broker-b refuses the first sends
     * (NO_PERMISSION) until its read-only route reaches the producer.
     */
    private static NoRouteException awaitNoWritableQueue(Producer producer, String topic) {
        NoRouteException[] found = new NoRouteException[1];
        int[] refused = new int[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            try {
                                producer.send(message(topic, "none-writable"));
                                return false;
                            } catch (NoRouteException e) {
                                found[0] = e;
                                return true;
                            } catch (BrokerRejectedException e) {
                                assertThat(e.responseCode()).isEqualTo(16);
                                refused[0]++;
                                assertThat(e.getMessage())
                                        .contains("is read-only there", "brokerPermission -v 6");
                                return false;
                            }
                        });
        report("both brokers read-only", "sendsRefusedBeforeTheRouteSaidSo=" + refused[0]);
        return found[0];
    }

    /** The official client in the same state: it fails the send for want of a route too. */
    private static void assertOfficialClientFindsNoRoute(String topic) throws Exception {
        DefaultMQProducer official = new DefaultMQProducer("perm-official");
        official.setNamesrvAddr(servers.nameServer());
        official.setInstanceName("perm-official");
        official.start();
        try {
            assertThatExceptionOfType(MQClientException.class)
                    .isThrownBy(
                            () ->
                                    official.send(
                                            new org.apache.rocketmq.common.message.Message(
                                                    topic, "x".getBytes(StandardCharsets.UTF_8))))
                    .withMessageContaining("No route info");
        } finally {
            official.shutdown();
        }
    }

    private static boolean onlyOn(Producer producer, String topic, String broker) {
        return snapshot(producer, topic).queues().stream()
                .allMatch(queue -> queue.brokerName().equals(broker));
    }

    /** Wipes or adds {@code broker}'s write permission on every name server. */
    private static void setWritePermission(String broker, boolean writable) throws Exception {
        for (String nameServer : servers.clusterA().nameServerAddresses()) {
            if (writable) {
                admin.addWritePermOfBroker(nameServer, broker);
            } else {
                admin.wipeWritePermOfBroker(nameServer, broker);
            }
        }
    }

    private static void setBrokerPermission(EmbeddedRocketMQ broker, int permission)
            throws Exception {
        Properties properties = new Properties();
        properties.setProperty("brokerPermission", Integer.toString(permission));
        admin.updateBrokerConfig(broker.brokerAddress(), properties);
    }

    /** A topic whose broker config says "order", which a read-only broker refuses writes to. */
    private static void createOrderTopic(EmbeddedRocketMQ broker, String topic) throws Exception {
        TopicConfig config = new TopicConfig(topic, 4, 4);
        config.setOrder(true);
        admin.createAndUpdateTopicConfig(broker.brokerAddress(), config);
    }

    private static Message message(String topic, String body) {
        return Message.builder(topic).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }
}
