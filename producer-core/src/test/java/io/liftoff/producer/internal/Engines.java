package io.liftoff.producer.internal;

import io.liftoff.producer.internal.fault.LatencyFaultTolerance;

/** Send-operation engines for tests that script the attempts themselves. */
final class Engines {

    private Engines() {}

    /**
     * An engine that sends through {@code sender}, records nothing and lists the operations in a
     * registry of its own, with room for all.
     */
    static SendOperation.Engine scripted(
            SendOperation.Attempt sender, SendOperation.Delays delays) {
        return new SendOperation.Engine(
                sender,
                new AttemptRecorder(LatencyFaultTolerance.disabled(), (topic, broker) -> {}),
                delays,
                new InFlightSends(10_000, 1 << 20));
    }
}
