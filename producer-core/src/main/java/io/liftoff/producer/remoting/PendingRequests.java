package io.liftoff.producer.remoting;

import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The table of requests waiting for a response, keyed by opaque. Whoever removes an entry completes
 * it, so each request is completed by exactly one path. Thread-safe.
 */
final class PendingRequests {

    private final ConcurrentMap<Integer, PendingRequest> requests = new ConcurrentHashMap<>();

    /** Adds a request; it leaves the table by itself when its future completes in any way. */
    void add(PendingRequest request) {
        requests.put(request.opaque(), request);
        request.future().whenComplete((response, failure) -> remove(request));
    }

    /** Removes and returns the request with {@code opaque}, or {@code null} if none waits. */
    PendingRequest remove(int opaque) {
        return requests.remove(opaque);
    }

    /** Removes {@code request}; returns whether it was still in the table. */
    boolean remove(PendingRequest request) {
        return requests.remove(request.opaque(), request);
    }

    /** Removes and fails every request written to {@code channel}. */
    void failAll(Channel channel, Function<PendingRequest, Throwable> failure) {
        for (PendingRequest request : requests.values()) {
            if (request.channel() == channel && remove(request)) {
                request.fail(failure.apply(request));
            }
        }
    }

    /** Removes and fails every request. */
    void failAll(Function<PendingRequest, Throwable> failure) {
        for (PendingRequest request : requests.values()) {
            if (remove(request)) {
                request.fail(failure.apply(request));
            }
        }
    }

    /** Returns the number of requests waiting. */
    int size() {
        return requests.size();
    }
}
