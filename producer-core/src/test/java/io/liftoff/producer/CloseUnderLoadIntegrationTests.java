package io.liftoff.producer;

import static io.liftoff.producer.Reliability.MARGIN;
import static io.liftoff.producer.Reliability.OUTCOMES_WITHIN;
import static io.liftoff.producer.Reliability.config;
import static io.liftoff.producer.Reliability.millis;
import static io.liftoff.producer.Reliability.readBack;
import static io.liftoff.producer.Reliability.report;
import static io.liftoff.producer.Reliability.run;
import static io.liftoff.producer.Reliability.warmUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.producer.SendLedger.Entry;
import io.liftoff.producer.SendLedger.Fate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code close()} under sustained async load (issue 5, scenario 5): it stops accepting sends, waits
 * for those in flight up to the drain timeout, fails the rest clearly, and never leaves a future
 * pending; nothing acknowledged is lost.
 */
@ExtendWith(TwoBrokerCluster.class)
class CloseUnderLoadIntegrationTests {

    private static TwoBrokerCluster.Servers servers;

    @BeforeAll
    static void cluster(TwoBrokerCluster.Servers cluster) {
        servers = cluster;
    }

    @Test
    void closeWhenBrokersAreHealthyShouldDrainEverySendInFlight() throws Exception {
        String topic = servers.createTopic("close-drain");
        SendLedger ledger = new SendLedger(topic);
        // Budgets a loaded machine keeps (the defaults are 3 s each): that close() drains every
        // send in flight must not depend on how fast two shared cores answer them.
        Duration drainTimeout = Duration.ofSeconds(30);
        Producer producer =
                Producer.create(
                        config(servers, topic)
                                .sendTimeout(Duration.ofSeconds(30))
                                .drainTimeout(drainTimeout)
                                .build());
        warmUp(producer, topic);
        LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 1, 256);
        run(Duration.ofSeconds(1));
        long closing = System.nanoTime();
        producer.close();
        long closed = System.nanoTime();
        load.stop(OUTCOMES_WITHIN);

        assertThat(producer.inFlightMessages()).isZero();
        SendLedger.Report outcome = readBack(servers.nameServer(), topic, ledger);
        List<Entry> refused = ledger.where(e -> e.fate() == Fate.FAILED);
        report(
                "close() under async load, healthy brokers",
                outcome + " closeTookMs=" + millis(closing, closed));

        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        assertThat(outcome.unknown()).as("cut off by close").isZero();
        // the sends made after close began were refused, saying so
        assertThat(refused)
                .allSatisfy(
                        e ->
                                assertThat(e.failure())
                                        .isInstanceOf(ProducerClosedException.class)
                                        .hasMessageContaining("is closed"));
        // goal: as long as the sends in flight take (milliseconds when healthy), never more than
        // the drain timeout; MARGIN for the loaded machine
        assertThat(Duration.ofNanos(closed - closing)).isLessThan(drainTimeout.plus(MARGIN));
    }

    @Test
    void closeWhenABrokerHangsShouldFailWhatIsLeftAfterTheDrainTimeout() throws Exception {
        String topic = servers.createTopic("close-hung");
        SendLedger ledger = new SendLedger(topic);
        Duration drainTimeout = Duration.ofMillis(300);
        // Attempts that never time out within the test: the sends that reach the frozen broker
        // hang there until close() cuts them off, however late a loaded machine gets to close().
        // A plain round robin keeps sending to broker-a: nothing fails on it, and no latency a
        // loaded machine gave its answers before the freeze sets it aside.
        Producer producer =
                Producer.create(
                        config(servers, topic)
                                .sendTimeout(Duration.ofMinutes(5))
                                .attemptTimeout(Duration.ofMinutes(5))
                                .sendLatencyFaultEnable(false)
                                .drainTimeout(drainTimeout)
                                .build());
        warmUp(producer, topic);
        LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 1, 256);
        run(Duration.ofMillis(500));
        long closing;
        long closed;
        servers.clusterA().pauseBroker();
        long stoppedAt = System.nanoTime();
        try {
            // Sends now hang on broker-a until close() cuts them off. Five sends started since the
            // stop and answered (by broker-b) show that the load went on past it, and any five
            // picks of a round robin over 4 + 4 queues include broker-a: one hangs there for sure.
            // The bound only keeps a failure from hanging.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ledger.where(e -> e.start() >= stoppedAt).size() >= 5);
            closing = System.nanoTime();
            producer.close();
            closed = System.nanoTime();
            load.stop(OUTCOMES_WITHIN);
        } finally {
            servers.clusterA().resumeBroker();
        }

        assertThat(producer.inFlightMessages()).isZero();
        List<Entry> cutOff = ledger.where(e -> e.fate() == Fate.UNKNOWN);
        SendLedger.Report outcome = readBack(servers.nameServer(), topic, ledger);
        report(
                "close() under async load, broker-a frozen",
                outcome + " closeTookMs=" + millis(closing, closed));

        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        assertThat(cutOff)
                .isNotEmpty()
                .allSatisfy(
                        e ->
                                assertThat(e.failure())
                                        .isInstanceOf(ProducerClosedException.class)
                                        .hasMessageContaining("drainTimeout 300 ms"));
        // goal: the drain, then unregistering from the frozen broker, bounded by the request
        // timeout; MARGIN for the loaded machine
        assertThat(Duration.ofNanos(closed - closing))
                .isLessThan(drainTimeout.plus(ProducerConfig.DEFAULT_REQUEST_TIMEOUT).plus(MARGIN));
    }
}
