package io.liftoff.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a send; implement it, or extend {@link
 * DefaultProducerObservationConvention}, and define it as a bean to change them.
 */
public interface ProducerObservationConvention extends ObservationConvention<ProducerSendContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ProducerSendContext;
    }
}
