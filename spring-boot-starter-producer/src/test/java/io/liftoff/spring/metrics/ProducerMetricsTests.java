package io.liftoff.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.spring.core.RecordingProducer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ProducerMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final RecordingProducer producer = new RecordingProducer();

    @Test
    void bindToShouldRegisterGaugesThatFollowTheProducer() {
        new ProducerMetrics(this.producer).bindTo(this.registry);
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
    }

    @Test
    void closeShouldRemoveTheGauges() {
        ProducerMetrics metrics = new ProducerMetrics(this.producer);
        metrics.bindTo(this.registry);

        metrics.close();

        assertThat(this.registry.getMeters()).isEmpty();
    }

    private double gauge(String name) {
        return this.registry.get(name).tag("group", "recording").gauge().value();
    }
}
