package io.liftoff.producer;

import io.liftoff.producer.BadInputMatrix.Attempt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the bad-input cases a subclass lists in its static {@code badInput()} against one {@link
 * BadInputMatrix} per class: each case must be rejected before anything reaches the wire.
 */
abstract class BadInputTests {

    // the producers and the fake name server of the running class; its cases' attempts use them
    static BadInputMatrix matrix;

    @BeforeAll
    static void startProducers() throws InterruptedException {
        matrix = BadInputMatrix.start();
    }

    @AfterAll
    static void stopProducers() {
        if (matrix != null) {
            matrix.close();
            matrix = null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputShouldBeRejectedBeforeTheWireSayingWhatToFix(
            String name, Class<? extends Throwable> type, String fragment, Attempt attempt) {
        matrix.assertRejectedBeforeTheWire(type, fragment, attempt);
    }
}
