package io.liftoff.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * The secret keys in {@code /actuator/configprops} and {@code /actuator/env} with {@code
 * show-values=always}: masked with the starter's sanitizer, in clear without it.
 */
class RocketMQSanitizingAutoConfigurationTests {

    private static final String SECRET = "s3cr3t-value";

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(LiftoffProducerAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.name-server=127.0.0.1:9876",
                            "rocketmq.producer.group=orders-producer",
                            "rocketmq.producer.access-key=orders-app",
                            "rocketmq.producer.secret-key=" + SECRET,
                            "rocketmq.producers.payments.group=payments-producer",
                            "rocketmq.producers.payments.access-key=payments-app",
                            "rocketmq.producers.payments.secret-key=" + SECRET);

    @Test
    void configpropsAndEnvShouldMaskEverySecretKeyButShowTheAccessKeys() {
        this.contextRunner
                .withConfiguration(AutoConfigurations.of(RocketMQSanitizingAutoConfiguration.class))
                .run(
                        (context) -> {
                            assertThat(context).hasNotFailed();
                            assertThat(configprops(context))
                                    .doesNotContain(SECRET)
                                    .contains("\"secretKey\":\"******\"")
                                    .contains("orders-app", "payments-app");
                            assertThat(env(context))
                                    .doesNotContain(SECRET)
                                    .contains("orders-app", "payments-app");
                        });
    }

    @Test
    void withoutTheSanitizerBootWouldShowTheSecretInClear() {
        this.contextRunner.run((context) -> assertThat(configprops(context)).contains(SECRET));
    }

    @Test
    void isSecretKeyShouldMatchOnlyRocketmqSecretKeys() {
        assertThat(RocketMQSanitizingAutoConfiguration.isSecretKey("rocketmq.producer.secretKey"))
                .isTrue();
        assertThat(
                        RocketMQSanitizingAutoConfiguration.isSecretKey(
                                "rocketmq.producers.payments.secret-key"))
                .isTrue();
        assertThat(RocketMQSanitizingAutoConfiguration.isSecretKey("rocketmq.producer.accessKey"))
                .isFalse();
        assertThat(RocketMQSanitizingAutoConfiguration.isSecretKey("other.secret-key")).isFalse();
    }

    private static String configprops(AssertableApplicationContext context) {
        ConfigurationPropertiesReportEndpoint endpoint =
                new ConfigurationPropertiesReportEndpoint(sanitizers(context), Show.ALWAYS);
        endpoint.setApplicationContext(context);
        return json(endpoint.configurationPropertiesWithPrefix("rocketmq"));
    }

    private static String env(AssertableApplicationContext context) {
        EnvironmentEndpoint endpoint =
                new EnvironmentEndpoint(context.getEnvironment(), sanitizers(context), Show.ALWAYS);
        return json(endpoint.environment("rocketmq\\..*"));
    }

    private static Iterable<SanitizingFunction> sanitizers(AssertableApplicationContext context) {
        return context.getBeanProvider(SanitizingFunction.class).orderedStream().toList();
    }

    private static String json(Object descriptor) {
        return JsonMapper.shared().writeValueAsString(descriptor);
    }
}
