package io.liftoff.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the client last saw of one server: whether its last request got an answer, how long that
 * took, and when. Immutable; a new request replaces it.
 *
 * @param address {@code host:port}
 * @param state the outcome of the last request
 * @param roundTrip how long the last answered request took, or {@code null} before one
 * @param lastSuccess when a request last got an answer, or {@code null}
 * @param lastFailure when a request last failed, or {@code null}
 * @param lastError why it failed, or {@code null}; never holds credentials
 */
public record EndpointStatus(
        String address,
        State state,
        Duration roundTrip,
        Instant lastSuccess,
        Instant lastFailure,
        String lastError) {

    /** The outcome of the last request to a server. */
    public enum State {
        /** No request has been made yet. */
        UNKNOWN,
        /** The last request got an answer. */
        REACHABLE,
        /** The last request failed: refused, timed out or cut off. */
        UNREACHABLE
    }

    public EndpointStatus {
        Objects.requireNonNull(address, "address must not be null");
        Objects.requireNonNull(state, "state must not be null");
    }

    /** A server nothing was asked of yet. */
    public static EndpointStatus unknown(String address) {
        return new EndpointStatus(address, State.UNKNOWN, null, null, null, null);
    }

    /** This status after an answered request. */
    public EndpointStatus answered(Duration took, Instant at) {
        return new EndpointStatus(address, State.REACHABLE, took, at, lastFailure, lastError);
    }

    /** This status after a failed request. */
    public EndpointStatus failed(String error, Instant at) {
        return new EndpointStatus(address, State.UNREACHABLE, roundTrip, lastSuccess, at, error);
    }
}
