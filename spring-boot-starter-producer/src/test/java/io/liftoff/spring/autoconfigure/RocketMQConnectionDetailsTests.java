package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.TlsOptions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class RocketMQConnectionDetailsTests {

    private static final Credentials TEST_USER = Credentials.of("details-user", "details-secret");

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(LiftoffProducerAutoConfiguration.class));

    @Test
    void runShouldProvideTheDetailsOfTheProperties() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.producer.group=default-producer",
                        "rocketmq.producer.access-key=props-user",
                        "rocketmq.producer.secret-key=props-secret",
                        "rocketmq.producers.orders.group=orders-producer",
                        "rocketmq.producers.orders.name-server=127.0.0.2:9876",
                        "rocketmq.producers.orders.tls-enable=true",
                        "rocketmq.producers.audit.group=audit-producer")
                .run(
                        (context) -> {
                            RocketMQConnectionDetails details =
                                    context.getBean(RocketMQConnectionDetails.class);
                            assertThat(details)
                                    .isInstanceOf(PropertiesRocketMQConnectionDetails.class);
                            assertThat(details.getDefaultProducer())
                                    .isEqualTo(
                                            RocketMQConnectionDetails.Connection.toNameServer(
                                                            "127.0.0.1:9876")
                                                    .withCredentials(
                                                            Credentials.of(
                                                                    "props-user", "props-secret")));
                            RocketMQConnectionDetails.Connection orders =
                                    details.getProducer("orders");
                            assertThat(orders.nameServer()).contains("127.0.0.2:9876");
                            assertThat(orders.tls().enabled()).isTrue();
                            assertThat(orders.credentials()).isEmpty();
                            // a named producer inherits the root name servers, not the default
                            // producer's credentials
                            assertThat(details.getProducer("audit"))
                                    .isEqualTo(
                                            RocketMQConnectionDetails.Connection.toNameServer(
                                                    "127.0.0.1:9876"));
                        });
    }

    @Test
    void runWithDetailsBeanShouldConnectEveryProducerThroughIt(CapturedOutput output) {
        this.contextRunner
                .withUserConfiguration(DetailsConfiguration.class)
                .withPropertyValues(
                        // connection settings the bean replaces: none of them is checked any more
                        "rocketmq.name-server-address-url=http://127.0.0.1:1/ns",
                        "rocketmq.producer.group=default-producer",
                        "rocketmq.producer.tls-enable=true",
                        "rocketmq.producer.ssl.bundle=no-such-bundle",
                        "rocketmq.producer.access-key=only-the-access-key",
                        "rocketmq.producers.orders.group=orders-producer",
                        "rocketmq.producers.orders.name-server=10.0.0.1:9876",
                        "rocketmq.producers.audit.group=audit-producer")
                .run(
                        (context) -> {
                            assertThat(context).hasNotFailed();
                            ProducerConfig defaultConfig = context.getBean(Producer.class).config();
                            assertThat(defaultConfig.nameServer()).isEqualTo("127.0.0.1:19876");
                            assertThat(defaultConfig.nameServerAddressUrl()).isEmpty();
                            assertThat(defaultConfig.tls().enabled()).isFalse();
                            assertThat(defaultConfig.credentials()).contains(TEST_USER);
                            ProducerConfig orders =
                                    context.getBean("ordersProducer", Producer.class).config();
                            assertThat(orders.nameServer()).isEqualTo("127.0.0.1:29876");
                            assertThat(orders.tls().enabled()).isTrue();
                            assertThat(orders.credentials()).isEmpty();
                            ProducerConfig audit =
                                    context.getBean("auditProducer", Producer.class).config();
                            assertThat(audit.nameServer()).isEqualTo("127.0.0.1:19876");
                        });
        assertThat(output)
                .contains(
                        "rocketmq.name-server-address-url is overridden by connection details"
                                + " from the test's details (producer 'default')",
                        "rocketmq.producer.tls-enable is overridden",
                        "rocketmq.producer.ssl.bundle is overridden",
                        "rocketmq.producer.access-key is overridden",
                        "rocketmq.producers.orders.name-server is overridden by connection details"
                                + " from the test's details (producer 'orders')",
                        "rocketmq.name-server-address-url is overridden by connection details"
                                + " from the test's details (producer 'audit')")
                .doesNotContain("10.0.0.1");
    }

    @Test
    void runWithDetailsBeanGivingTheSameValueShouldLogNoOverride(CapturedOutput output) {
        this.contextRunner
                .withUserConfiguration(DetailsConfiguration.class)
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:19876",
                        "rocketmq.producer.group=default-producer",
                        "rocketmq.producer.access-key=details-user",
                        "rocketmq.producer.secret-key=details-secret")
                .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("is overridden");
    }

    @Test
    void runWithDetailsBeanGivingAnInvalidNameServerShouldNameTheBean() {
        this.contextRunner
                .withBean(
                        RocketMQConnectionDetails.class,
                        () -> () -> RocketMQConnectionDetails.Connection.toNameServer("no-port"))
                .withPropertyValues("rocketmq.producer.group=default-producer")
                .run(
                        (context) ->
                                assertThat(context)
                                        .getFailure()
                                        .hasStackTraceContaining(
                                                "Producer 'default' cannot use the connection that")
                                        .hasStackTraceContaining("no-port"));
    }

    @Test
    void connectionShouldRefuseBlankAddressesAndShowNoSecret() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RocketMQConnectionDetails.Connection.toNameServer(" "))
                .withMessage("nameServer must not be null or blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RocketMQConnectionDetails.Connection.toAddressServer(""))
                .withMessage("url must not be null or blank");
        RocketMQConnectionDetails.Connection connection =
                RocketMQConnectionDetails.Connection.toNameServer("127.0.0.1:9876")
                        .withCredentials(TEST_USER);
        assertThat(connection.toString())
                .contains("127.0.0.1:9876", "details-user")
                .doesNotContain("details-secret");
        assertThat(connection.nameServerAddressUrl()).isEqualTo(Optional.empty());
    }

    @Configuration(proxyBeanMethods = false)
    static class DetailsConfiguration {

        @Bean
        RocketMQConnectionDetails testConnectionDetails() {
            return new RocketMQConnectionDetails() {

                @Override
                public Connection getDefaultProducer() {
                    return Connection.toNameServer("127.0.0.1:19876").withCredentials(TEST_USER);
                }

                @Override
                public Connection getProducer(String name) {
                    return name.equals("orders")
                            ? Connection.toNameServer("127.0.0.1:29876")
                                    .withTls(TlsOptions.builder().build())
                            : getDefaultProducer();
                }

                @Override
                public String toString() {
                    return "the test's details";
                }
            };
        }
    }
}
