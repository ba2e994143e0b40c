package io.liftoff.bench.e2e;

import io.liftoff.bench.e2e.Scenario.Client;
import io.liftoff.bench.e2e.Scenario.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Formats the measured runs as Markdown: the figures, the ratios, and the targets they meet. */
final class ReportTable {

    /** One measured run. */
    record Row(Scenario scenario, RunResult result) {}

    private final List<Row> rows;
    private final Footprint footprint;

    /**
     * @param rows the runs, in run order
     * @param footprint the classpath sizes, or {@code null} if they could not be read
     */
    ReportTable(List<Row> rows, Footprint footprint) {
        this.rows = List.copyOf(rows);
        this.footprint = footprint;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        figures(out);
        out.append('\n');
        ratios(out);
        out.append('\n');
        batching(out);
        footprint(out);
        out.append('\n');
        targets(out);
        return out.toString();
    }

    private void figures(StringBuilder out) {
        out.append(
                "| target | workload | body | client | msgs/s | p50 µs | p99 µs | p99.9 µs |"
                        + " CPU µs/msg | alloc B/msg | failed |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Scenario s = row.scenario();
            RunResult r = row.result();
            boolean open = s.workload().mode() == Workload.Mode.RATE;
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n",
                            s.target().label,
                            s.workload().label(),
                            Scenario.bodyLabel(s.workload().bodySize()),
                            s.client().id,
                            whole(r.messagesPerSecond()),
                            latency(r.p50(), open ? r.delayP50() : -1),
                            latency(r.p99(), open ? r.delayP99() : -1),
                            latency(r.p999(), open ? r.delayP999() : -1),
                            decimal(r.cpuMicrosPerMessage()),
                            whole(r.allocatedBytesPerMessage()),
                            r.failed()));
        }
        out.append(
                "\nOpen-loop rows show `latency (delay)`: latency from the send call, delay from"
                        + " the intended send time (free of coordinated omission).\n");
    }

    /**
     * Liftoff over the official client in the same group, batching off against off and on against
     * on, and Liftoff over the floor where the floor ran.
     */
    private void ratios(StringBuilder out) {
        out.append(
                "| target | workload | body | batching | msgs/s L/O | p50 L/O | p99 L/O |"
                        + " CPU/msg L/O | alloc/msg L/O | msgs/s L/floor |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<Client, RunResult>> group : groups().entrySet()) {
            Map<Client, RunResult> byClient = group.getValue();
            RunResult floor = byClient.get(Client.FLOOR);
            ratioRow(
                    out,
                    group.getKey(),
                    "off",
                    byClient.get(Client.LIFTOFF),
                    byClient.get(Client.OFFICIAL),
                    floor);
            ratioRow(
                    out,
                    group.getKey(),
                    "on",
                    byClient.get(Client.LIFTOFF_BATCH),
                    byClient.get(Client.OFFICIAL_BATCH),
                    floor);
        }
        out.append(
                "\nL = Liftoff, O = official client, both with automatic batching off or both with"
                        + " it on. Throughput: higher is better; latency, CPU and allocation: lower"
                        + " is better. Open-loop latency ratios compare delays.\n");
    }

    private static void ratioRow(
            StringBuilder out,
            String group,
            String batching,
            RunResult liftoff,
            RunResult official,
            RunResult floor) {
        if (liftoff == null || official == null) {
            return;
        }
        out.append("| ").append(group).append(" | ").append(batching).append(" | ");
        comparison(out, liftoff, official);
        out.append(floor == null ? "–" : ratioText(liftoff, floor, RunResult::messagesPerSecond))
                .append(" |\n");
    }

    /**
     * What automatic batching changes for each client: its figures with batching on over its
     * figures with it off, in the same group.
     */
    private void batching(StringBuilder out) {
        StringBuilder rowsText = new StringBuilder();
        for (Map.Entry<String, Map<Client, RunResult>> group : groups().entrySet()) {
            Map<Client, RunResult> byClient = group.getValue();
            batchingRow(
                    rowsText,
                    group.getKey(),
                    "liftoff",
                    byClient.get(Client.LIFTOFF_BATCH),
                    byClient.get(Client.LIFTOFF));
            batchingRow(
                    rowsText,
                    group.getKey(),
                    "official",
                    byClient.get(Client.OFFICIAL_BATCH),
                    byClient.get(Client.OFFICIAL));
        }
        if (rowsText.isEmpty()) {
            return; // a plan without batching clients
        }
        out.append(
                "| target | workload | body | client | msgs/s on/off | p50 on/off | p99 on/off |"
                        + " CPU/msg on/off | alloc/msg on/off |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|---:|\n").append(rowsText);
        out.append(
                "\nOn = the client with automatic batching on (Liftoff `AutoBatch.enabled()`, the"
                        + " official client `setAutoBatch(true)`, each with its defaults), off ="
                        + " the same client without. Open-loop latency ratios compare delays.\n\n");
    }

    private static void batchingRow(
            StringBuilder out, String group, String client, RunResult on, RunResult off) {
        if (on == null || off == null) {
            return;
        }
        out.append("| ").append(group).append(" | ").append(client).append(" | ");
        comparison(out, on, off);
        out.setLength(out.length() - 1); // the last cell's trailing space
        out.append("\n");
    }

    /** The five ratio cells of a over b, each followed by " | ". */
    private static void comparison(StringBuilder out, RunResult a, RunResult b) {
        boolean open = a.delayP50() >= 0;
        out.append(ratioText(a, b, RunResult::messagesPerSecond))
                .append(" | ")
                .append(ratioText(a, b, open ? RunResult::delayP50 : RunResult::p50))
                .append(" | ")
                .append(ratioText(a, b, open ? RunResult::delayP99 : RunResult::p99))
                .append(" | ")
                .append(ratioText(a, b, RunResult::cpuMicrosPerMessage))
                .append(" | ")
                .append(ratioText(a, b, RunResult::allocatedBytesPerMessage))
                .append(" | ");
    }

    private void footprint(StringBuilder out) {
        if (footprint == null) {
            out.append("Footprint: not measured (classpath files missing).\n");
            return;
        }
        out.append("| footprint | jars | bytes | vs official |\n|---|---:|---:|---:|\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "| Liftoff producer-core + runtime deps | %d | %,d | %s |\n",
                        footprint.coreJars(),
                        footprint.coreBytes(),
                        times((double) footprint.coreBytes() / footprint.officialBytes())));
        out.append(
                String.format(
                        Locale.ROOT,
                        "| Liftoff starter + core + deps a Boot app lacks | %d | %,d | %s |\n",
                        footprint.starterJars(),
                        footprint.starterBytes(),
                        times((double) footprint.starterBytes() / footprint.officialBytes())));
        out.append(
                String.format(
                        Locale.ROOT,
                        "| official rocketmq-client 5.3.3 + runtime deps | %d | %,d | 1.00× |\n",
                        footprint.officialJars(),
                        footprint.officialBytes()));
    }

    /**
     * The targets and whether they are met. Where the floor ran, the floor's own figure over the
     * official client's is shown beside the target: the best ratio any client could reach on this
     * machine, since the floor does nothing but write pre-encoded frames.
     */
    private void targets(StringBuilder out) {
        out.append("| target | measured | floor / official | met |\n|---|---:|---:|---|\n");
        Map<String, Map<Client, RunResult>> groups = groups();
        Map<Client, RunResult> sink128 =
                groups.get(groupKey(Target.SINK, Workload.window(Plan.WINDOW, 128)));
        Map<Client, RunResult> sync1 = groups.get(groupKey(Target.BROKER, Workload.sync(1, 128)));
        if (sink128 != null && sink128.containsKey(Client.OFFICIAL)) {
            RunResult l = sink128.get(Client.LIFTOFF);
            RunResult o = sink128.get(Client.OFFICIAL);
            RunResult floor = sink128.get(Client.FLOOR);
            target(
                    out,
                    "client CPU/msg ≤ 0.5× official (sink, async, 128 B)",
                    ratio(l, o, RunResult::cpuMicrosPerMessage),
                    ceiling(floor, o, RunResult::cpuMicrosPerMessage),
                    0.5,
                    false);
            target(
                    out,
                    "async msgs/s ≥ 2× official (sink, 128 B)",
                    ratio(l, o, RunResult::messagesPerSecond),
                    ceiling(floor, o, RunResult::messagesPerSecond),
                    2.0,
                    true);
            if (floor != null) {
                target(
                        out,
                        "async msgs/s ≥ 0.5× floor (sink, 128 B)",
                        ratio(l, floor, RunResult::messagesPerSecond),
                        "–",
                        0.5,
                        true);
            }
            target(
                    out,
                    "bytes allocated/send ≤ 0.3× official (sink, async, 128 B)",
                    ratio(l, o, RunResult::allocatedBytesPerMessage),
                    ceiling(floor, o, RunResult::allocatedBytesPerMessage),
                    0.3,
                    false);
        }
        if (sync1 != null && sync1.containsKey(Client.OFFICIAL)) {
            RunResult l = sync1.get(Client.LIFTOFF);
            RunResult o = sync1.get(Client.OFFICIAL);
            target(
                    out,
                    "sync 1-thread p50 ≤ official (real broker, 128 B)",
                    l.p50() / o.p50(),
                    "–",
                    1.0,
                    false);
            target(
                    out,
                    "sync 1-thread p99 ≤ official (real broker, 128 B)",
                    l.p99() / o.p99(),
                    "–",
                    1.0,
                    false);
        }
        if (footprint != null) {
            target(
                    out,
                    "footprint (core) ≤ 0.5× official",
                    (double) footprint.coreBytes() / footprint.officialBytes(),
                    "–",
                    0.5,
                    false);
            target(
                    out,
                    "footprint (starter, beyond Boot) ≤ 0.5× official",
                    (double) footprint.starterBytes() / footprint.officialBytes(),
                    "–",
                    0.5,
                    false);
        }
    }

    private static void target(
            StringBuilder out,
            String name,
            double ratio,
            String floorRatio,
            double bound,
            boolean atLeast) {
        boolean met = atLeast ? ratio >= bound : ratio <= bound;
        out.append("| ")
                .append(name)
                .append(" | ")
                .append(times(ratio))
                .append(" | ")
                .append(floorRatio)
                .append(" | ")
                .append(met ? "yes" : "**no**")
                .append(" |\n");
    }

    /** The floor's figure over the official client's, or "–" without a floor run. */
    private static String ceiling(
            RunResult floor, RunResult official, ToDoubleFunction<RunResult> figure) {
        return floor == null
                ? "–"
                : times(figure.applyAsDouble(floor) / figure.applyAsDouble(official));
    }

    private Map<String, Map<Client, RunResult>> groups() {
        Map<String, Map<Client, RunResult>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.scenario().group(), key -> new LinkedHashMap<>())
                    .put(row.scenario().client(), row.result());
        }
        return groups;
    }

    private static String groupKey(Target target, Workload workload) {
        return new Scenario(target, Client.LIFTOFF, workload).group();
    }

    private static double ratio(RunResult a, RunResult b, ToDoubleFunction<RunResult> figure) {
        return figure.applyAsDouble(a) / figure.applyAsDouble(b);
    }

    private static String ratioText(RunResult a, RunResult b, ToDoubleFunction<RunResult> figure) {
        double x = figure.applyAsDouble(a);
        double y = figure.applyAsDouble(b);
        return x < 0 || y <= 0 ? "–" : times(x / y);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String whole(double value) {
        return value < 0 ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String decimal(double value) {
        return value < 0 ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String latency(double micros, double delayMicros) {
        String latency = whole(micros);
        return delayMicros < 0 ? latency : latency + " (" + whole(delayMicros) + ")";
    }
}
