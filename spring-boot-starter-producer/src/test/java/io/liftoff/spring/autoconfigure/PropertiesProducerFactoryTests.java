package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PropertiesProducerFactoryTests {

    private final ProducerSource defaultSource =
            ProducerSource.defaultProducer(new RocketMQProperties());

    private final ProducerSource namedSource =
            ProducerSource.named(
                    "orders", new RocketMQProperties.NamedProducer(), "127.0.0.1:9876", null);

    @Test
    void propertyOfKnownSettingShouldBeItsKey() {
        assertThat(
                        PropertiesProducerFactory.propertyOf(
                                this.defaultSource, "maxInFlightBytes must be at least 1, was 0"))
                .isEqualTo("rocketmq.producer.back-pressure.max-in-flight-bytes");
        assertThat(
                        PropertiesProducerFactory.propertyOf(
                                this.namedSource, "sendTimeout must be a positive duration"))
                .isEqualTo("rocketmq.producers.orders.send-message-timeout");
    }

    @Test
    void propertyOfNameServerShouldBeWhereItCameFrom() {
        assertThat(
                        PropertiesProducerFactory.propertyOf(
                                this.namedSource, "nameServer entry 'x' must be 'host:port'"))
                .isEqualTo("rocketmq.name-server");
    }

    @Test
    void propertyOfAddressServerSettingsShouldBeTheirKeys() {
        assertThat(
                        PropertiesProducerFactory.propertyOf(
                                this.defaultSource, "nameServerAddressUrl 'x' must be an http://"))
                .isEqualTo("rocketmq.name-server-address-url");
        assertThat(
                        PropertiesProducerFactory.propertyOf(
                                this.namedSource,
                                "nameServerAddressRefreshInterval must be a positive duration"))
                .isEqualTo("rocketmq.producers.orders.name-server-address-refresh-interval");
    }

    @Test
    void propertyOfUnknownSettingShouldBeProducerPropertiesAsWhole() {
        assertThat(
                        PropertiesProducerFactory.propertyOf(
                                this.namedSource, "somethingNew must be set"))
                .isEqualTo("rocketmq.producers.orders.*");
    }
}
