package io.liftoff.producer.internal.remoting;

import io.netty.channel.Channel;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The table of requests waiting for a response, keyed by opaque. Whoever removes an entry completes
 * it, so each request is completed by exactly one path. Thread-safe.
 *
 * <p>Primitive int maps in stripes (by the opaque's low bits, so consecutive requests land in
 * different stripes) rather than a {@code ConcurrentHashMap}: no boxed key and no node per request,
 * and each lock is held for a few array accesses only.
 */
final class PendingRequests {

    private static final int STRIPES = 16;

    private final Stripe[] stripes = new Stripe[STRIPES];

    PendingRequests() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Adds a request; whoever removes it again completes it ({@link PendingRequest#complete},
     * {@link PendingRequest#fail}).
     */
    void add(PendingRequest request) {
        Stripe stripe = stripeOf(request.opaque());
        synchronized (stripe) {
            stripe.requests.put(request.opaque(), request);
        }
    }

    /** Removes and returns the request with {@code opaque}, or {@code null} if none waits. */
    PendingRequest remove(int opaque) {
        Stripe stripe = stripeOf(opaque);
        synchronized (stripe) {
            return stripe.requests.remove(opaque);
        }
    }

    /** Removes {@code request}; returns whether it was still in the table. */
    boolean remove(PendingRequest request) {
        Stripe stripe = stripeOf(request.opaque());
        synchronized (stripe) {
            if (stripe.requests.get(request.opaque()) != request) {
                return false;
            }
            stripe.requests.remove(request.opaque());
            return true;
        }
    }

    /** Removes and fails every request written to {@code channel}. */
    void failAll(Channel channel, Function<PendingRequest, Throwable> failure) {
        for (PendingRequest request : snapshot()) {
            if (request.channel() == channel && remove(request)) {
                request.fail(failure.apply(request));
            }
        }
    }

    /** Removes and fails every request. */
    void failAll(Function<PendingRequest, Throwable> failure) {
        for (PendingRequest request : snapshot()) {
            if (remove(request)) {
                request.fail(failure.apply(request));
            }
        }
    }

    /** Returns the number of requests waiting. */
    int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.requests.size();
            }
        }
        return size;
    }

    /** The requests waiting now, copied so that failing them runs outside the locks. */
    private List<PendingRequest> snapshot() {
        List<PendingRequest> all = new ArrayList<>();
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                all.addAll(stripe.requests.values());
            }
        }
        return all;
    }

    private Stripe stripeOf(int opaque) {
        return stripes[opaque & (STRIPES - 1)];
    }

    /** One lock and the requests whose opaques it holds. */
    private static final class Stripe {
        final IntObjectHashMap<PendingRequest> requests = new IntObjectHashMap<>();
    }
}
