package io.liftoff.bench.e2e;

import io.liftoff.bench.e2e.Scenario.Client;
import io.liftoff.bench.e2e.Scenario.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns "an open loop at 20 % of saturation" into a rate: the saturation is the throughput Liftoff
 * with batching off reached in the async window run of the same target and body earlier in the same
 * run (the {@link Plan} puts that run first). Measured rather than fixed, so the open loop loads
 * this machine, on this day, as lightly as meant; every client of the group gets the same rate.
 */
final class SaturationRates {

    private record Key(Target target, int bodySize) {}

    private final Map<Key, Double> saturation = new HashMap<>();

    /** Remembers the saturation a run measured, if it is one. */
    void record(Scenario scenario, RunResult result) {
        if (scenario.client() == Client.LIFTOFF
                && scenario.workload().mode() == Workload.Mode.WINDOW
                && result.messagesPerSecond() > 0) {
            saturation.put(
                    new Key(scenario.target(), scenario.workload().bodySize()),
                    result.messagesPerSecond());
        }
    }

    /**
     * The scenario with its rate resolved if it asks for a share of saturation, else itself.
     *
     * @throws IllegalStateException if no saturation of its target and body was measured before
     */
    Scenario resolve(Scenario scenario) {
        Workload workload = scenario.workload();
        if (workload.saturationPercent() == 0) {
            return scenario;
        }
        Double measured = saturation.get(new Key(scenario.target(), workload.bodySize()));
        if (measured == null) {
            throw new IllegalStateException(
                    "no saturation measured for "
                            + scenario.group()
                            + ": the plan must run Liftoff's async window run of the same target"
                            + " and body before it");
        }
        int rate = roughly(measured * workload.saturationPercent() / 100);
        return new Scenario(scenario.target(), scenario.client(), workload.atRate(rate));
    }

    /** Two significant digits (23,456 → 23,000), for a readable label; at least 100/s. */
    static int roughly(double rate) {
        if (rate < 100) {
            return 100;
        }
        double unit = Math.pow(10, Math.floor(Math.log10(rate)) - 1);
        return (int) (Math.round(rate / unit) * unit);
    }
}
