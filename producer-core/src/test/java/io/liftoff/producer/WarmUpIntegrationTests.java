package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.producer.ConnectionStatus.BrokerStatus;
import io.liftoff.producer.EndpointStatus.State;
import io.liftoff.producer.internal.DefaultProducer;
import io.liftoff.producer.internal.route.RouteCache;
import io.liftoff.producer.internal.route.StalledNameServer;
import io.liftoff.producer.message.Message;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A producer knows its brokers from {@link Producer#create}: the routes of its warm-up topics are
 * cached and their brokers heartbeated before the first send, or, without warm-up topics, the
 * brokers the name server lists are; and a name server that is down or stalls neither fails nor
 * hangs the start, and the route refresh warms up once it answers. Against the real broker;
 * generous request timeouts, so that a loaded machine does not cut the warm-up short, and bounds
 * that only keep a failure from hanging.
 */
@ExtendWith(EmbeddedRocketMQExtension.class)
class WarmUpIntegrationTests {

    private static final String TOPIC = "warm-up";
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void createTopic(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        cluster.createTopic(TOPIC, 2);
    }

    @Test
    void createWithWarmUpTopicsShouldCacheTheRouteAndHeartbeatItsBrokerBeforeAnySend() {
        try (Producer producer =
                Producer.create(config("warm-up-topics").toBuilder().warmUpTopics(TOPIC).build())) {
            // create waited for the warm-up: nothing is awaited here
            assertThat(routes(producer).cached(TOPIC))
                    .as("the first send finds the route cached and looks nothing up")
                    .isNotNull();
            assertThat(producer.connectionStatus().brokers())
                    .singleElement()
                    .satisfies(this::isTheReachableBroker);

            assertThat(producer.send(Message.builder(TOPIC).body("first").build()).status())
                    .isEqualTo(SendStatus.SEND_OK);
        }
    }

    @Test
    void createWithANamespaceShouldWarmUpTheNamespacedTopic() {
        rocketmq.createTopic("shop%" + TOPIC, 1);
        try (Producer producer =
                Producer.create(
                        config("warm-up-namespace").toBuilder()
                                .namespace("shop")
                                .warmUpTopics(TOPIC)
                                .build())) {
            assertThat(routes(producer).cached("shop%" + TOPIC)).isNotNull();
        }
    }

    @Test
    void createWithoutWarmUpTopicsShouldLearnAndHeartbeatTheClustersBrokers() {
        try (Producer producer = Producer.create(config("warm-up-cluster"))) {
            assertThat(producer.connectionStatus().brokers())
                    .singleElement()
                    .satisfies(this::isTheReachableBroker);
            assertThat(producer.connectionStatus().nameServers())
                    .singleElement()
                    .extracting(EndpointStatus::state)
                    .isEqualTo(State.REACHABLE);
            assertThat(routes(producer).cached(TOPIC)).as("no route was looked up").isNull();
        }
    }

    @Test
    void createWhenTheNameServerIsDownShouldStartAndSayWhy() throws IOException {
        String closed = closedAddress();
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(closed)
                        .group("warm-up-no-name-server")
                        .requestTimeout(Duration.ofSeconds(1))
                        .warmUpTopics(TOPIC)
                        .build();

        try (Producer producer =
                assertTimeoutPreemptively(GENEROUS, () -> Producer.create(config))) {
            assertThat(producer.connectionStatus().nameServers())
                    .singleElement()
                    .satisfies(
                            nameServer -> {
                                assertThat(nameServer.address()).isEqualTo(closed);
                                assertThat(nameServer.state()).isEqualTo(State.UNREACHABLE);
                                assertThat(nameServer.lastError()).isNotBlank();
                            });
            assertThat(producer.connectionStatus().brokers()).isEmpty();
        }
    }

    @Test
    void createWhenTheNameServerStallsShouldReturnSayWhyAndWarmUpOnceItAnswers() throws Exception {
        try (StalledNameServer nameServer = StalledNameServer.start()) {
            ProducerConfig config =
                    ProducerConfig.builder()
                            .nameServer(nameServer.address())
                            .group("warm-up-stalled")
                            .requestTimeout(Duration.ofSeconds(1))
                            .routeRefreshInterval(Duration.ofSeconds(1))
                            .warmUpTopics(TOPIC)
                            .build();
            try (Producer producer =
                    assertTimeoutPreemptively(GENEROUS, () -> Producer.create(config))) {
                assertThat(nameServer.requests(TOPIC)).isPositive();
                assertThat(producer.connectionStatus().nameServers())
                        .singleElement()
                        .satisfies(
                                status -> {
                                    assertThat(status.state()).isEqualTo(State.UNREACHABLE);
                                    assertThat(status.lastError()).contains("timed out");
                                });
                assertThat(routes(producer).cached(TOPIC)).isNull();

                // the route refresh warms the topic up once the name server answers, no send needed
                nameServer.answer(
                        Map.of(
                                TOPIC,
                                StalledNameServer.route(
                                        rocketmq.brokerName(), rocketmq.brokerAddress(), 2)));
                await().atMost(GENEROUS)
                        .untilAsserted(
                                () -> {
                                    assertThat(routes(producer).cached(TOPIC)).isNotNull();
                                    assertThat(producer.connectionStatus().brokers())
                                            .singleElement()
                                            .satisfies(this::isTheReachableBroker);
                                });
            }
        }
    }

    private void isTheReachableBroker(BrokerStatus broker) {
        assertThat(broker.brokerName()).isEqualTo(rocketmq.brokerName());
        assertThat(broker.status().address()).isEqualTo(rocketmq.brokerAddress());
        assertThat(broker.status().state()).isEqualTo(State.REACHABLE);
        assertThat(broker.status().lastSuccess()).isNotNull();
    }

    private static RouteCache routes(Producer producer) {
        return ((DefaultProducer) producer).client().routes();
    }

    private static ProducerConfig config(String group) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .requestTimeout(GENEROUS)
                .build();
    }

    /** An address that refuses connections: a port that was free a moment ago. */
    private static String closedAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }
}
