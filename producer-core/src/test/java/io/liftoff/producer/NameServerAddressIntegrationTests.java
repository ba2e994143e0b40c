package io.liftoff.producer;

import static io.liftoff.producer.Reliability.OUTCOMES_WITHIN;
import static io.liftoff.producer.Reliability.assertDrained;
import static io.liftoff.producer.Reliability.awaitFullRoute;
import static io.liftoff.producer.Reliability.readBack;
import static io.liftoff.producer.Reliability.report;
import static io.liftoff.producer.Reliability.run;
import static io.liftoff.producer.Reliability.warmUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.SendLedger.Fate;
import io.liftoff.producer.internal.route.LocalAddressServer;
import io.liftoff.producer.message.Message;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Name servers from an HTTP address server (a real JDK server on 127.0.0.1) while the producer
 * sends to a real cluster: the list starts with a dead address, then moves to the other NameServer
 * and the first one is stopped; sends go on throughout.
 */
@ExtendWith(TwoBrokerCluster.class)
class NameServerAddressIntegrationTests {

    private static TwoBrokerCluster.Servers servers;

    @BeforeAll
    static void cluster(TwoBrokerCluster.Servers cluster) {
        servers = cluster;
    }

    @Test
    void sendWhenTheAddressServerMovesToAnotherNameServerShouldKeepWorking() throws Exception {
        EmbeddedRocketMQ clusterA = servers.clusterA();
        String first = clusterA.nameServerAddresses().get(0);
        String second = clusterA.nameServerAddresses().get(1);
        String dead = "127.0.0.1:" + unusedPort();
        String topic = servers.createTopic("nsaddr");
        String newTopic = servers.createTopic("nsaddr-new");
        SendLedger ledger = new SendLedger(topic);
        SendResult afterSwitch;
        try (LocalAddressServer addressServer = LocalAddressServer.start()) {
            addressServer.answer(200, dead + ";" + first + "\n");
            ProducerConfig config =
                    ProducerConfig.builder()
                            .nameServerAddressUrl(addressServer.url().toString())
                            .group(topic)
                            .nameServerAddressRefreshInterval(Duration.ofMillis(200))
                            .routeRefreshInterval(Duration.ofSeconds(1))
                            .build();
            try (Producer producer = Producer.create(config)) {
                // the first look-up finds the dead address refusing and asks the next one
                warmUp(producer, topic);
                LoadGenerator load = LoadGenerator.start(producer, topic, ledger, 1, 16);
                run(Duration.ofSeconds(1));

                addressServer.answer(200, second);
                // a precondition (goal: the next poll, 200 ms); the bound only keeps a failure
                // from hanging
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> nameServers(producer).equals(List.of(second)));
                clusterA.stopNameServer(0);
                try {
                    // route refreshes (every second) and a first look-up now need the second
                    run(Duration.ofSeconds(2));
                    afterSwitch = producer.send(Message.builder(newTopic).body("x").build());
                    // the state is that of the last request: a refresh that a loaded machine let
                    // time out in between would show UNREACHABLE for a moment
                    await().atMost(Duration.ofSeconds(30))
                            .untilAsserted(
                                    () ->
                                            assertThat(producer.connectionStatus().nameServers())
                                                    .singleElement()
                                                    .extracting(EndpointStatus::state)
                                                    .isEqualTo(EndpointStatus.State.REACHABLE));
                } finally {
                    clusterA.startNameServer(0);
                }
                load.stop(OUTCOMES_WITHIN);
                assertDrained(producer);
            }
        }
        SendLedger.Report outcome = readBack(second, topic, ledger);
        report("address server moves the producer to the other NameServer", outcome.toString());
        // the restarted NameServer must know the routes again before other tests ask it
        awaitFullRoute(servers, topic);

        assertThat(afterSwitch.status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(OfficialConsumer.readAll(second, newTopic, 1, Duration.ofSeconds(60)))
                .hasSize(1);
        assertThat(outcome.lost()).as("acknowledged but not consumed").isEmpty();
        assertThat(ledger.where(e -> e.fate() != Fate.ACKNOWLEDGED)).isEmpty();
    }

    private static List<String> nameServers(Producer producer) {
        return producer.connectionStatus().nameServers().stream()
                .map(EndpointStatus::address)
                .toList();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
