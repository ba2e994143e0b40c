package io.liftoff.producer.internal.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.stream.Stream;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceTests {

    private static final List<String> NAMESPACES = List.of("ns", "MQ_INST_123_abc", "a-b|c");

    // plain, retry, dead-letter, already wrapped (ours and foreign), system, and edge resources
    private static final List<String> RESOURCES =
            List.of(
                    "orders",
                    "GID_orders",
                    "%RETRY%GID_orders",
                    "%DLQ%GID_orders",
                    "ns%orders",
                    "%RETRY%ns%GID_orders",
                    "%DLQ%ns%GID_orders",
                    "other%orders",
                    "%RETRY%other%GID_orders",
                    "nsx%orders",
                    "ns",
                    "%RETRY%",
                    "%DLQ%",
                    "MQ_INST_123_abc%orders",
                    "%RETRY%MQ_INST_123_abc%GID_orders",
                    "a-b|c%orders",
                    "TBW102",
                    "SCHEDULE_TOPIC_XXXX",
                    "RMQ_SYS_TRANS_HALF_TOPIC",
                    "RMQ_SYS_TRACE_TOPIC",
                    "rmq_sys_wheel_timer",
                    "rmq_sys_SYNC_BROKER_MEMBER_x",
                    "CID_RMQ_SYS_TRANS",
                    "%RETRY%CID_RMQ_SYS_X",
                    "%DLQ%rmq_sys_x",
                    "DefaultCluster_REPLY_TOPIC",
                    "");

    @ParameterizedTest
    @MethodSource("namespacesAndResources")
    void wrapShouldEqualTheOfficialWrapNamespace(String namespace, String resource) {
        assertThat(Namespace.of(namespace).wrap(resource))
                .isEqualTo(NamespaceUtil.wrapNamespace(namespace, resource));
    }

    @ParameterizedTest
    @MethodSource("namespacesAndResources")
    void unwrapShouldEqualTheOfficialWithoutNamespace(String namespace, String resource) {
        assertThat(Namespace.of(namespace).unwrap(resource))
                .isEqualTo(NamespaceUtil.withoutNamespace(resource, namespace));
    }

    @ParameterizedTest
    @MethodSource("namespacesAndResources")
    void unwrapOfWrapShouldGiveTheResourceBackUnlessItWasInAnotherNamespace(
            String namespace, String resource) {
        Namespace ns = Namespace.of(namespace);
        String wrapped = ns.wrap(resource);

        assertThat(ns.unwrap(wrapped))
                .isEqualTo(NamespaceUtil.withoutNamespace(wrapped, namespace));
        if (NamespaceUtil.getNamespaceFromResource(resource).isEmpty()) {
            assertThat(ns.unwrap(wrapped)).isEqualTo(resource);
        }
    }

    @Test
    void wrapShouldLeaveEveryOfficialSystemTopicAlone() {
        Namespace ns = Namespace.of("ns");

        assertThat(TopicValidator.getSystemTopicSet())
                .isNotEmpty()
                .allSatisfy(topic -> assertThat(ns.wrap(topic)).isEqualTo(topic));
    }

    @Test
    void wrapShouldKeepRetryAndDlqPrefixesInFront() {
        Namespace ns = Namespace.of("ns");

        assertThat(ns.wrap("orders")).isEqualTo("ns%orders");
        assertThat(ns.wrap("%RETRY%group")).isEqualTo("%RETRY%ns%group");
        assertThat(ns.wrap("%DLQ%group")).isEqualTo("%DLQ%ns%group");
        assertThat(ns.unwrap("%RETRY%ns%group")).isEqualTo("%RETRY%group");
    }

    @ParameterizedTest
    @MethodSource("resources")
    void noneShouldLeaveResourcesAloneAsTheOfficialUtilDoesWithoutNamespace(String resource) {
        assertThat(Namespace.none().wrap(resource))
                .isEqualTo(resource)
                .isEqualTo(NamespaceUtil.wrapNamespace(null, resource));
        assertThat(Namespace.none().unwrap(resource))
                .isEqualTo(resource)
                .isEqualTo(NamespaceUtil.withoutNamespace(resource, null));
    }

    @Test
    void nameShouldBeEmptyOnlyForNone() {
        assertThat(Namespace.none().name()).isEmpty();
        assertThat(Namespace.of("ns").name()).contains("ns");
    }

    @Test
    void equalsShouldCompareNames() {
        assertThat(Namespace.of("ns"))
                .isEqualTo(Namespace.of("ns"))
                .hasSameHashCodeAs(Namespace.of("ns"))
                .isNotEqualTo(Namespace.of("other"))
                .isNotEqualTo(Namespace.none());
        assertThat(Namespace.none()).isEqualTo(Namespace.none());
    }

    @Test
    void ofWhenNameIsNullShouldPointToNone() {
        assertThatNullPointerException()
                .isThrownBy(() -> Namespace.of(null))
                .withMessageContaining("Namespace.none()");
    }

    @Test
    void ofWhenNameIsEmptyShouldPointToNone() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Namespace.of(""))
                .withMessageContaining("Namespace.none()");
    }

    @Test
    void ofWhenNameContainsTheSeparatorShouldSaySo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Namespace.of("a%b"))
                .withMessage(
                        "namespace 'a%b' must not contain '%', which separates namespace and"
                                + " resource");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "ns.x", "né", "a/b"})
    void ofWhenNameHasAnIllegalCharacterShouldNameThePattern(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Namespace.of(name))
                .withMessage("namespace '" + name + "' must match [|a-zA-Z0-9_-]+; rename it");
    }

    @Test
    void ofWhenNameIsLongerThanATopicMayBeShouldSaySo() {
        assertThat(Namespace.of("n".repeat(127)).name()).hasValue("n".repeat(127));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Namespace.of("n".repeat(128)))
                .withMessageContaining("is 128 characters long; at most 127 are allowed");
    }

    @Test
    void ofWhenNameStartsWithTheSystemTopicPrefixShouldSaySo() {
        // every topic wrapped in it would be a system topic, which producers refuse
        assertThat(TopicValidator.isSystemTopic("rmq_sys_ns%orders")).isTrue();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Namespace.of("rmq_sys_ns"))
                .withMessage(
                        "namespace 'rmq_sys_ns' must not start with 'rmq_sys_': RocketMQ would take"
                                + " every topic in it for a system topic, which producers may not"
                                + " send to; choose another namespace");
        assertThat(Namespace.of("RMQ_SYS_ns").wrap("orders")).isEqualTo("RMQ_SYS_ns%orders");
    }

    @Test
    void wrapWhenResourceIsNullShouldNameIt() {
        assertThatNullPointerException()
                .isThrownBy(() -> Namespace.of("ns").wrap(null))
                .withMessage("resource must not be null");
    }

    static Stream<Arguments> namespacesAndResources() {
        return NAMESPACES.stream()
                .flatMap(ns -> RESOURCES.stream().map(resource -> Arguments.of(ns, resource)));
    }

    static Stream<String> resources() {
        return RESOURCES.stream();
    }
}
