package io.liftoff.producer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of the latency fault tolerance: an attempt that took at least {@code latencyAtLeast}
 * makes its broker sit out for {@code isolateFor}. The tiers replace the official client's two
 * parallel arrays ({@code latencyMax}, {@code notAvailableDuration}) with one list of pairs that
 * cannot get out of step.
 *
 * @param latencyAtLeast the latency from which this tier applies; zero or positive
 * @param isolateFor how long the broker is skipped; zero (not at all) or positive
 */
public record LatencyTier(Duration latencyAtLeast, Duration isolateFor) {

    /**
     * The official client's tiers (PROTOCOL.md §4c): latencies from 50, 100, 550, 1800, 3000, 5000
     * and 15000 ms isolate for 0, 0, 2, 5, 6, 10 and 30 s.
     */
    public static final List<LatencyTier> DEFAULTS =
            List.of(
                    tier(50, 0),
                    tier(100, 0),
                    tier(550, 2_000),
                    tier(1_800, 5_000),
                    tier(3_000, 6_000),
                    tier(5_000, 10_000),
                    tier(15_000, 30_000));

    public LatencyTier {
        Objects.requireNonNull(latencyAtLeast, "latencyAtLeast must not be null");
        Objects.requireNonNull(isolateFor, "isolateFor must not be null");
        if (latencyAtLeast.isNegative() || isolateFor.isNegative()) {
            throw new IllegalArgumentException(
                    "a latency tier's durations must not be negative, was "
                            + latencyAtLeast
                            + " -> "
                            + isolateFor);
        }
    }

    /**
     * @param latencyAtLeastMillis the latency from which the tier applies, in ms
     * @param isolateForMillis how long the broker is skipped, in ms
     */
    public static LatencyTier ofMillis(long latencyAtLeastMillis, long isolateForMillis) {
        return new LatencyTier(
                Duration.ofMillis(latencyAtLeastMillis), Duration.ofMillis(isolateForMillis));
    }

    /**
     * Checks that {@code tiers} can be used: at least one tier, in strictly increasing order of
     * {@code latencyAtLeast}.
     *
     * @return an unmodifiable copy
     * @throws IllegalArgumentException naming the offending tier
     */
    public static List<LatencyTier> checkOrder(List<LatencyTier> tiers) {
        Objects.requireNonNull(tiers, "latency tiers must not be null");
        List<LatencyTier> copy = List.copyOf(tiers);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(
                    "latency tiers must not be empty; use LatencyTier.DEFAULTS, or disable the"
                            + " latency fault tolerance");
        }
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).latencyAtLeast().compareTo(copy.get(i - 1).latencyAtLeast()) <= 0) {
                throw new IllegalArgumentException(
                        "latency tiers must be in strictly increasing order of latencyAtLeast,"
                                + " but "
                                + copy.get(i)
                                + " follows "
                                + copy.get(i - 1));
            }
        }
        return copy;
    }

    private static LatencyTier tier(long latencyAtLeastMillis, long isolateForMillis) {
        return ofMillis(latencyAtLeastMillis, isolateForMillis);
    }
}
