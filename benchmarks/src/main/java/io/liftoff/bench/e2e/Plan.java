package io.liftoff.bench.e2e;

import io.liftoff.bench.e2e.Scenario.Client;
import io.liftoff.bench.e2e.Scenario.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which scenarios a comparison runs and for how long each: {@code full} (about 22 minutes), {@code
 * quick} (about 5, for a smoke run; figures too short to trust), {@code openloop} (about 3: the
 * open loop at 5,000/s with 1 KiB bodies on the real broker, after the async window run that
 * precedes it in the full plan and leaves the broker loaded), {@code trace} (about 4: each client
 * with message trace off and on), {@code batching} (about 6: Liftoff with batching off and on,
 * where batching could cost and where it gains), {@code profile} (about 4) or {@code order} (about
 * 3: whether a run's place in the order moves its figures).
 *
 * <p>Every scenario but those of {@code trace} runs four clients: Liftoff and the official client,
 * each with automatic batching off and on; the async window runs against the sink add the floor.
 *
 * @param scenarios in run order; within each group Liftoff, official, Liftoff batching, official
 *     batching, then the floor
 * @param warmup load before measuring, per run
 * @param measured the measured window, per run
 */
record Plan(List<Scenario> scenarios, Duration warmup, Duration measured) {

    static final int WINDOW = 256;

    /** The open loops' share of the closed-loop saturation, for a lightly loaded publisher. */
    static final int OPEN_LOOP_PERCENT = 20;

    static Plan named(String name) {
        return switch (name) {
            case "full" -> full();
            case "quick" -> quick();
            case "openloop" -> openLoop();
            case "trace" -> trace();
            case "batching" -> batching();
            case "profile" -> profile();
            case "order" -> order();
            default ->
                    throw new IllegalArgumentException(
                            "plan must be 'full', 'quick', 'openloop', 'trace', 'batching',"
                                    + " 'profile' or 'order', not '"
                                    + name
                                    + "'");
        };
    }

    private static Plan full() {
        List<Scenario> runs = new ArrayList<>();
        clientBound(runs);
        four(runs, Target.BROKER, Workload.sync(1, 128));
        four(runs, Target.BROKER, Workload.sync(1, 1024));
        four(runs, Target.BROKER, Workload.sync(16, 128));
        // the window runs measure the saturation the open loops after them take their share of
        four(runs, Target.BROKER, Workload.window(WINDOW, 128));
        four(runs, Target.BROKER, Workload.window(WINDOW, 1024));
        four(runs, Target.BROKER, Workload.saturationShare(OPEN_LOOP_PERCENT, 128));
        four(runs, Target.BROKER, Workload.saturationShare(OPEN_LOOP_PERCENT, 1024));
        four(runs, Target.BROKER, Workload.rate(2_000, 128));
        four(runs, Target.BROKER, Workload.rate(5_000, 1024));
        return new Plan(runs, Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    /**
     * The runs against the sink come first: after a heavy run the real broker keeps dispatching and
     * flushing what it stored for a while, and on a small machine that would take CPU from the
     * client-bound runs.
     */
    private static void clientBound(List<Scenario> runs) {
        four(runs, Target.SINK, Workload.sync(16, 128));
        withFloor(runs, Workload.window(WINDOW, 128));
        withFloor(runs, Workload.window(WINDOW, 1024));
        four(runs, Target.SINK, Workload.saturationShare(OPEN_LOOP_PERCENT, 128));
        four(runs, Target.SINK, Workload.saturationShare(OPEN_LOOP_PERCENT, 1024));
    }

    /**
     * Fewer scenarios, shorter windows, every client and both kinds of open loop. The warm-up still
     * has to let the JIT finish: on 2 cores a 2 s warm-up left Liftoff's async path partly
     * interpreted (41 µs CPU per message instead of 11, a third of the throughput).
     */
    private static Plan quick() {
        List<Scenario> runs = new ArrayList<>();
        withFloor(runs, Workload.window(WINDOW, 128));
        four(runs, Target.SINK, Workload.saturationShare(OPEN_LOOP_PERCENT, 128));
        four(runs, Target.BROKER, Workload.sync(1, 128));
        four(runs, Target.BROKER, Workload.window(WINDOW, 128));
        four(runs, Target.BROKER, Workload.rate(2_000, 128));
        return new Plan(runs, Duration.ofSeconds(6), Duration.ofSeconds(4));
    }

    /** The heaviest open loop on the real broker, as loaded as in a full run, without one. */
    private static Plan openLoop() {
        List<Scenario> runs = new ArrayList<>();
        four(runs, Target.BROKER, Workload.window(WINDOW, 1024));
        four(runs, Target.BROKER, Workload.rate(5_000, 1024));
        return new Plan(runs, Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    /**
     * The cost of message trace: each client with trace off and on, against the sink (where CPU and
     * allocation per send are the client's alone) and against the real broker (started with {@code
     * traceTopicEnable=true}).
     */
    private static Plan trace() {
        List<Scenario> runs = new ArrayList<>();
        traced(runs, Target.SINK, Workload.window(WINDOW, 128));
        traced(runs, Target.BROKER, Workload.sync(1, 128));
        traced(runs, Target.BROKER, Workload.window(WINDOW, 128));
        return new Plan(runs, Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    private static void traced(List<Scenario> runs, Target target, Workload workload) {
        runs.add(new Scenario(target, Client.LIFTOFF, workload));
        runs.add(new Scenario(target, Client.LIFTOFF_TRACED, workload));
        runs.add(new Scenario(target, Client.OFFICIAL, workload));
        runs.add(new Scenario(target, Client.OFFICIAL_TRACED, workload));
    }

    /**
     * Liftoff with batching off and on, in the cells where batching could cost: senders that wait
     * for each answer, few in flight per queue, and a light open loop; with the window runs that
     * show what it gains.
     */
    private static Plan batching() {
        List<Scenario> runs = new ArrayList<>();
        onOff(runs, Target.SINK, Workload.sync(16, 128));
        onOff(runs, Target.SINK, Workload.window(WINDOW, 128));
        onOff(runs, Target.SINK, Workload.window(WINDOW, 1024));
        onOff(runs, Target.BROKER, Workload.sync(1, 128));
        onOff(runs, Target.BROKER, Workload.sync(16, 128));
        onOff(runs, Target.BROKER, Workload.window(WINDOW, 128));
        onOff(runs, Target.BROKER, Workload.window(WINDOW, 1024));
        onOff(runs, Target.BROKER, Workload.rate(2_000, 128));
        return new Plan(runs, Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    /**
     * The cells whose CPU and allocation per message the profiles explain: the sync sender of one
     * thread and the async window against the broker, each client with batching off, and Liftoff's
     * sync senders of 16 threads and async windows against the sink (1 KiB with batching, 128 B off
     * and on).
     */
    private static Plan profile() {
        List<Scenario> runs = new ArrayList<>();
        runs.add(new Scenario(Target.SINK, Client.LIFTOFF, Workload.sync(16, 128)));
        runs.add(new Scenario(Target.SINK, Client.LIFTOFF_BATCH, Workload.window(WINDOW, 1024)));
        onOff(runs, Target.SINK, Workload.window(WINDOW, 128));
        for (Workload workload : List.of(Workload.sync(1, 128), Workload.window(WINDOW, 128))) {
            runs.add(new Scenario(Target.BROKER, Client.LIFTOFF, workload));
            runs.add(new Scenario(Target.BROKER, Client.OFFICIAL, workload));
        }
        return new Plan(runs, Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    /**
     * Whether a run's place in the order moves its figures: in the real broker's sync cells, where
     * batching seldom or never holds a message, Liftoff with batching on, then off, twice. The
     * other plans always run batching on after off.
     */
    private static Plan order() {
        List<Scenario> runs = new ArrayList<>();
        for (Workload workload : List.of(Workload.sync(1, 128), Workload.sync(16, 128))) {
            for (int round = 0; round < 2; round++) {
                runs.add(new Scenario(Target.BROKER, Client.LIFTOFF_BATCH, workload));
                runs.add(new Scenario(Target.BROKER, Client.LIFTOFF, workload));
            }
        }
        return new Plan(runs, Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    private static void onOff(List<Scenario> runs, Target target, Workload workload) {
        runs.add(new Scenario(target, Client.LIFTOFF, workload));
        runs.add(new Scenario(target, Client.LIFTOFF_BATCH, workload));
    }

    /** Both clients with batching off, then both with batching on. */
    private static void four(List<Scenario> runs, Target target, Workload workload) {
        runs.add(new Scenario(target, Client.LIFTOFF, workload));
        runs.add(new Scenario(target, Client.OFFICIAL, workload));
        runs.add(new Scenario(target, Client.LIFTOFF_BATCH, workload));
        runs.add(new Scenario(target, Client.OFFICIAL_BATCH, workload));
    }

    private static void withFloor(List<Scenario> runs, Workload workload) {
        four(runs, Target.SINK, workload);
        runs.add(new Scenario(Target.SINK, Client.FLOOR, workload));
    }
}
