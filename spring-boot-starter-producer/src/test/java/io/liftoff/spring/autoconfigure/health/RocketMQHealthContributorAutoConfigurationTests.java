package io.liftoff.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Producer;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.core.RecordingProducer;
import io.liftoff.spring.health.RocketMQHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RocketMQHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    LiftoffProducerAutoConfiguration.class,
                                    RocketMQHealthContributorAutoConfiguration.class,
                                    HealthContributorAutoConfiguration.class))
                    .withPropertyValues("rocketmq.name-server=127.0.0.1:9876");

    @Test
    void runShouldCreateIndicator() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.group=orders-producer")
                .run(
                        (context) ->
                                assertThat(context)
                                        .hasSingleBean(RocketMQHealthIndicator.class)
                                        .hasBean("rocketmqHealthContributor"));
    }

    @Test
    void runWithUserProducerShouldReportIt() {
        RecordingProducer producer = new RecordingProducer();
        this.contextRunner
                .withBean(Producer.class, () -> producer)
                .run(
                        (context) -> {
                            Health health = context.getBean(RocketMQHealthIndicator.class).health();
                            assertThat(health.getDetails())
                                    .containsOnlyKeys("nameServers", "brokers");
                        });
    }

    @Test
    void runWhenDisabledShouldNotCreateIndicator() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.group=orders-producer",
                        "management.health.rocketmq.enabled:false")
                .run(
                        (context) ->
                                assertThat(context)
                                        .doesNotHaveBean(RocketMQHealthIndicator.class)
                                        .doesNotHaveBean("rocketmqHealthContributor"));
    }

    @Test
    void runWithUserIndicatorShouldBackOff() {
        HealthIndicator userIndicator = () -> Health.up().build();
        this.contextRunner
                .withPropertyValues("rocketmq.producer.group=orders-producer")
                .withBean("rocketmqHealthIndicator", HealthIndicator.class, () -> userIndicator)
                .run(
                        (context) ->
                                assertThat(context)
                                        .doesNotHaveBean(RocketMQHealthIndicator.class)
                                        .doesNotHaveBean("rocketmqHealthContributor")
                                        .getBean("rocketmqHealthIndicator")
                                        .isSameAs(userIndicator));
    }

    @Test
    void runWithUserContributorShouldBackOff() {
        HealthIndicator userContributor = () -> Health.up().build();
        this.contextRunner
                .withPropertyValues("rocketmq.producer.group=orders-producer")
                .withBean(
                        "rocketmqHealthContributor", HealthContributor.class, () -> userContributor)
                .run(
                        (context) ->
                                assertThat(context)
                                        .doesNotHaveBean(RocketMQHealthIndicator.class)
                                        .getBean("rocketmqHealthContributor")
                                        .isSameAs(userContributor));
    }

    @Test
    void runWithoutHealthClassesShouldNotCreateIndicator() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.group=orders-producer")
                .withClassLoader(new FilteredClassLoader(HealthContributor.class))
                .run(
                        (context) ->
                                assertThat(context)
                                        .hasSingleBean(Producer.class)
                                        .doesNotHaveBean("rocketmqHealthContributor"));
    }

    @Test
    void runWithoutProducerShouldNotCreateIndicator() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                RocketMQHealthContributorAutoConfiguration.class,
                                HealthContributorAutoConfiguration.class))
                .run((context) -> assertThat(context).doesNotHaveBean("rocketmqHealthContributor"));
    }

    @Test
    void runWithNamedProducersShouldCreateCompositeKeyedByBeanName() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.group=orders-producer",
                        "rocketmq.producers.audit.group=audit-producer")
                .run(
                        (context) -> {
                            assertThat(context).doesNotHaveBean(RocketMQHealthIndicator.class);
                            CompositeHealthContributor composite =
                                    context.getBean(
                                            "rocketmqHealthContributor",
                                            CompositeHealthContributor.class);
                            assertThat(composite.getContributor("liftoffProducer"))
                                    .isInstanceOf(RocketMQHealthIndicator.class);
                            assertThat(composite.getContributor("auditProducer"))
                                    .isInstanceOf(RocketMQHealthIndicator.class);
                            assertThat(composite.stream()).hasSize(2);
                        });
    }

    @Test
    void runWithOnlyNamedProducersShouldCreateIndicator() {
        this.contextRunner
                .withPropertyValues("rocketmq.producers.audit.group=audit-producer")
                .run(
                        (context) ->
                                assertThat(context)
                                        .doesNotHaveBean("liftoffProducer")
                                        .hasSingleBean(RocketMQHealthIndicator.class));
    }
}
