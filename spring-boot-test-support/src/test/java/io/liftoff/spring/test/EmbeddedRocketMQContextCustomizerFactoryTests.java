package io.liftoff.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextCustomizer;

class EmbeddedRocketMQContextCustomizerFactoryTests {

    private final EmbeddedRocketMQContextCustomizerFactory factory =
            new EmbeddedRocketMQContextCustomizerFactory();

    @Test
    void createWhenAnnotatedShouldTakeEveryAttribute() {
        assertThat(customizerOf(Secured.class))
                .isEqualTo(
                        new EmbeddedRocketMQContextCustomizer(
                                new ClusterSpec(
                                        true,
                                        true,
                                        Map.of(
                                                "maxMessageSize",
                                                "65536",
                                                "flushDiskType",
                                                "SYNC_FLUSH")),
                                List.of("orders:2"),
                                "test.name-server"));
    }

    @Test
    void createWhenNotAnnotatedShouldGiveNoCustomizer() {
        assertThat(customizerOf(String.class)).isNull();
    }

    @Test
    void createForNestedClassShouldFindTheEnclosingClassAnnotation() {
        assertThat(customizerOf(Secured.Inner.class)).isEqualTo(customizerOf(Secured.class));
    }

    @Test
    void customizersShouldBeEqualExactlyWhenTheConfigurationIs() {
        ContextCustomizer plain = customizerOf(Plain.class);
        assertThat(plain).isEqualTo(customizerOf(SamePlain.class));
        assertThat(plain.hashCode()).isEqualTo(customizerOf(SamePlain.class).hashCode());
        assertThat(plain).isNotEqualTo(customizerOf(Secured.class));
        // one cluster serves both: only broker-level settings make a cluster differ
        assertThat(((EmbeddedRocketMQContextCustomizer) plain).cluster())
                .isEqualTo(ClusterSpec.of(false, false));
    }

    @Test
    void createWithMalformedSettingsShouldSayWhatIsExpected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> customizerOf(BadBrokerProperty.class))
                .withMessage(
                        "embedded RocketMQ broker property 'maxMessageSize' must be 'key=value',"
                                + " e.g. 'maxMessageSize=65536'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> customizerOf(BadTopic.class))
                .withMessageStartingWith(
                        "embedded RocketMQ topic 'orders:many' must be 'name' or 'name:queues'");
    }

    private ContextCustomizer customizerOf(Class<?> testClass) {
        return this.factory.createContextCustomizer(testClass, List.of());
    }

    @WithEmbeddedRocketMQ(
            topics = "orders:2",
            tls = true,
            acl = true,
            brokerProperties = {"maxMessageSize=65536", "flushDiskType = SYNC_FLUSH"},
            nameServerProperty = "test.name-server")
    static class Secured {

        // an inner class, as @Nested test classes are
        class Inner {}
    }

    @WithEmbeddedRocketMQ(topics = "a")
    static class Plain {}

    @WithEmbeddedRocketMQ(topics = "a")
    static class SamePlain {}

    @WithEmbeddedRocketMQ(brokerProperties = "maxMessageSize")
    static class BadBrokerProperty {}

    @WithEmbeddedRocketMQ(topics = "orders:many")
    static class BadTopic {}
}
