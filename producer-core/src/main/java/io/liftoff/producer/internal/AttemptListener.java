package io.liftoff.producer.internal;

import io.liftoff.producer.SendResult;

/** Told how one send attempt ended, exactly once; {@link SendOperation.Attempt} tells it. */
@FunctionalInterface
interface AttemptListener {

    /**
     * @param result the result, or {@code null} when the attempt failed
     * @param failure why the attempt failed, or {@code null} when a result arrived
     */
    void attempted(SendResult result, RuntimeException failure);
}
