package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.EndpointStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the latest {@link EndpointStatus} of each server; one atomic update per outcome. */
public final class EndpointStatusTracker {

    private final Map<String, EndpointStatus> statuses = new ConcurrentHashMap<>();

    /** Records an answered request that took {@code took}. */
    public void answered(String address, Duration took) {
        Instant now = Instant.now();
        statuses.compute(
                address,
                (key, old) ->
                        (old == null ? EndpointStatus.unknown(key) : old).answered(took, now));
    }

    /** Records a failed request. */
    public void failed(String address, String error) {
        Instant now = Instant.now();
        statuses.compute(
                address,
                (key, old) -> (old == null ? EndpointStatus.unknown(key) : old).failed(error, now));
    }

    /** Forgets {@code address}, which is no longer used. */
    public void forget(String address) {
        statuses.remove(address);
    }

    /** The status of each of {@code addresses}, in that order; unknown for one never asked. */
    public List<EndpointStatus> statusOf(List<String> addresses) {
        return addresses.stream()
                .map(address -> statuses.getOrDefault(address, EndpointStatus.unknown(address)))
                .toList();
    }

    /** The status of {@code address}; unknown when never asked. */
    public EndpointStatus statusOf(String address) {
        return statuses.getOrDefault(address, EndpointStatus.unknown(address));
    }
}
