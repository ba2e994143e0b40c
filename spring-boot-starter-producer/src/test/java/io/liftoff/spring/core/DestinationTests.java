package io.liftoff.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationTests {

    @Test
    void parseWithTopicOnlyShouldHaveNoTag() {
        assertThat(Destination.parse("orders")).isEqualTo(new Destination("orders", null));
    }

    @Test
    void parseWithTopicAndTagShouldSplitAtColon() {
        assertThat(Destination.parse("orders:created"))
                .isEqualTo(new Destination("orders", "created"));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "''        | destination must not be blank; use 'topic' or 'topic:tags'",
                "'  '      | destination must not be blank; use 'topic' or 'topic:tags'",
                ":created  | destination ':created' has no topic before ':'; use 'topic' or 'topic:tags'",
                "orders:   | destination 'orders:' has no tag after ':'; use 'orders' to send without a tag",
                "a:b:c     | destination 'a:b:c' has more than one ':'; use 'topic' or 'topic:tags'",
                "::        | destination '::' has more than one ':'; use 'topic' or 'topic:tags'"
            })
    void parseWhenMalformedShouldSayHowToWriteIt(String destination, String error) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Destination.parse(destination))
                .withMessage(error);
    }

    @Test
    void parseWhenNullShouldThrow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Destination.parse(null))
                .withMessage("destination must not be null; use 'topic' or 'topic:tags'");
    }
}
