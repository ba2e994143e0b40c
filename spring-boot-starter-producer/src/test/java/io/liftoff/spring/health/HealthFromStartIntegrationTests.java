package io.liftoff.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.Producer;
import io.liftoff.producer.internal.DefaultProducer;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.autoconfigure.health.RocketMQHealthContributorAutoConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The rocketmq health lists the brokers from the start, before any message is sent, with and
 * without warm-up topics; readiness includes it the way Boot users expect; and it goes DOWN once
 * the broker stops, and stays so. One real cluster for the class; the last test kills its broker.
 * Nothing here is awaited before the first look: the context's start waits for the warm-up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthFromStartIntegrationTests {

    private static final String TOPIC = "health-from-start";

    // heartbeats every second: three intervals and a wide margin for a loaded machine
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(30);

    private static EmbeddedRocketMQ rocketmq;

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    LiftoffProducerAutoConfiguration.class,
                                    RocketMQHealthContributorAutoConfiguration.class,
                                    ApplicationAvailabilityAutoConfiguration.class,
                                    AvailabilityHealthContributorAutoConfiguration.class,
                                    AvailabilityProbesAutoConfiguration.class,
                                    HealthContributorAutoConfiguration.class,
                                    HealthContributorRegistryAutoConfiguration.class,
                                    HealthEndpointAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.producer.heartbeat-interval=1s",
                            "rocketmq.producer.route-refresh-interval=1s",
                            "rocketmq.producer.request-timeout=10s",
                            "management.endpoint.health.show-details=always");

    @BeforeAll
    static void startCluster() {
        rocketmq = EmbeddedRocketMQ.builder().start();
        rocketmq.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void closeCluster() {
        rocketmq.close();
    }

    @Test
    @Order(1)
    void healthWithWarmUpTopicsShouldListTheBrokerBeforeAnySendAndCacheTheRoute() {
        this.runner
                .withPropertyValues(
                        "rocketmq.name-server=" + rocketmq.nameServerAddress(),
                        "rocketmq.producer.group=health-warm-up",
                        "rocketmq.producer.warm-up-topics=" + TOPIC)
                .run(
                        (context) -> {
                            assertThat(context).hasNotFailed();
                            assertReachableBroker(rocketmqHealth(context));
                            DefaultProducer producer =
                                    (DefaultProducer) context.getBean(Producer.class);
                            assertThat(producer.client().routes().cached(TOPIC))
                                    .as("the first send looks no route up")
                                    .isNotNull();
                        });
    }

    @Test
    @Order(2)
    void healthOfEveryProducerShouldListTheBrokerBeforeAnySend() {
        this.runner
                .withPropertyValues(
                        "rocketmq.name-server=" + rocketmq.nameServerAddress(),
                        "rocketmq.producer.group=health-default",
                        "rocketmq.producers.orders.group=health-named",
                        "rocketmq.producers.orders.warm-up-topics=" + TOPIC)
                .run(
                        (context) -> {
                            assertThat(context).hasNotFailed();
                            DefaultProducer producer =
                                    (DefaultProducer)
                                            context.getBean("ordersProducer", Producer.class);
                            assertThat(producer.config().warmUpTopics()).containsExactly(TOPIC);
                            assertThat(producer.client().routes().cached(TOPIC)).isNotNull();
                            // one component per producer, the default one without warm-up topics
                            for (String bean : new String[] {"ordersProducer", "liftoffProducer"}) {
                                assertReachableBroker(
                                        (IndicatedHealthDescriptor)
                                                context.getBean(HealthEndpoint.class)
                                                        .healthForPath("rocketmq", bean));
                            }
                        });
    }

    @Test
    @Order(3)
    void healthWithoutWarmUpTopicsShouldListTheClustersBrokerInReadinessAndGoDownWhenItStops() {
        this.runner
                .withPropertyValues(
                        "rocketmq.name-server=" + rocketmq.nameServerAddress(),
                        "rocketmq.producer.group=health-cluster",
                        "management.endpoint.health.probes.enabled=true",
                        "management.endpoint.health.group.readiness.include=readinessState,rocketmq")
                .run(this::followTheBrokerFromTheStart);
    }

    private void followTheBrokerFromTheStart(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        assertReachableBroker(rocketmqHealth(context));
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        CompositeHealthDescriptor readiness = readiness(context);
        assertThat(readiness.getComponents()).containsOnlyKeys("readinessState", "rocketmq");
        assertThat(readiness.getStatus()).isEqualTo(Status.UP);

        rocketmq.killBroker();

        await().atMost(NOTICED_WITHIN)
                .untilAsserted(
                        () -> {
                            IndicatedHealthDescriptor health = rocketmqHealth(context);
                            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                            assertThat(health.getDetails())
                                    .containsEntry(
                                            "reason",
                                            "no broker is reachable: each one missed its last"
                                                    + " heartbeat");
                            assertThat(broker(health)).containsEntry("status", "unreachable");
                            assertThat(readiness(context).getStatus()).isEqualTo(Status.DOWN);
                        });
        // the name server forgets the broker; route refreshes, every second, must not forget it
        // and turn DOWN into a cluster without brokers
        await().during(Duration.ofSeconds(4))
                .atMost(NOTICED_WITHIN)
                .untilAsserted(
                        () -> {
                            IndicatedHealthDescriptor health = rocketmqHealth(context);
                            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                            assertThat(broker(health)).containsEntry("status", "unreachable");
                        });
    }

    private static void assertReachableBroker(IndicatedHealthDescriptor health) {
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(broker(health))
                .containsEntry("address", rocketmq.brokerAddress())
                .containsEntry("status", "reachable")
                .containsKey("lastHeartbeat");
    }

    private static IndicatedHealthDescriptor rocketmqHealth(AssertableApplicationContext context) {
        return (IndicatedHealthDescriptor)
                context.getBean(HealthEndpoint.class).healthForPath("rocketmq");
    }

    private static CompositeHealthDescriptor readiness(AssertableApplicationContext context) {
        HealthDescriptor readiness =
                context.getBean(HealthEndpoint.class).healthForPath("readiness");
        assertThat(readiness).isInstanceOf(CompositeHealthDescriptor.class);
        return (CompositeHealthDescriptor) readiness;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> broker(IndicatedHealthDescriptor health) {
        Map<String, Map<String, Object>> brokers =
                (Map<String, Map<String, Object>>) health.getDetails().get("brokers");
        assertThat(brokers).containsOnlyKeys(rocketmq.brokerName());
        return brokers.get(rocketmq.brokerName());
    }
}
