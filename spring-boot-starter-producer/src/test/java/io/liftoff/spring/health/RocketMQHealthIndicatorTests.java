package io.liftoff.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.liftoff.producer.ConnectionStatus;
import io.liftoff.producer.ConnectionStatus.BrokerStatus;
import io.liftoff.producer.ConnectionStatus.SendWindowStatus;
import io.liftoff.producer.EndpointStatus;
import io.liftoff.producer.Producer;
import io.liftoff.spring.core.RecordingProducer;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class RocketMQHealthIndicatorTests {

    private static final Instant EARLIER = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:30Z");

    private final RecordingProducer producer = new RecordingProducer();

    @Test
    void createWhenProducerIsNullShouldThrow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RocketMQHealthIndicator(null))
                .withMessageContaining("'producer' must not be null");
    }

    @Test
    void healthWhenEveryServerAnswersShouldReturnUpWithDetails() {
        report(
                List.of(reachable("127.0.0.1:9876", 3)),
                List.of(broker("broker-a", reachable("127.0.0.1:10911", 2))));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsOnlyKeys("nameServers", "brokers")
                .containsEntry(
                        "nameServers",
                        Map.of(
                                "127.0.0.1:9876",
                                Map.of(
                                        "status",
                                        "reachable",
                                        "roundTripMillis",
                                        3L,
                                        "lastSuccess",
                                        "2025-01-01T10:00:30Z")))
                .containsEntry(
                        "brokers",
                        Map.of(
                                "broker-a",
                                Map.of(
                                        "address",
                                        "127.0.0.1:10911",
                                        "status",
                                        "reachable",
                                        "roundTripMillis",
                                        2L,
                                        "lastHeartbeat",
                                        "2025-01-01T10:00:30Z",
                                        "sendWindow",
                                        Map.of(
                                                "limit",
                                                32,
                                                "inFlight",
                                                0,
                                                "waiting",
                                                0,
                                                "flowControlAnswers",
                                                0L))));
    }

    @Test
    void healthWhenABrokerShedsLoadShouldShowItsNarrowWindowAndStayUp() {
        report(
                List.of(reachable("127.0.0.1:9876", 1)),
                List.of(
                        new BrokerStatus(
                                "broker-a",
                                reachable("127.0.0.1:10911", 2),
                                new SendWindowStatus(2, 2, 150, 1234))));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(broker(health, "broker-a"))
                .containsEntry(
                        "sendWindow",
                        Map.of(
                                "limit",
                                2,
                                "inFlight",
                                2,
                                "waiting",
                                150,
                                "flowControlAnswers",
                                1234L));
    }

    @Test
    void healthWhenNoNameServerAnswersShouldReturnDown() {
        report(
                List.of(
                        unreachable("127.0.0.1:9876", "connection refused: /127.0.0.1:9876"),
                        unreachable("127.0.0.1:9877", "no answer within 3000 ms")),
                List.of());

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("reason", "no name server answers")
                .containsEntry("unhealthy", List.of("127.0.0.1:9876", "127.0.0.1:9877"));
        assertThat(nameServer(health, "127.0.0.1:9876"))
                .containsEntry("status", "unreachable")
                .containsEntry("error", "connection refused: /127.0.0.1:9876")
                .containsEntry("lastFailure", "2025-01-01T10:00:30Z")
                .containsEntry("lastSuccess", "2025-01-01T10:00:00Z");
    }

    @Test
    void healthWhenEveryBrokerMissedItsHeartbeatShouldReturnDown() {
        report(
                List.of(reachable("127.0.0.1:9876", 1)),
                List.of(
                        broker("broker-a", unreachable("127.0.0.1:10911", "refused")),
                        broker("broker-b", unreachable("127.0.0.1:10921", "refused"))));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("unhealthy", List.of("127.0.0.1:10911", "127.0.0.1:10921"));
    }

    @Test
    void healthWhenEveryBrokerMissedItsHeartbeatShouldSayWhy() {
        report(
                List.of(reachable("127.0.0.1:9876", 1)),
                List.of(broker("broker-a", unreachable("127.0.0.1:10911", "refused"))));

        assertThat(health().getDetails())
                .containsEntry(
                        "reason", "no broker is reachable: each one missed its last heartbeat");
    }

    @Test
    void healthWhenNameServersAnswerButListNoBrokerShouldReturnDownSayingWhy() {
        report(List.of(reachable("127.0.0.1:9876", 1)), List.of());

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("brokers", Map.of())
                .doesNotContainKey("unhealthy");
        assertThat((String) health.getDetails().get("reason"))
                .startsWith("no broker is known: the name servers list none");
    }

    @Test
    void healthWhenOneNameServerOfTwoIsDownShouldReturnUpNamingIt() {
        report(
                List.of(
                        reachable("127.0.0.1:9876", 1),
                        unreachable("127.0.0.1:9877", "connection refused")),
                List.of(broker("broker-a", reachable("127.0.0.1:10911", 2))));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("unhealthy", List.of("127.0.0.1:9877"));
    }

    @Test
    void healthWhenOneBrokerOfTwoIsDownShouldReturnUpNamingIt() {
        report(
                List.of(reachable("127.0.0.1:9876", 1)),
                List.of(
                        broker("broker-a", reachable("127.0.0.1:10911", 2)),
                        broker("broker-b", unreachable("127.0.0.1:10921", "refused"))));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("unhealthy", List.of("127.0.0.1:10921"));
        assertThat(broker(health, "broker-b"))
                .containsEntry("address", "127.0.0.1:10921")
                .containsEntry("status", "unreachable")
                .containsEntry("lastHeartbeat", "2025-01-01T10:00:00Z");
    }

    @Test
    void healthWhenBrokerHadNoHeartbeatYetShouldReturnUp() {
        report(
                List.of(reachable("127.0.0.1:9876", 1)),
                List.of(broker("broker-a", EndpointStatus.unknown("127.0.0.1:10911"))));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(broker(health, "broker-a"))
                .containsOnlyKeys("address", "status", "sendWindow")
                .containsEntry("address", "127.0.0.1:10911")
                .containsEntry("status", "unknown");
    }

    @Test
    void healthBeforeAnyRequestShouldReturnUnknown() {
        report(
                List.of(
                        EndpointStatus.unknown("127.0.0.1:9876"),
                        EndpointStatus.unknown("127.0.0.1:9877")),
                List.of());

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(nameServer(health, "127.0.0.1:9877"))
                .containsOnly(Map.entry("status", "unknown"));
        assertThat(health.getDetails()).doesNotContainKey("unhealthy");
    }

    @Test
    void healthWhenErrorSpansLinesShouldShowOnlyTheStartOfItsFirstLine() {
        String longLine = "refused " + "x".repeat(300);
        report(
                List.of(
                        unreachable(
                                "127.0.0.1:9876", longLine + "\n\tat some.Frame(Frame.java:1)")),
                List.of());

        String error = (String) nameServer(health(), "127.0.0.1:9876").get("error");

        assertThat(error)
                .startsWith("refused x")
                .hasSize(161)
                .endsWith("…")
                .doesNotContain("Frame");
    }

    @Test
    void healthShouldShowErrorsWithoutTheClassNamesOfWrappedExceptions() {
        report(
                List.of(
                        unreachable(
                                "127.0.0.1:9876",
                                "failed to connect to 127.0.0.1:9876:"
                                        + " io.netty.channel.AbstractChannel$AnnotatedConnectException:"
                                        + " Connection refused: /127.0.0.1:9876")),
                List.of());

        assertThat(nameServer(health(), "127.0.0.1:9876"))
                .containsEntry(
                        "error",
                        "failed to connect to 127.0.0.1:9876: Connection refused: /127.0.0.1:9876");
    }

    @Test
    void healthWhenConnectionStatusFailsShouldReturnDown() {
        Producer failing =
                (Producer)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {Producer.class},
                                (proxy, method, args) -> {
                                    throw new IllegalStateException("closed");
                                });

        Health health = new RocketMQHealthIndicator(failing).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("error", "java.lang.IllegalStateException: closed");
    }

    private void report(List<EndpointStatus> nameServers, List<BrokerStatus> brokers) {
        this.producer.reportConnectionStatus(new ConnectionStatus(nameServers, brokers));
    }

    private Health health() {
        return new RocketMQHealthIndicator(this.producer).health();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nameServer(Health health, String address) {
        return ((Map<String, Map<String, Object>>) health.getDetails().get("nameServers"))
                .get(address);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> broker(Health health, String brokerName) {
        return ((Map<String, Map<String, Object>>) health.getDetails().get("brokers"))
                .get(brokerName);
    }

    private static EndpointStatus reachable(String address, long roundTripMillis) {
        return EndpointStatus.unknown(address).answered(Duration.ofMillis(roundTripMillis), NOW);
    }

    private static EndpointStatus unreachable(String address, String error) {
        return EndpointStatus.unknown(address)
                .answered(Duration.ofMillis(1), EARLIER)
                .failed(error, NOW);
    }

    /** A broker's status with the window of a broker that never shed load. */
    private static BrokerStatus broker(String name, EndpointStatus status) {
        return new BrokerStatus(name, status, new SendWindowStatus(32, 0, 0, 0));
    }
}
