package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Producer;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.spring.core.ProducerOperations;
import io.liftoff.spring.core.ProducerTemplate;
import io.liftoff.spring.core.RecordingProducer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class NamedProducersTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    LiftoffProducerAutoConfiguration.class,
                                    ProducerTemplateAutoConfiguration.class))
                    .withPropertyValues("rocketmq.name-server=127.0.0.1:9876");

    @Test
    void runWithTwoNamedProducersShouldRegisterProducerAndTemplateForEach() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producers.orders.group=orders-producer",
                        "rocketmq.producers.orders.send-message-timeout=5s",
                        "rocketmq.producers.audit.group=audit-producer",
                        "rocketmq.producers.audit.name-server=127.0.0.2:9876")
                .run(
                        (context) -> {
                            Producer orders = context.getBean("ordersProducer", Producer.class);
                            Producer audit = context.getBean("auditProducer", Producer.class);
                            assertThat(orders.config().group()).isEqualTo("orders-producer");
                            assertThat(orders.config().nameServer()).isEqualTo("127.0.0.1:9876");
                            assertThat(orders.config().sendTimeout())
                                    .isEqualTo(Duration.ofSeconds(5));
                            assertThat(audit.config().group()).isEqualTo("audit-producer");
                            assertThat(audit.config().nameServer()).isEqualTo("127.0.0.2:9876");
                            assertThat(audit.config().sendTimeout())
                                    .isEqualTo(Duration.ofSeconds(3));
                            assertThat(
                                            context.getBean(
                                                            "ordersProducerTemplate",
                                                            ProducerTemplate.class)
                                                    .getProducer())
                                    .isSameAs(orders);
                            assertThat(
                                            context.getBean(
                                                            "auditProducerTemplate",
                                                            ProducerTemplate.class)
                                                    .getProducer())
                                    .isSameAs(audit);
                        });
    }

    @Test
    void runWithOnlyNamedProducersShouldCreateNoDefaultProducer() {
        this.contextRunner
                .withPropertyValues("rocketmq.producers.orders.group=orders-producer")
                .run(
                        (context) -> {
                            assertThat(context).hasNotFailed();
                            assertThat(context.getBeansOfType(Producer.class))
                                    .containsOnlyKeys("ordersProducer");
                        });
    }

    @Test
    void runWithDefaultAndNamedProducersShouldInjectDefaultByTypeAndNamedByQualifier() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.group=default-producer",
                        "rocketmq.producers.orders.group=orders-producer")
                .withUserConfiguration(InjectingConfiguration.class)
                .run(
                        (context) -> {
                            Injected injected = context.getBean(Injected.class);
                            assertThat(injected.producer().config().group())
                                    .isEqualTo("default-producer");
                            assertThat(injected.byType())
                                    .isSameAs(context.getBean("producerTemplate"));
                            assertThat(injected.byQualifier())
                                    .isSameAs(context.getBean("ordersProducerTemplate"));
                        });
    }

    @Test
    void runWithNamedProducersShouldApplyInterceptorsAndCustomizers() {
        SendInterceptor interceptor = (message) -> message;
        this.contextRunner
                .withPropertyValues("rocketmq.producers.orders.group=orders-producer")
                .withBean(SendInterceptor.class, () -> interceptor)
                .withBean(
                        ProducerConfigCustomizer.class,
                        () -> (name, builder) -> builder.instanceName("custom"))
                .run(
                        (context) -> {
                            Producer orders = context.getBean("ordersProducer", Producer.class);
                            assertThat(orders.config().interceptors()).containsExactly(interceptor);
                            assertThat(orders.config().instanceName()).isEqualTo("custom");
                        });
    }

    @Test
    void runWithUserBeanOfNamedProducersNameShouldKeepUserBean() {
        this.contextRunner
                .withPropertyValues("rocketmq.producers.orders.group=orders-producer")
                .withUserConfiguration(UserOrdersProducerConfiguration.class)
                .run(
                        (context) -> {
                            assertThat(context.getBean("ordersProducer"))
                                    .isInstanceOf(RecordingProducer.class);
                            assertThat(
                                            context.getBean(
                                                            "ordersProducerTemplate",
                                                            ProducerTemplate.class)
                                                    .getProducer())
                                    .isSameAs(context.getBean("ordersProducer"));
                        });
    }

    @Test
    void runWithNamedProducerWithoutGroupShouldFailNamingItsKey() {
        this.contextRunner
                .withPropertyValues("rocketmq.producers.orders.send-message-timeout=1s")
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            FailureAnalysis analysis = analyze(context.getStartupFailure());
                            assertThat(analysis.getDescription())
                                    .isEqualTo(
                                            "Property 'rocketmq.producers.orders.group' is not set;"
                                                    + " the Liftoff producer needs it.");
                        });
    }

    @Test
    void runWithNamedProducerWithoutAnyNameServerShouldAskForEither() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LiftoffProducerAutoConfiguration.class))
                .withPropertyValues("rocketmq.producers.orders.group=orders-producer")
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            FailureAnalysis analysis = analyze(context.getStartupFailure());
                            assertThat(analysis.getDescription())
                                    .contains("'rocketmq.producers.orders.name-server' is not set");
                            assertThat(analysis.getAction())
                                    .isEqualTo(
                                            "Set 'rocketmq.producers.orders.name-server', e.g."
                                                    + " rocketmq.producers.orders.name-server=127.0.0.1:9876,"
                                                    + " or set"
                                                    + " 'rocketmq.producers.orders.name-server-address-url'"
                                                    + " to fetch them from an HTTP address server,"
                                                    + " or set 'rocketmq.name-server' for every producer,"
                                                    + " or define a Producer bean named 'ordersProducer'"
                                                    + " yourself.");
                        });
    }

    @Test
    void runWithNamedProducerWithInvalidValueShouldFailNamingItsKey() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producers.orders.group=orders-producer",
                        "rocketmq.producers.orders.retry-times-when-send-failed=-3")
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            assertThat(analyze(context.getStartupFailure()).getDescription())
                                    .isEqualTo(
                                            "Property 'rocketmq.producers.orders.retry-times-when-send-failed'"
                                                    + " has an invalid value: retryTimesWhenSendFailed must be"
                                                    + " at least 0, was -3; set it to 0 or more");
                        });
    }

    @Test
    void runWithTwoNamedProducersOfOneGroupShouldFailNamingGroup() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producers.orders.group=same-group",
                        "rocketmq.producers.audit.group=same-group")
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            assertThat(analyze(context.getStartupFailure()).getDescription())
                                    .startsWith("Property 'rocketmq.producers.")
                                    .contains(
                                            ".group' has an invalid value: producer group 'same-group' already has a running producer");
                        });
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new InvalidProducerPropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }

    record Injected(Producer producer, ProducerOperations byType, ProducerOperations byQualifier) {}

    @Configuration(proxyBeanMethods = false)
    static class InjectingConfiguration {

        @Bean
        Injected injected(
                Producer producer,
                ProducerOperations byType,
                @Qualifier("ordersProducerTemplate") ProducerOperations byQualifier) {
            return new Injected(producer, byType, byQualifier);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserOrdersProducerConfiguration {

        @Bean
        RecordingProducer ordersProducer() {
            return new RecordingProducer();
        }
    }
}
