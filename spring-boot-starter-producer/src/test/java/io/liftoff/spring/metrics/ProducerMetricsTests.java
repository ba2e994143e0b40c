package io.liftoff.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.ConnectionStatus;
import io.liftoff.producer.ConnectionStatus.BrokerStatus;
import io.liftoff.producer.ConnectionStatus.SendWindowStatus;
import io.liftoff.producer.EndpointStatus;
import io.liftoff.spring.core.RecordingProducer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final RecordingProducer producer = new RecordingProducer();

    @Test
    void bindToShouldRegisterGaugesThatFollowTheProducer() {
        ProducerMetrics metrics = new ProducerMetrics(this.producer);
        metrics.bindTo(this.registry);
        this.producer.reportInFlight(3, 4096, 2);

        assertThat(gauge("rocketmq.producer.in.flight.messages")).isEqualTo(3);
        assertThat(gauge("rocketmq.producer.in.flight.bytes")).isEqualTo(4096);
        assertThat(gauge("rocketmq.producer.pending.requests")).isEqualTo(2);
        assertThat(
                        this.registry
                                .get("rocketmq.producer.in.flight.bytes")
                                .gauge()
                                .getId()
                                .getBaseUnit())
                .isEqualTo("bytes");
        metrics.close();
    }

    @Test
    void bindToShouldRegisterTheSendWindowOfEachBrokerAndFindNewBrokersLater() {
        reportBrokers(
                new BrokerStatus("broker-a", reachable(), new SendWindowStatus(2, 2, 150, 9)));
        ProducerMetrics metrics = new ProducerMetrics(this.producer);
        metrics.bindTo(this.registry);

        assertThat(brokerGauge("rocketmq.producer.send.window", "broker-a")).isEqualTo(2);
        assertThat(brokerGauge("rocketmq.producer.send.waiting", "broker-a")).isEqualTo(150);

        reportBrokers(
                new BrokerStatus("broker-a", reachable(), new SendWindowStatus(5, 5, 0, 9)),
                new BrokerStatus("broker-b", reachable(), new SendWindowStatus(32, 1, 0, 0)));
        metrics.refreshBrokers();

        assertThat(brokerGauge("rocketmq.producer.send.window", "broker-a")).isEqualTo(5);
        assertThat(brokerGauge("rocketmq.producer.send.window", "broker-b")).isEqualTo(32);
        assertThat(this.registry.find("rocketmq.producer.send.window").gauges()).hasSize(2);

        reportBrokers();
        assertThat(brokerGauge("rocketmq.producer.send.window", "broker-a")).isNaN();
        metrics.close();
    }

    @Test
    void closeShouldRemoveTheGauges() {
        reportBrokers(new BrokerStatus("broker-a", reachable(), new SendWindowStatus(2, 2, 0, 1)));
        ProducerMetrics metrics = new ProducerMetrics(this.producer);
        metrics.bindTo(this.registry);

        metrics.close();

        assertThat(this.registry.getMeters()).isEmpty();
    }

    private void reportBrokers(BrokerStatus... brokers) {
        this.producer.reportConnectionStatus(new ConnectionStatus(List.of(), List.of(brokers)));
    }

    private static EndpointStatus reachable() {
        return EndpointStatus.unknown("127.0.0.1:10911");
    }

    private double brokerGauge(String name, String broker) {
        return this.registry
                .get(name)
                .tag("group", "recording")
                .tag("broker", broker)
                .gauge()
                .value();
    }

    private double gauge(String name) {
        return this.registry.get(name).tag("group", "recording").gauge().value();
    }
}
