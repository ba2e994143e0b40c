package io.liftoff.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed on a missing or invalid producer property: the description names
 * the property and what is wrong with it, the action says what to set. Registered in {@code
 * META-INF/spring.factories}.
 */
class InvalidProducerPropertyFailureAnalyzer
        extends AbstractFailureAnalyzer<InvalidProducerPropertyException> {

    @Override
    protected FailureAnalysis analyze(
            Throwable rootFailure, InvalidProducerPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }
}
