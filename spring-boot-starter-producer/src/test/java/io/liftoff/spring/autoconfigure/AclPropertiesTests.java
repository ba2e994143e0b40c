package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code access-key} and {@code secret-key}: bound to the producers' credentials, checked early.
 */
class AclPropertiesTests {

    private static final String SECRET = "s3cr3t-value";

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(LiftoffProducerAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.name-server=127.0.0.1:9876",
                            "rocketmq.producer.group=orders-producer");

    @Test
    void keysShouldBecomeTheCredentialsOfEachProducer() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producer.access-key=orders-app",
                        "rocketmq.producer.secret-key=" + SECRET,
                        "rocketmq.producers.payments.group=payments-producer",
                        "rocketmq.producers.payments.access-key=payments-app",
                        "rocketmq.producers.payments.secret-key=other-secret")
                .run(
                        (context) -> {
                            assertThat(context).hasNotFailed();
                            Producer orders = context.getBean("liftoffProducer", Producer.class);
                            Producer payments = context.getBean("paymentsProducer", Producer.class);
                            assertThat(orders.config().credentials())
                                    .contains(Credentials.of("orders-app", SECRET));
                            assertThat(payments.config().credentials())
                                    .contains(Credentials.of("payments-app", "other-secret"));
                            assertThat(orders.config().toString())
                                    .contains("orders-app")
                                    .doesNotContain(SECRET);
                            RocketMQProperties properties =
                                    context.getBean(RocketMQProperties.class);
                            assertThat(properties.getProducer().getAccessKey())
                                    .isEqualTo("orders-app");
                            assertThat(properties.toString()).doesNotContain(SECRET);
                        });
    }

    @Test
    void withoutKeysRequestsShouldStayUnsigned() {
        this.contextRunner.run(
                (context) ->
                        assertThat(context.getBean(Producer.class).config().credentials())
                                .isEmpty());
    }

    @Test
    void secretWithoutAccessKeyShouldFailStartupNamingTheMissingKey() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.secret-key=" + SECRET)
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            FailureAnalysis analysis = analyze(context.getStartupFailure());
                            assertThat(analysis.getDescription())
                                    .startsWith(
                                            "Property 'rocketmq.producer.access-key' has an"
                                                    + " invalid value: 'rocketmq.producer.secret-key'"
                                                    + " is set but the access key")
                                    .doesNotContain(SECRET);
                        });
    }

    @Test
    void accessKeyWithoutSecretShouldFailStartupNamingTheMissingSecret() {
        this.contextRunner
                .withPropertyValues("rocketmq.producers.payments.group=payments-producer")
                .withPropertyValues("rocketmq.producers.payments.access-key=payments-app")
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            assertThat(analyze(context.getStartupFailure()).getDescription())
                                    .startsWith(
                                            "Property 'rocketmq.producers.payments.secret-key' has"
                                                    + " an invalid value: access key"
                                                    + " 'payments-app' is set but its secret key is"
                                                    + " not");
                        });
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new InvalidProducerPropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }
}
