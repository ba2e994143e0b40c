package io.liftoff.producer.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTests {

    @Test
    void buildWhenOnlyTopicAndBodyShouldUseDefaults() {
        Message message = Message.builder("orders").body("hello").build();

        assertThat(message.topic()).isEqualTo("orders");
        assertThat(message.tags()).isNull();
        assertThat(message.keys()).isEmpty();
        assertThat(message.properties()).isEmpty();
        assertThat(message.body()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(message.bodyLength()).isEqualTo(5);
        assertThat(message.flag()).isZero();
        assertThat(message.waitStoreMessageOk()).isTrue();
    }

    @Test
    void buildWhenAllFieldsSetShouldExposeThem() {
        Message message =
                Message.builder("orders")
                        .tags("created")
                        .keys("k1", "k2")
                        .key("k3")
                        .property("b", "2")
                        .property("a", "1")
                        .body(new byte[] {1, 2, 3})
                        .flag(7)
                        .waitStoreMessageOk(false)
                        .build();

        assertThat(message.tags()).isEqualTo("created");
        assertThat(message.keys()).containsExactly("k1", "k2", "k3");
        assertThat(message.properties()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(message.body()).containsExactly(1, 2, 3);
        assertThat(message.flag()).isEqualTo(7);
        assertThat(message.waitStoreMessageOk()).isFalse();
    }

    @Test
    void bodyWhenCallerChangesArrayShouldNotChangeMessage() {
        byte[] body = {1, 2, 3};
        Message message = Message.builder("t").body(body).build();

        body[0] = 9;
        message.body()[1] = 9;

        assertThat(message.body()).containsExactly(1, 2, 3);
    }

    @Test
    void bodyWithoutCopyShouldKeepTheCallersArray() {
        byte[] body = {1, 2, 3};
        Message message = Message.builder("t").bodyWithoutCopy(body).build();

        body[0] = 9;

        assertThat(message.body()).containsExactly(9, 2, 3);
        assertThat(message.bodyBuffer().get(0)).isEqualTo((byte) 9);
    }

    @Test
    void bodyWithoutCopyWhenNullShouldSayHowToFix() {
        assertThatThrownBy(() -> Message.builder("t").bodyWithoutCopy(null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("body must not be null; pass at least one byte");
    }

    @Test
    void bodyBufferShouldBeReadOnlyViewOfWholeBody() {
        Message message = Message.builder("t").body(new byte[] {1, 2, 3}).build();

        ByteBuffer first = message.bodyBuffer();
        first.get();
        ByteBuffer second = message.bodyBuffer();

        assertThat(first.isReadOnly()).isTrue();
        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(3);
        assertThat(second.get(2)).isEqualTo((byte) 3);
        assertThatThrownBy(() -> second.put(0, (byte) 9))
                .isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void collectionsWhenCallerChangesInputsShouldNotChangeMessage() {
        List<String> keys = new ArrayList<>(List.of("k1"));
        Map<String, String> properties = new LinkedHashMap<>(Map.of("a", "1"));
        Message message = Message.builder("t").keys(keys).properties(properties).body("x").build();

        keys.add("k2");
        properties.put("b", "2");

        assertThat(message.keys()).containsExactly("k1");
        assertThat(message.properties()).containsOnlyKeys("a");
        assertThatThrownBy(() -> message.keys().add("k3"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> message.properties().put("c", "3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void propertiesShouldKeepInsertionOrder() {
        Message.Builder builder = Message.builder("t").body("x");
        for (int i = 20; i > 0; i--) {
            builder.property("p" + i, "v" + i);
        }

        assertThat(builder.build().properties().keySet())
                .containsExactly(
                        "p20", "p19", "p18", "p17", "p16", "p15", "p14", "p13", "p12", "p11", "p10",
                        "p9", "p8", "p7", "p6", "p5", "p4", "p3", "p2", "p1");
    }

    @Test
    void propertyWhenNameRepeatedShouldReplaceValueInPlace() {
        Message message =
                Message.builder("t")
                        .property("a", "1")
                        .property("b", "2")
                        .property("a", "3")
                        .body("x")
                        .build();

        assertThat(message.properties()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void keysAndPropertiesWhenCalledAgainShouldReplaceEarlierValues() {
        Message message =
                Message.builder("t")
                        .keys("old")
                        .keys(List.of("new1", "new2"))
                        .property("old", "1")
                        .properties(Map.of("new", "2"))
                        .body("x")
                        .build();

        assertThat(message.keys()).containsExactly("new1", "new2");
        assertThat(message.properties()).containsExactly(Map.entry("new", "2"));
    }

    @Test
    void toBuilderWhenChangedShouldLeaveOriginalUntouched() {
        Message original =
                Message.builder("t").tags("a").key("k").property("p", "v").body("x").build();

        Message copy = original.toBuilder().build();
        Message changed =
                original.toBuilder()
                        .topic("other")
                        .tags(null)
                        .key("k2")
                        .removeProperty("p")
                        .body("y")
                        .flag(1)
                        .build();

        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(changed.topic()).isEqualTo("other");
        assertThat(changed.tags()).isNull();
        assertThat(changed.keys()).containsExactly("k", "k2");
        assertThat(changed.properties()).isEmpty();
        assertThat(original.keys()).containsExactly("k");
        assertThat(original.properties()).containsOnlyKeys("p");
        assertThat(original.body()).containsExactly('x');
    }

    @Test
    void equalsShouldCompareEveryField() {
        Message base = Message.builder("t").tags("a").key("k").property("p", "v").body("x").build();

        assertThat(base).isNotEqualTo(base.toBuilder().topic("u").build());
        assertThat(base).isNotEqualTo(base.toBuilder().tags("b").build());
        assertThat(base).isNotEqualTo(base.toBuilder().key("k2").build());
        assertThat(base).isNotEqualTo(base.toBuilder().property("p", "w").build());
        assertThat(base).isNotEqualTo(base.toBuilder().body("y").build());
        assertThat(base).isNotEqualTo(base.toBuilder().flag(1).build());
        assertThat(base).isNotEqualTo(base.toBuilder().waitStoreMessageOk(false).build());
        assertThat(base).isEqualTo(base.toBuilder().body(new byte[] {'x'}).build());
    }

    @Test
    void toStringShouldShowShapeButNeitherBodyNorPropertyValues() {
        Message message =
                Message.builder("orders")
                        .tags("created")
                        .keys("k1", "k2")
                        .property("secretName", "secretValue")
                        .body("top secret body")
                        .build();

        assertThat(message.toString())
                .contains("orders", "created", "[k1, k2]", "secretName", "bodyLength=15")
                .doesNotContain("secretValue", "top secret body");
    }

    @Test
    void builderWhenReusedShouldBuildIndependentMessages() {
        Message.Builder builder = Message.builder("t").body("x").key("a");

        Message first = builder.build();
        Message second = builder.key("b").build();

        assertThat(first.keys()).containsExactly("a");
        assertThat(second.keys()).containsExactly("a", "b");
    }

    @Test
    void builderWhenReusedShouldNotChangePropertiesOfBuiltMessages() {
        Message.Builder builder = Message.builder("t").body("x").property("a", "1");

        Message first = builder.build();
        Message second = builder.property("b", "2").build();
        Message third = builder.removeProperty("a").build();
        Message fourth = builder.properties(Map.of("c", "3")).build();

        assertThat(first.properties()).containsExactly(Map.entry("a", "1"));
        assertThat(second.properties()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(third.properties()).containsExactly(Map.entry("b", "2"));
        assertThat(fourth.properties()).containsExactly(Map.entry("c", "3"));
    }

    @Test
    void emptyCollectionsShouldAnswerNullQueriesLikeAnyMap() {
        Message message = Message.builder("t").body("x").build();

        assertThat(message.properties().containsKey(null)).isFalse();
        assertThat(message.properties().get(null)).isNull();
        assertThat(message.toBuilder().property("a", "1").build().properties())
                .containsOnlyKeys("a");
        assertThat(message.properties()).isEmpty();
    }
}
