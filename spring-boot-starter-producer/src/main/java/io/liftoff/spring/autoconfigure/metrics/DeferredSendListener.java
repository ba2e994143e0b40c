package io.liftoff.spring.autoconfigure.metrics;

import io.liftoff.producer.SendEvent;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.SendResult;
import org.jspecify.annotations.Nullable;

/**
 * The listener a customizer adds to a producer's configuration before the producer exists; once it
 * does, {@link ProducerMetricsPostProcessor} binds the {@link
 * io.liftoff.spring.metrics.SendMetricsListener} tagged with the producer's group. Needed because
 * neither the configuration builder nor a {@link SendEvent} tells the group.
 */
final class DeferredSendListener implements SendListener {

    private volatile @Nullable SendListener delegate;

    /** Starts passing events to {@code delegate}. */
    void bind(SendListener delegate) {
        this.delegate = delegate;
    }

    /** Returns whether {@link #bind} was called. */
    boolean isBound() {
        return this.delegate != null;
    }

    @Override
    public void onSuccess(SendEvent event, @Nullable SendResult result) {
        SendListener current = this.delegate;
        if (current != null) {
            current.onSuccess(event, result);
        }
    }

    @Override
    public void onFailure(SendEvent event, Throwable failure) {
        SendListener current = this.delegate;
        if (current != null) {
            current.onFailure(event, failure);
        }
    }
}
