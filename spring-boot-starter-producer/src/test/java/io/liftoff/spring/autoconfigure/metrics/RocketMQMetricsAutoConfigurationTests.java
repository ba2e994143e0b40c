package io.liftoff.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Producer;
import io.liftoff.producer.SendEvent;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.message.Message;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.core.RecordingProducer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RocketMQMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    LiftoffProducerAutoConfiguration.class,
                                    RocketMQMetricsAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.name-server=127.0.0.1:9876",
                            "rocketmq.producer.group=orders-producer");

    @Test
    void runWithMeterRegistryShouldRecordSendsAndGaugesTaggedWithGroup() {
        this.contextRunner
                .withBean(SimpleMeterRegistry.class)
                .run(
                        (context) -> {
                            MeterRegistry registry = context.getBean(MeterRegistry.class);
                            sendThrough(context.getBean(Producer.class));
                            assertThat(
                                            registry.get("rocketmq.producer.send")
                                                    .tag("group", "orders-producer")
                                                    .timer()
                                                    .count())
                                    .isEqualTo(1);
                            assertThat(
                                            registry.get("rocketmq.producer.in.flight.messages")
                                                    .tag("group", "orders-producer")
                                                    .gauge()
                                                    .value())
                                    .isZero();
                            assertThat(registry.find("rocketmq.producer.in.flight.bytes").gauge())
                                    .isNotNull();
                            assertThat(registry.find("rocketmq.producer.pending.requests").gauge())
                                    .isNotNull();
                        });
    }

    @Test
    void runWithNamedProducersShouldTagEachWithItsGroup() {
        this.contextRunner
                .withBean(SimpleMeterRegistry.class)
                .withPropertyValues("rocketmq.producers.audit.group=audit-producer")
                .run(
                        (context) -> {
                            MeterRegistry registry = context.getBean(MeterRegistry.class);
                            sendThrough(context.getBean("auditProducer", Producer.class));
                            assertThat(
                                            registry.get("rocketmq.producer.send")
                                                    .tag("group", "audit-producer")
                                                    .timer()
                                                    .count())
                                    .isEqualTo(1);
                            assertThat(
                                            registry.find("rocketmq.producer.in.flight.messages")
                                                    .gauges())
                                    .hasSize(2);
                        });
    }

    @Test
    void runWithUserProducerShouldRegisterItsGauges() {
        this.contextRunner
                .withBean(SimpleMeterRegistry.class)
                .withBean(Producer.class, RecordingProducer::new)
                .run(
                        (context) ->
                                assertThat(
                                                context.getBean(MeterRegistry.class)
                                                        .find(
                                                                "rocketmq.producer.in.flight.messages")
                                                        .tag("group", "recording")
                                                        .gauge())
                                        .isNotNull());
    }

    @Test
    void closeShouldRemoveTheGauges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        this.contextRunner
                .withBean(MeterRegistry.class, () -> registry)
                .run(
                        (context) ->
                                assertThat(
                                                registry.find(
                                                                "rocketmq.producer.in.flight.messages")
                                                        .gauge())
                                        .isNotNull());

        assertThat(registry.find("rocketmq.producer.in.flight.messages").gauge()).isNull();
    }

    @Test
    void runWithBootMetricsAutoConfigurationShouldUseItsRegistry() {
        this.contextRunner
                .withConfiguration(
                        AutoConfigurations.of(
                                MetricsAutoConfiguration.class,
                                SimpleMetricsExportAutoConfiguration.class,
                                CompositeMeterRegistryAutoConfiguration.class))
                .run(
                        (context) -> {
                            assertThat(context).hasSingleBean(ProducerMetricsPostProcessor.class);
                            sendThrough(context.getBean(Producer.class));
                            assertThat(
                                            context.getBean(MeterRegistry.class)
                                                    .get("rocketmq.producer.send")
                                                    .timer()
                                                    .count())
                                    .isEqualTo(1);
                        });
    }

    @Test
    void runWithoutMeterRegistryShouldNotAddMetrics() {
        this.contextRunner.run(
                (context) -> {
                    assertThat(context).doesNotHaveBean(ProducerMetricsPostProcessor.class);
                    assertThat(context.getBean(Producer.class).config().listeners())
                            .noneMatch(DeferredSendListener.class::isInstance);
                });
    }

    @Test
    void runWithoutMicrometerShouldNotAddMetrics() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(
                        (context) -> {
                            assertThat(context).hasSingleBean(Producer.class);
                            assertThat(context).doesNotHaveBean(ProducerMetricsPostProcessor.class);
                            assertThat(context.getBean(Producer.class).config().listeners())
                                    .isEmpty();
                        });
    }

    /** Tells the producer's listeners of a send, as the producer does when a send completes. */
    private static void sendThrough(Producer producer) {
        SendEvent event =
                new SendEvent(Message.builder("orders").body("x").build(), Duration.ofMillis(5), 1);
        for (SendListener listener : producer.config().listeners()) {
            listener.onSuccess(event, null);
        }
        assertThat(producer.config().listeners())
                .filteredOn(DeferredSendListener.class::isInstance)
                .singleElement()
                .matches((listener) -> ((DeferredSendListener) listener).isBound());
    }
}
