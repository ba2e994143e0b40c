package io.liftoff.producer;

import static io.liftoff.producer.Reliability.MARGIN;
import static io.liftoff.producer.Reliability.OUTCOMES_WITHIN;
import static io.liftoff.producer.Reliability.assertDrained;
import static io.liftoff.producer.Reliability.awaitFullRoute;
import static io.liftoff.producer.Reliability.config;
import static io.liftoff.producer.Reliability.millis;
import static io.liftoff.producer.Reliability.readBack;
import static io.liftoff.producer.Reliability.report;
import static io.liftoff.producer.Reliability.run;
import static io.liftoff.producer.Reliability.warmUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.SendLedger.Fate;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Losing the NameServers (issue 5, scenario 3): with one down the producer fails over to the other;
 * with both down it keeps sending on its cached routes; once they are back its route refresh
 * resumes.
 */
@ExtendWith(TwoBrokerCluster.class)
class NameServerLossIntegrationTests {

    private static TwoBrokerCluster.Servers servers;

    @BeforeAll
    static void cluster(TwoBrokerCluster.Servers cluster) {
        servers = cluster;
    }

    @Test
    void sendWhenNameServersAreDownShouldUseCachedRoutesAndRefreshWhenTheyAreBack()
            throws Exception {
        EmbeddedRocketMQ clusterA = servers.clusterA();
        String topic = servers.createTopic("ns-loss");
        SendLedger ledger = new SendLedger(topic);
        ProducerConfig config =
                config(servers, topic)
                        .routeRefreshInterval(Duration.ofSeconds(1))
                        .requestTimeout(Duration.ofSeconds(1))
                        .build();
        long newTopicFailedWithinMs;
        Instant restarted;
        long answeringAgainAfterMs;
        try (Producer producer = Producer.create(config)) {
            warmUp(producer, topic);
            LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 1, 16);
            run(Duration.ofSeconds(1));

            clusterA.stopNameServer(0);
            // preconditions: the bounds only keep a failure from hanging (goal: a refresh, 1 s)
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    nameServerStates(producer).get(0)
                                            == EndpointStatus.State.UNREACHABLE);
            run(Duration.ofSeconds(1));
            clusterA.stopNameServer(1);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    nameServerStates(producer).stream()
                                            .allMatch(s -> s == EndpointStatus.State.UNREACHABLE));
            run(Duration.ofSeconds(2));

            // a topic never looked up has no cached route: the send fails, and says why, quickly
            long asking = System.nanoTime();
            assertThatExceptionOfType(ProducerException.class)
                    .isThrownBy(() -> producer.send(Message.builder("ns-new").body("x").build()))
                    .withMessageContaining("no name server answered");
            newTopicFailedWithinMs = millis(asking, System.nanoTime());

            clusterA.startNameServer(0);
            clusterA.startNameServer(1);
            restarted = Instant.now();
            // the brokers re-register within 10 s; a topic created now is served at once
            servers.createTopic("ns-new");
            // goal: the next refresh (1 s), which probes every name server, back-off or not; the
            // bound only keeps a failure from hanging
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    producer.connectionStatus().nameServers().stream()
                                            .allMatch(s -> answeredSince(s, restarted)));
            answeringAgainAfterMs = Duration.between(restarted, Instant.now()).toMillis();
            assertThat(producer.send(Message.builder("ns-new").body("x").build()).status())
                    .isEqualTo(SendStatus.SEND_OK);
            load.stop(OUTCOMES_WITHIN);
            assertDrained(producer);
        }
        // the consumer needs the full route again: wait until a fresh client sees both brokers
        awaitFullRoute(servers, topic);
        SendLedger.Report outcome = readBack(servers.nameServer(), topic, ledger);
        report(
                "both NameServers down for ~3 s, then restarted",
                outcome
                        + " unknownTopicFailedWithinMs="
                        + newTopicFailedWithinMs
                        + " nameServersAnsweringAgainAfterMs="
                        + answeringAgainAfterMs);

        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        assertThat(ledger.where(e -> e.fate() != Fate.ACKNOWLEDGED)).isEmpty();
        // goal: at once (milliseconds: both refuse connections), never waiting for more than the
        // request timeout; MARGIN for the loaded machine
        assertThat(Duration.ofMillis(newTopicFailedWithinMs))
                .isLessThan(config.requestTimeout().plus(MARGIN));
    }

    private static List<EndpointStatus.State> nameServerStates(Producer producer) {
        return producer.connectionStatus().nameServers().stream()
                .map(EndpointStatus::state)
                .toList();
    }

    private static boolean answeredSince(EndpointStatus status, Instant since) {
        return status.state() == EndpointStatus.State.REACHABLE
                && status.lastSuccess() != null
                && status.lastSuccess().isAfter(since);
    }
}
