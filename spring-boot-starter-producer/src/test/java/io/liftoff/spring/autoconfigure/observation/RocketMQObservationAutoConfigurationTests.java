package io.liftoff.spring.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Producer;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.autoconfigure.ProducerConfigCustomizer;
import io.liftoff.spring.observation.ObservationSendHook;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RocketMQObservationAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    LiftoffProducerAutoConfiguration.class,
                                    RocketMQObservationAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.name-server=127.0.0.1:9876",
                            "rocketmq.producer.group=orders-producer");

    @Test
    void runByDefaultShouldNotObserveSends() {
        this.contextRunner
                .withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .run(
                        (context) -> {
                            assertThat(context).doesNotHaveBean(ProducerConfigCustomizer.class);
                            assertThat(context.getBean(Producer.class).config().interceptors())
                                    .isEmpty();
                        });
    }

    @Test
    void runWhenEnabledShouldAddTheHookAfterTheApplicationsInterceptors() {
        SendInterceptor tenant = (message) -> message;
        SendInterceptor audit = (message) -> message;
        ProducerConfigCustomizer addsAudit = (name, builder) -> builder.interceptor(audit);
        this.contextRunner
                .withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .withBean(SendInterceptor.class, () -> tenant)
                .withBean(ProducerConfigCustomizer.class, () -> addsAudit)
                .withPropertyValues(
                        "rocketmq.producer.observation-enabled=true",
                        "rocketmq.producers.audit.group=audit-producer")
                .run(
                        (context) -> {
                            for (String name : new String[] {"liftoffProducer", "auditProducer"}) {
                                Producer producer = context.getBean(name, Producer.class);
                                assertThat(producer.config().interceptors())
                                        .hasSize(3)
                                        .startsWith(tenant, audit);
                                assertThat(producer.config().interceptors())
                                        .last()
                                        .isInstanceOf(ObservationSendHook.class)
                                        .isIn(producer.config().listeners());
                            }
                        });
    }

    @Test
    void runWhenEnabledWithoutObservationRegistryShouldNotObserveSends() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.observation-enabled=true")
                .run(
                        (context) ->
                                assertThat(context)
                                        .doesNotHaveBean(ProducerConfigCustomizer.class));
    }

    @Test
    void runWhenEnabledWithoutMicrometerShouldNotObserveSends() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
                .withPropertyValues("rocketmq.producer.observation-enabled=true")
                .run(
                        (context) -> {
                            assertThat(context).hasSingleBean(Producer.class);
                            assertThat(context).doesNotHaveBean(ProducerConfigCustomizer.class);
                        });
    }
}
