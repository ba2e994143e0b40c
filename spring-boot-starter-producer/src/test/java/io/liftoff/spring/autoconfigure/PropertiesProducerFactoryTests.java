package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PropertiesProducerFactoryTests {

    private final RocketMQProperties root = rootWithNameServer();

    private final ProducerSource defaultSource = ProducerSource.defaultProducer(this.root);

    private final ProducerSource namedSource =
            ProducerSource.named("orders", new RocketMQProperties.NamedProducer());

    private static RocketMQProperties rootWithNameServer() {
        RocketMQProperties root = new RocketMQProperties();
        root.setNameServer("127.0.0.1:9876");
        return root;
    }

    private String propertyOf(ProducerSource source, String message) {
        return PropertiesProducerFactory.propertyOf(
                source, NameServerSource.of(this.root, source), message);
    }

    @Test
    void propertyOfKnownSettingShouldBeItsKey() {
        assertThat(propertyOf(this.defaultSource, "maxInFlightBytes must be at least 1, was 0"))
                .isEqualTo("rocketmq.producer.back-pressure.max-in-flight-bytes");
        assertThat(propertyOf(this.namedSource, "sendTimeout must be a positive duration"))
                .isEqualTo("rocketmq.producers.orders.send-message-timeout");
    }

    @Test
    void propertyOfNameServerShouldBeWhereItCameFrom() {
        assertThat(propertyOf(this.namedSource, "nameServer entry 'x' must be 'host:port'"))
                .isEqualTo("rocketmq.name-server");
    }

    @Test
    void propertyOfAddressServerSettingsShouldBeTheirKeys() {
        assertThat(propertyOf(this.defaultSource, "nameServerAddressUrl 'x' must be an http://"))
                .isEqualTo("rocketmq.name-server-address-url");
        assertThat(
                        propertyOf(
                                this.namedSource,
                                "nameServerAddressRefreshInterval must be a positive duration"))
                .isEqualTo("rocketmq.producers.orders.name-server-address-refresh-interval");
    }

    @Test
    void propertyOfUnknownSettingShouldBeProducerPropertiesAsWhole() {
        assertThat(propertyOf(this.namedSource, "somethingNew must be set"))
                .isEqualTo("rocketmq.producers.orders.*");
    }
}
