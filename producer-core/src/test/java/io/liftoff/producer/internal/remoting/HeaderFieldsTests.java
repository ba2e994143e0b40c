package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderFieldsTests {

    @Test
    void fieldsShouldKeepInsertionOrderAndReadLikeAMap() {
        HeaderFields fields = HeaderFields.builder(1).add("z", "1").add("a", "2").build();

        assertThat(fields).containsExactly(Map.entry("z", "1"), Map.entry("a", "2"));
        assertThat(fields.get("a")).isEqualTo("2");
        assertThat(fields.get("missing")).isNull();
        assertThat(fields.containsKey("z")).isTrue();
        assertThat(fields.containsKey(null)).isFalse();
        assertThat(fields).hasSize(2);
        List<String> visited = new ArrayList<>();
        fields.forEach((name, value) -> visited.add(name + "=" + value));
        assertThat(visited).containsExactly("z=1", "a=2");
    }

    @Test
    void fieldsShouldEqualAnOrderedMapWithTheSameEntries() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "x");
        expected.put("b", "y");

        HeaderFields fields = HeaderFields.builder(2).add("a", "x").add("b", "y").build();

        assertThat(fields).isEqualTo(expected);
        assertThat(expected).isEqualTo(fields);
        assertThat(fields.hashCode()).isEqualTo(expected.hashCode());
    }

    @Test
    void fieldsShouldBeUnmodifiable() {
        HeaderFields fields = HeaderFields.builder(1).add("a", "1").build();

        assertThatThrownBy(() -> fields.put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue("2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderShouldNotChangeFieldsItBuiltBefore() {
        HeaderFields.Builder builder = HeaderFields.builder(1).add("a", "1");
        HeaderFields first = builder.build();

        builder.add("b", "2");

        assertThat(first).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void addWhenNameOrValueIsNullOrNameRepeatsShouldRejectIt() {
        HeaderFields.Builder builder = HeaderFields.builder(2).add("a", "1");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.add(null, "1"))
                .withMessageContaining("null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.add("b", null))
                .withMessageContaining("b=null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.add("a", "2"))
                .withMessageContaining("'a' is added twice");
    }

    @Test
    void requestShouldShareHeaderFieldsWithoutCopying() {
        HeaderFields fields = HeaderFields.builder(1).add("a", "1").build();

        Command request = Command.request(310, fields, null);

        assertThat(request.extFields()).isSameAs(fields);
        assertThat(request.stamped(5, 479, 0).extFields()).isSameAs(fields);
    }
}
