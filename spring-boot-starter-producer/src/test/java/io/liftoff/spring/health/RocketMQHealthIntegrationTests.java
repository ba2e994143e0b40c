package io.liftoff.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.Producer;
import io.liftoff.producer.message.Message;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.autoconfigure.health.RocketMQHealthContributorAutoConfiguration;
import io.liftoff.spring.autoconfigure.metrics.RocketMQMetricsAutoConfiguration;
import io.liftoff.spring.autoconfigure.observation.RocketMQObservationAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rocketmq health contributor, as the health endpoint reads it, and the send meters, against a
 * real RocketMQ cluster that the test pauses and kills. Short heartbeat, route-refresh and request
 * intervals make the client notice within seconds; waits are bounded, never timed.
 */
class RocketMQHealthIntegrationTests {

    private static final Logger logger =
            LoggerFactory.getLogger(RocketMQHealthIntegrationTests.class);

    private static final String TOPIC = "health-it";

    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(30);

    private EmbeddedRocketMQ rocketmq;

    @BeforeEach
    void startCluster() {
        this.rocketmq = EmbeddedRocketMQ.builder().start();
        this.rocketmq.createTopic(TOPIC, 2);
    }

    @AfterEach
    void closeCluster() {
        this.rocketmq.close();
    }

    @Test
    void healthShouldFollowTheClusterAndSendsShouldBeMeasured() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                LiftoffProducerAutoConfiguration.class,
                                RocketMQHealthContributorAutoConfiguration.class,
                                RocketMQMetricsAutoConfiguration.class,
                                RocketMQObservationAutoConfiguration.class,
                                HealthContributorAutoConfiguration.class,
                                HealthContributorRegistryAutoConfiguration.class,
                                HealthEndpointAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class)
                .withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .withPropertyValues(
                        "rocketmq.name-server=" + this.rocketmq.nameServerAddress(),
                        "rocketmq.producer.group=health-it-producer",
                        "rocketmq.producer.heartbeat-interval=1s",
                        "rocketmq.producer.route-refresh-interval=1s",
                        "rocketmq.producer.request-timeout=1s",
                        "rocketmq.producer.observation-enabled=true",
                        "management.endpoint.health.show-details=always",
                        "management.endpoints.web.exposure.include=health")
                .run(this::followTheCluster);
    }

    private void followTheCluster(AssertableApplicationContext context) {
        Producer producer = context.getBean(Producer.class);
        producer.send(Message.builder(TOPIC).body("order 1").build());

        await().atMost(NOTICED_WITHIN)
                .untilAsserted(
                        () -> {
                            IndicatedHealthDescriptor health = rocketmqHealth(context);
                            assertThat(health.getStatus()).isEqualTo(Status.UP);
                            assertThat(nameServer(health))
                                    .containsEntry("status", "reachable")
                                    .containsKeys("roundTripMillis", "lastSuccess");
                            assertThat(broker(health))
                                    .containsEntry("address", this.rocketmq.brokerAddress())
                                    .containsEntry("status", "reachable")
                                    .containsKey("lastHeartbeat")
                                    .containsEntry(
                                            "sendWindow",
                                            Map.of(
                                                    "limit", 32,
                                                    "inFlight", 0,
                                                    "waiting", 0,
                                                    "flowControlAnswers", 0L));
                        });
        logger.info(
                "rocketmq health while the cluster runs: {}",
                JsonMapper.shared().writeValueAsString(rocketmqHealth(context)));
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        // The send's listeners (the meters, the observation) run on the thread that completed
        // it, which may still be at it when the caller has woken up; a meter is registered on its
        // first event. Waited for within the same bound.
        await().atMost(NOTICED_WITHIN)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(
                                            meters.get("rocketmq.producer.send")
                                                    .tags(
                                                            "topic", TOPIC,
                                                            "outcome", "success",
                                                            "exception", "none",
                                                            "group", "health-it-producer")
                                                    .timer()
                                                    .count())
                                    .isEqualTo(1);
                            assertThat(
                                            meters.get("rocketmq.producer.in.flight.messages")
                                                    .tag("group", "health-it-producer")
                                                    .gauge()
                                                    .value())
                                    .isZero();
                            // the broker gets its window gauge at the binder's next look (10 s)
                            assertThat(
                                            meters.get("rocketmq.producer.send.window")
                                                    .tags(
                                                            "group",
                                                            "health-it-producer",
                                                            "broker",
                                                            this.rocketmq.brokerName())
                                                    .gauge()
                                                    .value())
                                    .isEqualTo(32);
                            TestObservationRegistryAssert.assertThat(
                                            context.getBean(TestObservationRegistry.class))
                                    .hasObservationWithNameEqualTo("rocketmq.producer.publish")
                                    .that()
                                    .hasBeenStopped()
                                    .hasLowCardinalityKeyValue("messaging.destination.name", TOPIC);
                        });

        // a hung broker misses its heartbeats: the only broker in use is down
        this.rocketmq.pauseBroker();
        try {
            await().atMost(NOTICED_WITHIN)
                    .untilAsserted(
                            () -> {
                                IndicatedHealthDescriptor health = rocketmqHealth(context);
                                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                                assertThat(broker(health)).containsEntry("status", "unreachable");
                                assertThat(nameServer(health)).containsEntry("status", "reachable");
                            });
        } finally {
            this.rocketmq.resumeBroker();
        }
        await().atMost(NOTICED_WITHIN)
                .untilAsserted(
                        () -> assertThat(rocketmqHealth(context).getStatus()).isEqualTo(Status.UP));

        // no name server and no broker answers any more
        this.rocketmq.close();
        await().atMost(NOTICED_WITHIN)
                .untilAsserted(
                        () -> {
                            IndicatedHealthDescriptor health = rocketmqHealth(context);
                            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                            assertThat(nameServer(health)).containsEntry("status", "unreachable");
                            assertThat(health.getDetails().get("unhealthy"))
                                    .asInstanceOf(
                                            org.assertj.core.api.InstanceOfAssertFactories.LIST)
                                    .contains(this.rocketmq.nameServerAddress());
                        });
        logger.info(
                "rocketmq health once the cluster is gone: {}",
                JsonMapper.shared().writeValueAsString(rocketmqHealth(context)));
    }

    private static IndicatedHealthDescriptor rocketmqHealth(AssertableApplicationContext context) {
        return (IndicatedHealthDescriptor)
                context.getBean(HealthEndpoint.class).healthForPath("rocketmq");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> nameServer(IndicatedHealthDescriptor health) {
        return ((Map<String, Map<String, Object>>) health.getDetails().get("nameServers"))
                .get(this.rocketmq.nameServerAddress());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> broker(IndicatedHealthDescriptor health) {
        return ((Map<String, Map<String, Object>>) health.getDetails().get("brokers"))
                .get(this.rocketmq.brokerName());
    }
}
