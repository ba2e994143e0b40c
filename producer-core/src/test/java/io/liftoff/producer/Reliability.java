package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.internal.DefaultProducer;
import io.liftoff.producer.internal.route.PublishSnapshot;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageExt;

/** What the reliability scenarios share: a look inside the producer, read-back and reporting. */
final class Reliability {

    /** The send timeout of the scenarios' producers, the default. */
    static final Duration SEND_TIMEOUT = ProducerConfig.DEFAULT_SEND_TIMEOUT;

    /**
     * What a time bound allows beyond its goal. The suite must pass on two cores shared with a
     * build or a busy loop, where GC pauses and CPU starvation of several seconds happen, so a
     * bound this loose only catches what waits for something it should not wait for (a timeout, a
     * scheduled refresh, a lost timer), not what is merely slow. The goals themselves are printed
     * in the {@code [reliability]} lines and kept in docs/reliability.md; each bound says its goal.
     */
    static final Duration MARGIN = Duration.ofSeconds(10);

    /**
     * How long the outcomes of a load may take to arrive once it stops: a send's budget (3 s) and
     * {@link #MARGIN}, twice over.
     */
    static final Duration OUTCOMES_WITHIN = Duration.ofSeconds(30);

    private Reliability() {}

    /** A producer configuration on both NameServers of {@code servers}, in its own group. */
    static ProducerConfig.Builder config(TwoBrokerCluster.Servers servers, String group) {
        return ProducerConfig.builder().nameServer(servers.nameServer()).group(group);
    }

    /** Connects to both brokers and caches the route before the fault. */
    static void warmUp(Producer producer, String topic) {
        for (int i = 0; i < 8; i++) {
            producer.send(Message.builder(topic).body("warm-up").build());
        }
        assertThat(snapshot(producer, topic).masterAddresses())
                .containsKeys("broker-a", "broker-b");
    }

    /**
     * Asserts that no send is in flight and no request pending any more. Waits, within a bound a
     * loaded machine keeps: a heartbeat or route look-up of the client may be pending for a moment.
     */
    static void assertDrained(Producer producer) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            assertThat(producer.inFlightMessages()).isZero();
                            assertThat(producer.inFlightBytes()).isZero();
                            assertThat(pendingRequests(producer)).isZero();
                        });
    }

    static boolean acknowledgedOn(SendLedger.Entry entry, String broker) {
        return entry.fate() == SendLedger.Fate.ACKNOWLEDGED && broker.equals(entry.broker());
    }

    /** The longest latency among {@code entries}. */
    static Duration slowest(List<SendLedger.Entry> entries) {
        return entries.stream()
                .map(SendLedger.Entry::latency)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** The producer's cached route of {@code topic}. */
    static PublishSnapshot snapshot(Producer producer, String topic) {
        return ((DefaultProducer) producer)
                .client()
                .routes()
                .publishInfo(topic)
                .orElseThrow(() -> new AssertionError("no route of " + topic));
    }

    /** Requests of the producer's client still waiting for an answer. */
    static int pendingRequests(Producer producer) {
        return ((DefaultProducer) producer).client().remoting().pendingCount();
    }

    /** Whether the producer currently keeps {@code broker} aside. */
    static boolean isIsolated(Producer producer, String broker) {
        return ((DefaultProducer) producer).faults().isIsolated(broker);
    }

    /**
     * Reads {@code topic} back with the official consumer until every acknowledged send was seen or
     * three minutes passed, and reconciles it with the ledger. The oracle replaces a consumer that
     * stalls by a fresh one (see {@link OfficialConsumer}), so only a message none of them finds
     * counts as lost.
     */
    static SendLedger.Report readBack(String nameServer, String topic, SendLedger ledger)
            throws Exception {
        return ledger.reconcile(consumeBack(nameServer, topic, ledger));
    }

    /**
     * What {@link #readBack} reconciles: every stored copy of the topic's messages once, with the
     * broker that stores it ({@link MessageExt#getBrokerName()}).
     */
    static List<MessageExt> consumeBack(String nameServer, String topic, SendLedger ledger)
            throws Exception {
        Set<String> acknowledged =
                ledger.where(entry -> entry.fate() == SendLedger.Fate.ACKNOWLEDGED).stream()
                        .map(SendLedger.Entry::id)
                        .collect(Collectors.toSet());
        return OfficialConsumer.readUntil(
                nameServer,
                topic,
                received -> bodies(received).containsAll(acknowledged),
                // returns once all arrived; room for several fresh consumers, each reading tens of
                // thousands of messages from the start, on a loaded machine
                Duration.ofMinutes(3));
    }

    /**
     * Waits until each NameServer of {@code servers} serves the topic's own route with both
     * brokers, as it does once both brokers registered with it again after its restart; the
     * consumer, and the next test, may ask either one.
     */
    static void awaitFullRoute(TwoBrokerCluster.Servers servers, String topic) {
        // goal: within a registration period (10 s); the bound only keeps a failure from hanging
        for (String nameServer : servers.clusterA().nameServerAddresses()) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> servesFullRoute(nameServer, topic));
        }
    }

    private static boolean servesFullRoute(String nameServer, String topic) {
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(nameServer)
                        .group("route-check")
                        .instanceName("route-check")
                        .build();
        try (Producer fresh = Producer.create(config)) {
            PublishSnapshot route = snapshot(fresh, topic);
            return !route.isFromTemplate()
                    && route.masterAddresses()
                            .keySet()
                            .containsAll(List.of("broker-a", "broker-b"));
        } catch (RuntimeException | AssertionError e) {
            return false;
        }
    }

    /** Prints one scenario's figures where the build log shows them. */
    static void report(String scenario, String figures) {
        System.out.println("[reliability] " + scenario + ": " + figures);
    }

    /** Milliseconds between two {@link System#nanoTime()} readings. */
    static long millis(long fromNanos, long toNanos) {
        return Duration.ofNanos(toNanos - fromNanos).toMillis();
    }

    /** Lets the load run for {@code duration}. */
    static void run(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    private static Set<String> bodies(Collection<MessageExt> received) {
        return received.stream()
                .map(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }
}
