package io.liftoff.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.AccessDeniedException;
import io.liftoff.producer.Producer;
import io.liftoff.producer.message.Message;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.autoconfigure.health.RocketMQHealthContributorAutoConfiguration;
import io.liftoff.spring.autoconfigure.metrics.RocketMQMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter against a real 5.3.3 broker with ACL 2.0: the right keys send, a wrong secret key is
 * refused with an error naming the access key, and neither the error, the meters nor the health
 * details ever contain the secret.
 */
class AclStarterIntegrationTests {

    private static final String ACCESS_KEY = "starter-admin";
    private static final String SECRET_KEY = "starter-secret-1";
    private static final String WRONG_SECRET = "wrong-secret-value";
    private static final String TOPIC = "acl-starter";

    private static EmbeddedRocketMQ rocketmq;

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    LiftoffProducerAutoConfiguration.class,
                                    RocketMQHealthContributorAutoConfiguration.class,
                                    RocketMQMetricsAutoConfiguration.class,
                                    HealthContributorAutoConfiguration.class,
                                    HealthContributorRegistryAutoConfiguration.class,
                                    HealthEndpointAutoConfiguration.class))
                    .withBean(SimpleMeterRegistry.class)
                    .withPropertyValues(
                            "rocketmq.producer.group=acl-starter-producer",
                            "rocketmq.producer.access-key=" + ACCESS_KEY,
                            "management.endpoint.health.show-details=always");

    @BeforeAll
    static void start() {
        rocketmq = EmbeddedRocketMQ.builder().acl(ACCESS_KEY, SECRET_KEY).start();
        rocketmq.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop() {
        rocketmq.close();
    }

    @Test
    void rightKeysShouldSend() throws Exception {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=" + rocketmq.nameServerAddress(),
                        "rocketmq.producer.secret-key=" + SECRET_KEY)
                .run(
                        (context) ->
                                context.getBean(Producer.class)
                                        .send(Message.builder(TOPIC).body("signed").build()));

        assertThat(
                        OfficialConsumer.readAll(
                                        rocketmq.nameServerAddress(),
                                        rocketmq.aclAdmin().orElseThrow(),
                                        TOPIC,
                                        1,
                                        Duration.ofSeconds(60))
                                .stream()
                                .map(m -> new String(m.getBody(), StandardCharsets.UTF_8)))
                .containsExactly("signed");
    }

    @Test
    void wrongSecretShouldBeRefusedAndLeakNowhere() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=" + rocketmq.nameServerAddress(),
                        "rocketmq.producer.secret-key=" + WRONG_SECRET)
                .run(
                        (context) -> {
                            AccessDeniedException refused =
                                    catchThrowableOfType(
                                            AccessDeniedException.class,
                                            () ->
                                                    context.getBean(Producer.class)
                                                            .send(
                                                                    Message.builder(TOPIC)
                                                                            .body("refused")
                                                                            .build()));

                            assertThat(refused)
                                    .hasMessageContaining(
                                            "authentication failed for access key '"
                                                    + ACCESS_KEY
                                                    + "'")
                                    .hasMessageNotContaining(WRONG_SECRET);
                            // the meters' listener runs on the thread that completed the send,
                            // which may still be at it when the caller has woken up
                            await().atMost(Duration.ofSeconds(30))
                                    .untilAsserted(
                                            () ->
                                                    assertThat(meterIds(context))
                                                            .contains("AccessDeniedException")
                                                            .doesNotContain(WRONG_SECRET));
                            String health =
                                    JsonMapper.shared()
                                            .writeValueAsString(
                                                    context.getBean(HealthEndpoint.class)
                                                            .healthForPath("rocketmq"));
                            assertThat(health).contains("brokers").doesNotContain(WRONG_SECRET);
                        });
    }

    private static String meterIds(ApplicationContext context) {
        return context.getBean(MeterRegistry.class).getMeters().stream()
                .map(m -> m.getId().toString())
                .toList()
                .toString();
    }
}
