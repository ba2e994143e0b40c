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
        Producer producer = Producer.create(config(servers, topic).build());
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
        assertThat(Duration.ofNanos(closed - closing))
                .isLessThan(ProducerConfig.DEFAULT_DRAIN_TIMEOUT.plus(MARGIN));
    }

    @Test
    void closeWhenABrokerHangsShouldFailWhatIsLeftAfterTheDrainTimeout() throws Exception {
        String topic = servers.createTopic("close-hung");
        SendLedger ledger = new SendLedger(topic);
        Duration drainTimeout = Duration.ofMillis(300);
        Producer producer =
                Producer.create(config(servers, topic).drainTimeout(drainTimeout).build());
        warmUp(producer, topic);
        LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 1, 256);
        run(Duration.ofMillis(500));
        long closing;
        long closed;
        servers.clusterA().pauseBroker();
        try {
            // sends now hang on broker-a; close before their attempt timeout (1 s) frees them
            run(Duration.ofMillis(200));
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
        // the drain, then unregistering from the frozen broker, bounded by the request timeout
        assertThat(Duration.ofNanos(closed - closing))
                .isLessThan(drainTimeout.plus(ProducerConfig.DEFAULT_REQUEST_TIMEOUT).plus(MARGIN));
    }
}
