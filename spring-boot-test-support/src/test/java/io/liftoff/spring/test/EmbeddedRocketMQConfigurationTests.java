package io.liftoff.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.AnnotationMetadata;

class EmbeddedRocketMQConfigurationTests {

    private final EmbeddedRocketMQConfiguration configuration = new EmbeddedRocketMQConfiguration();

    @Test
    void settingsShouldComeFromTheProperties() {
        Environment environment =
                environment(
                        Map.of(
                                "embedded.rocketmq.topics", "orders:2, audit",
                                "embedded.rocketmq.tls", "true",
                                "embedded.rocketmq.broker-properties", "maxMessageSize=65536"));

        assertThat(this.configuration.settings(environment))
                .isEqualTo(
                        new EmbeddedRocketMQConfiguration.Settings(
                                ClusterSpec.of(true, false, "maxMessageSize=65536"),
                                List.of(new TopicSpec("orders", 2), new TopicSpec("audit", 4))));
    }

    @Test
    void settingsWithoutPropertiesShouldBeAPlainClusterWithoutTopics() {
        assertThat(this.configuration.settings(environment(Map.of())))
                .isEqualTo(
                        new EmbeddedRocketMQConfiguration.Settings(
                                ClusterSpec.of(false, false), List.of()));
    }

    @Test
    void settingsWhenImportedByAnAnnotatedClassShouldComeFromItsAnnotation() {
        this.configuration.setImportMetadata(AnnotationMetadata.introspect(DevRocketMQ.class));
        Environment environment = environment(Map.of("embedded.rocketmq.topics", "ignored"));

        assertThat(this.configuration.settings(environment))
                .isEqualTo(
                        new EmbeddedRocketMQConfiguration.Settings(
                                ClusterSpec.of(false, true), List.of(new TopicSpec("dev", 1))));
    }

    @Test
    void settingsWithAMalformedTopicShouldSayWhatIsExpected() {
        Environment environment = environment(Map.of("embedded.rocketmq.topics", "orders:x"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.configuration.settings(environment))
                .withMessageContaining("'orders:x' must be 'name' or 'name:queues'");
    }

    private static Environment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @WithEmbeddedRocketMQ(topics = "dev:1", acl = true)
    @Import(EmbeddedRocketMQConfiguration.class)
    static class DevRocketMQ {}
}
