package io.liftoff.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class RunResultTests {

    @Test
    void parseWhenLineCameFromToLineShouldRestoreTheResult() {
        RunResult result = new RunResult(12_345.5, 2, 310, 920, 1500, -1, -1, -1, 21.25, 812, 1);

        assertThat(RunResult.parse(result.toLine())).isEqualTo(result);
    }

    @Test
    void parseWhenLineIsNoResultShouldSaySo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RunResult.parse("sink listening on 127.0.0.1:9876"))
                .withMessageContaining("not a result line");
    }
}
