package io.liftoff.producer.internal.remoting;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which addresses failed lately and until when they should be left alone, by a {@link Backoff}.
 * Each address's state is an immutable value replaced in one atomic map operation. Thread-safe.
 */
public final class AddressBackoff {

    private record State(int failures, long retryAt, Throwable lastFailure) {}

    private final Backoff backoff;
    private final LongSupplier clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * @param backoff the waits, must not be {@code null}
     */
    public AddressBackoff(Backoff backoff) {
        this(backoff, System::nanoTime);
    }

    /**
     * @param backoff the waits, must not be {@code null}
     * @param clock a {@link System#nanoTime()} source; tests pass one they move by hand
     */
    public AddressBackoff(Backoff backoff, LongSupplier clock) {
        this.backoff = Require.notNull(backoff, "backoff");
        this.clock = clock;
    }

    /** Records a failure of {@code address}; the wait grows with each consecutive one. */
    public void failed(String address, Throwable failure) {
        long now = clock.getAsLong();
        states.compute(
                address,
                (key, old) -> {
                    int failures = old == null ? 1 : old.failures() + 1;
                    return new State(failures, now + backoff.delay(failures).toNanos(), failure);
                });
    }

    /** Records a success of {@code address}: it is tried freely again. */
    public void succeeded(String address) {
        states.remove(address);
    }

    /** Forgets {@code address}, which is no longer used; should it return, it starts afresh. */
    public void forget(String address) {
        states.remove(address);
    }

    /** How long {@code address} should still be left alone; zero when it may be tried. */
    public Duration remaining(String address) {
        State state = states.get(address);
        if (state == null) {
            return Duration.ZERO;
        }
        // compared by subtraction, which survives the nano clock wrapping
        long left = state.retryAt() - clock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Whether {@code address} should be left alone now. */
    public boolean isBackingOff(String address) {
        return !remaining(address).isZero();
    }

    /** Consecutive failures of {@code address} so far; zero after a success. */
    public int failures(String address) {
        State state = states.get(address);
        return state == null ? 0 : state.failures();
    }

    /** The last failure of {@code address}, or {@code null} after a success. */
    public Throwable lastFailure(String address) {
        State state = states.get(address);
        return state == null ? null : state.lastFailure();
    }
}
