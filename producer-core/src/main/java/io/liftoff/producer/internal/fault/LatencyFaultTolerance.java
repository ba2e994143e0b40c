package io.liftoff.producer.internal.fault;

import io.liftoff.producer.LatencyTier;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers how each broker's last attempt went and keeps slow or failing brokers aside for a
 * while, by {@link LatencyTier}s. Thread-safe and lock-free.
 *
 * <p>How the design answers the questions the official {@code MQFaultStrategy} and {@code
 * LatencyFaultToleranceImpl} leave open:
 *
 * <ul>
 *   <li><b>Racy fault-item updates.</b> The official client mutates the fields of one {@code
 *       FaultItem} from many threads, so a reader can see one attempt's latency with another's
 *       isolation. Here a broker's state is one {@link BrokerFault} whose reads and updates all
 *       hold its lock: readers see either the old or the new state, and concurrent updates of one
 *       broker never interleave. It is updated in place, so a send's recording allocates nothing.
 *   <li><b>A late success undoing a fresh failure.</b> With plain overwrites, an answer to an
 *       attempt sent before a broker died, recorded after its failure, makes the dead broker
 *       available again. An answer whose attempt started before the isolation was decided is
 *       ignored ({@link BrokerFault#decide}).
 *   <li><b>Every broker isolated.</b> Isolation never makes a send fail: {@link #leastBad} names
 *       the broker that comes back soonest, and the selector falls back to it.
 *   <li><b>The thundering herd when an isolation ends.</b> The first selection after the end claims
 *       a probe ({@link #tryUse}); the others keep skipping the broker until the probe's outcome is
 *       recorded or {@code probeGrace} passes. A hung broker therefore costs one attempt per
 *       isolation period, not one per concurrent send.
 *   <li><b>Parallel arrays.</b> Tiers are a list of records; a failure counts as an attempt of
 *       {@link #FAILURE_LATENCY}, as isolation does in the official 5.x client.
 *   <li><b>Brokers that left the cluster.</b> {@link #retainOnly} forgets them after a route
 *       refresh, so the table does not grow with every broker ever seen.
 *   <li><b>Time.</b> Readings of a monotonic nanosecond clock, compared by subtraction only, so
 *       neither wall-clock jumps nor the counter wrapping can misorder them.
 * </ul>
 */
public final class LatencyFaultTolerance {

    /** The latency a failed or timed-out attempt counts as: 10 s, as in the official 5.x client. */
    public static final Duration FAILURE_LATENCY = Duration.ofSeconds(10);

    private static final long FAILURE_LATENCY_NANOS = FAILURE_LATENCY.toNanos();

    private static final LatencyFaultTolerance DISABLED =
            new LatencyFaultTolerance(List.of(), Duration.ZERO, System::nanoTime, false);

    private final List<LatencyTier> tiers;
    private final long probeGraceNanos;
    private final LongSupplier clock;
    private final boolean enabled;
    private final Map<String, BrokerFault> faults = new ConcurrentHashMap<>();

    LatencyFaultTolerance(
            List<LatencyTier> tiers, Duration probeGrace, LongSupplier clock, boolean enabled) {
        this.tiers = enabled ? LatencyTier.checkOrder(tiers) : List.of();
        this.probeGraceNanos = probeGrace.toNanos();
        this.clock = clock;
        this.enabled = enabled;
    }

    /**
     * A fault tolerance with the given tiers.
     *
     * @param tiers at least one, with strictly increasing {@code latencyAtLeast}; must not be
     *     {@code null}
     * @param probeGrace how long the other sends keep skipping a broker whose isolation ended while
     *     the probe sent to it is out; should be the longest an attempt can take
     * @throws IllegalArgumentException when the tiers are empty or out of order
     */
    public static LatencyFaultTolerance of(List<LatencyTier> tiers, Duration probeGrace) {
        Objects.requireNonNull(probeGrace, "probeGrace must not be null");
        return new LatencyFaultTolerance(tiers, probeGrace, System::nanoTime, true);
    }

    /** A fault tolerance that records nothing and lets every broker be used. */
    public static LatencyFaultTolerance disabled() {
        return DISABLED;
    }

    /**
     * Records how an attempt to {@code broker} ended; one atomic update of that broker's state.
     *
     * @param broker the broker name, must not be {@code null}
     * @param latencyNanos how long the attempt took, in nanoseconds
     * @param outcome how it ended, must not be {@code null}
     */
    public void record(String broker, long latencyNanos, Outcome outcome) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        long counted = outcome == Outcome.ANSWERED ? latencyNanos : FAILURE_LATENCY_NANOS;
        long isolateFor = isolationFor(counted);
        BrokerFault fault = faults.get(broker);
        if (fault == null) {
            fault =
                    faults.putIfAbsent(
                            broker, new BrokerFault(latencyNanos, outcome, now, isolateFor));
            if (fault == null) {
                return;
            }
        }
        fault.decide(latencyNanos, outcome, now, now - latencyNanos, isolateFor);
    }

    /**
     * Whether a send may go to {@code broker} now. A broker whose isolation has just ended is
     * admitted to one caller only, the probe, until the probe's outcome is recorded or the probe
     * grace passes.
     *
     * @return {@code false} while the broker is isolated or another caller's probe is out
     */
    public boolean tryUse(String broker) {
        if (!enabled) {
            return true;
        }
        BrokerFault fault = faults.get(broker);
        if (fault == null) {
            return true;
        }
        long now = clock.getAsLong();
        return fault.tryUse(now, now + probeGraceNanos);
    }

    /** Whether {@code broker} sits out now; no side effect. */
    public boolean isIsolated(String broker) {
        BrokerFault fault = enabled ? faults.get(broker) : null;
        return fault != null && fault.isIsolatedAt(clock.getAsLong());
    }

    /**
     * The broker of {@code brokers} that comes back soonest, the fastest one among equals; a broker
     * never recorded counts as best.
     *
     * @param brokers at least one broker name
     */
    public String leastBad(Collection<String> brokers) {
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("brokers must not be empty");
        }
        long now = clock.getAsLong();
        Comparator<String> byRecovery =
                Comparator.comparingLong(
                        broker -> {
                            BrokerFault fault = faults.get(broker);
                            // distance from now, so that the comparison survives a wrap
                            return fault == null ? Long.MIN_VALUE : fault.availableAt() - now;
                        });
        Comparator<String> byLatency =
                Comparator.comparingLong(
                        broker -> {
                            BrokerFault fault = faults.get(broker);
                            return fault == null ? 0 : fault.lastLatencyNanos();
                        });
        return brokers.stream().min(byRecovery.thenComparing(byLatency)).orElseThrow();
    }

    /** Forgets every broker not in {@code brokers}, e.g. those a route refresh no longer lists. */
    public void retainOnly(Collection<String> brokers) {
        faults.keySet().retainAll(Set.copyOf(brokers));
    }

    /** A copy of the state of {@code broker}, or {@code null} when none was recorded; for tests. */
    BrokerFault stateOf(String broker) {
        BrokerFault fault = faults.get(broker);
        return fault == null ? null : fault.copy();
    }

    /** How long an attempt of {@code latencyNanos} makes its broker sit out, in nanoseconds. */
    private long isolationFor(long latencyNanos) {
        long isolation = 0;
        for (LatencyTier tier : tiers) {
            if (latencyNanos < tier.latencyAtLeast().toNanos()) {
                break;
            }
            isolation = tier.isolateFor().toNanos();
        }
        return isolation;
    }
}
