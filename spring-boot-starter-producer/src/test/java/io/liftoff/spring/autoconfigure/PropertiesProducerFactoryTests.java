package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PropertiesProducerFactoryTests {

    private final ProducerSource defaultSource =
            ProducerSource.defaultProducer(new RocketMQProperties());

    @Test
    void propertyOfKnownSettingShouldBeItsKey() {
        assertThat(
                        PropertiesProducerFactory.propertyOf(
                                this.defaultSource, "maxInFlightBytes must be at least 1, was 0"))
                .isEqualTo("rocketmq.producer.back-pressure.max-in-flight-bytes");
    }

    @Test
    void propertyOfNameServerShouldBeWhereItCameFrom() {
        assertThat(
                        PropertiesProducerFactory.propertyOf(
                                this.defaultSource, "nameServer entry 'x' must be 'host:port'"))
                .isEqualTo("rocketmq.name-server");
    }

    @Test
    void propertyOfUnknownSettingShouldBeProducerPropertiesAsWhole() {
        assertThat(
                        PropertiesProducerFactory.propertyOf(
                                this.defaultSource, "somethingNew must be set"))
                .isEqualTo("rocketmq.producer.*");
    }
}
