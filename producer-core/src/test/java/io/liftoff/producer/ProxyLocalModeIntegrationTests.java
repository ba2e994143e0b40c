package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.ProxyAddress;
import io.liftoff.producer.message.Message;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Why a remoting client cannot use the RocketMQ 5.5.0 Proxy in local mode (the broker inside the
 * Proxy's JVM): its remoting listener answers route look-ups, but names the Proxy's gRPC port as
 * the broker's address ({@code LocalTopicRouteService} builds every route with {@code
 * grpcServerPort}; no setting changes that for remoting clients, {@code useEndpointPortFromRequest}
 * is read by the gRPC route only), and that port does not speak remoting. Remoting clients of a
 * local-mode deployment use its NameServer and the broker's own port instead.
 */
class ProxyLocalModeIntegrationTests {

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void start() {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .serverClasspathFile(
                                Path.of(System.getProperty("liftoff.rocketmq55.classpath")))
                        .localProxy()
                        .start();
        rocketmq.createTopic("local-proxy", 2);
    }

    @AfterAll
    static void stop() {
        rocketmq.close();
    }

    @Test
    void routeOfTheLocalModeProxyShouldNameItsGrpcPortWhichRefusesRemotingSends() {
        ProxyAddress proxy = rocketmq.proxies().get(0);
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(proxy.remoting())
                        .group("local-proxy")
                        .requestTimeout(Duration.ofSeconds(5))
                        .sendTimeout(Duration.ofSeconds(5))
                        .build();
        try (Producer producer = Producer.create(config)) {
            assertThatThrownBy(
                            () -> producer.send(Message.builder("local-proxy").body("x").build()))
                    .isInstanceOf(ProducerException.class);
            // the route came from the remoting port, and names the broker at the gRPC port
            assertThat(producer.connectionStatus().brokers())
                    .singleElement()
                    .satisfies(
                            broker -> {
                                assertThat(broker.brokerName()).isEqualTo(rocketmq.brokerName());
                                assertThat(broker.status().address()).isEqualTo(proxy.grpc());
                                assertThat(broker.status().state())
                                        .isNotEqualTo(EndpointStatus.State.REACHABLE);
                            });
        }

        // the broker inside the Proxy serves remoting clients on its own port, via the NameServer
        try (Producer direct =
                Producer.create(
                        config.toBuilder().nameServer(rocketmq.nameServerAddress()).build())) {
            assertThat(direct.send(Message.builder("local-proxy").body("direct").build()).status())
                    .isEqualTo(SendStatus.SEND_OK);
        }
    }
}
