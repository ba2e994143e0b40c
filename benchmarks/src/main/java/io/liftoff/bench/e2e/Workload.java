package io.liftoff.bench.e2e;

import java.util.Locale;

/**
 * How a run loads its client.
 *
 * @param mode how sends are issued
 * @param threads sending threads (sync only; async runs have one driver thread)
 * @param window most async sends in flight (window mode)
 * @param rate intended sends per second (rate mode); 0 until a share of saturation is resolved
 * @param bodySize body bytes of every message
 * @param saturationPercent rate mode only: the rate as a share of the saturation measured earlier
 *     in the same run (see {@link SaturationRates}), or 0 for a fixed rate
 */
record Workload(Mode mode, int threads, int window, int rate, int bodySize, int saturationPercent) {

    /** How sends are issued. */
    enum Mode {
        /** Each thread sends and waits, in a loop. */
        SYNC,
        /** Async, closed loop: a new send whenever one of {@code window} in flight completes. */
        WINDOW,
        /**
         * Async, open loop: sends at fixed intended times whatever happens, so latency measured
         * from the intended time (the publish delay) is free of coordinated omission.
         */
        RATE
    }

    static Workload sync(int threads, int bodySize) {
        return new Workload(Mode.SYNC, threads, 0, 0, bodySize, 0);
    }

    static Workload window(int window, int bodySize) {
        return new Workload(Mode.WINDOW, 1, window, 0, bodySize, 0);
    }

    static Workload rate(int rate, int bodySize) {
        return new Workload(Mode.RATE, 1, 0, rate, bodySize, 0);
    }

    /**
     * An open loop at {@code percent} % of the closed-loop saturation of the same target and body,
     * its rate resolved when the run comes (see {@link SaturationRates}).
     */
    static Workload saturationShare(int percent, int bodySize) {
        return new Workload(Mode.RATE, 1, 0, 0, bodySize, percent);
    }

    /** This open loop at a rate resolved for it. */
    Workload atRate(int resolvedRate) {
        return new Workload(mode, threads, window, resolvedRate, bodySize, saturationPercent);
    }

    /** A short label for tables, e.g. {@code sync x16} or {@code async window 256}. */
    String label() {
        return switch (mode) {
            case SYNC -> "sync " + threads + (threads == 1 ? " thread" : " threads");
            case WINDOW -> "async window " + window;
            case RATE ->
                    saturationPercent == 0
                            ? String.format(Locale.ROOT, "async open loop %,d/s", rate)
                            : String.format(
                                    Locale.ROOT,
                                    "async open loop %,d/s (%d %% sat.)",
                                    rate,
                                    saturationPercent);
        };
    }

    /** The command-line options that recreate this workload in a client JVM. */
    String[] toArgs() {
        return new String[] {
            "--mode", mode.name(),
            "--threads", Integer.toString(threads),
            "--window", Integer.toString(window),
            "--rate", Integer.toString(rate),
            "--body", Integer.toString(bodySize)
        };
    }
}
