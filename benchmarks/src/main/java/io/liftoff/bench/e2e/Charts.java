package io.liftoff.bench.e2e;

import io.liftoff.bench.e2e.Scenario.Client;
import io.liftoff.bench.e2e.Scenario.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The comparison's charts, one SVG file each, for each target that ran: throughput of the closed
 * loops ({@code throughput-sink.svg}, {@code throughput-broker.svg}) and the publish-latency
 * percentiles of the open loops ({@code latency-sink.svg}, {@code latency-broker.svg}), the clients
 * side by side in every group. Open loops are not in the throughput charts: their throughput is the
 * rate they were given.
 */
final class Charts {

    /** The charted clients, in legend order, with their names and colours. */
    private static final Map<Client, SvgBarChart.Series> SERIES = new LinkedHashMap<>();

    static {
        SERIES.put(Client.LIFTOFF, new SvgBarChart.Series("Liftoff", "#1f77b4"));
        SERIES.put(Client.LIFTOFF_BATCH, new SvgBarChart.Series("Liftoff + AutoBatch", "#9ecae1"));
        SERIES.put(Client.OFFICIAL, new SvgBarChart.Series("official", "#d62728"));
        SERIES.put(
                Client.OFFICIAL_BATCH, new SvgBarChart.Series("official + autoBatch", "#fc9272"));
        SERIES.put(Client.FLOOR, new SvgBarChart.Series("floor (raw Netty)", "#7f7f7f"));
    }

    private final List<ReportTable.Row> rows;

    Charts(List<ReportTable.Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Writes every chart that has data into {@code dir}.
     *
     * @return the files written
     */
    List<Path> write(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Target target : Target.values()) {
            String name = target == Target.SINK ? "sink" : "broker";
            write(dir.resolve("throughput-" + name + ".svg"), throughput(target), written);
            write(dir.resolve("latency-" + name + ".svg"), latency(target), written);
        }
        return written;
    }

    private static void write(Path file, SvgBarChart chart, List<Path> written) throws IOException {
        if (chart.groups().isEmpty()) {
            return;
        }
        Files.writeString(file, chart.render(), StandardCharsets.UTF_8);
        written.add(file);
    }

    /** Messages stored per second in the sync and async window runs. */
    SvgBarChart throughput(Target target) {
        List<SvgBarChart.Group> groups = new ArrayList<>();
        groups(target, false)
                .forEach(
                        (label, byClient) ->
                                group(label, byClient, RunResult::messagesPerSecond)
                                        .ifPresent(groups::add));
        return new SvgBarChart(
                "Throughput against the " + target.label + ", closed loop (higher is better)",
                "messages stored per second (msgs/s)",
                List.copyOf(SERIES.values()),
                groups,
                false,
                value -> String.format(Locale.ROOT, "%,.0f", value));
    }

    /**
     * p50, p99 and p99.9 of the open loops' publish delay: from the intended send time to the
     * answer, so a client that falls behind is charged for it.
     */
    SvgBarChart latency(Target target) {
        List<SvgBarChart.Group> groups = new ArrayList<>();
        groups(target, true)
                .forEach(
                        (label, byClient) -> {
                            group(label + " · p50", byClient, RunResult::delayP50)
                                    .ifPresent(groups::add);
                            group(label + " · p99", byClient, RunResult::delayP99)
                                    .ifPresent(groups::add);
                            group(label + " · p99.9", byClient, RunResult::delayP999)
                                    .ifPresent(groups::add);
                        });
        return new SvgBarChart(
                "Publish latency against the "
                        + target.label
                        + ", open loop, from the intended send time (lower is better)",
                "latency (log scale)",
                List.copyOf(SERIES.values()),
                groups,
                true,
                Charts::micros);
    }

    /** The runs of one target, open loops or closed, by group label and client, in run order. */
    private Map<String, Map<Client, RunResult>> groups(Target target, boolean openLoop) {
        Map<String, Map<Client, RunResult>> groups = new LinkedHashMap<>();
        for (ReportTable.Row row : rows) {
            Scenario s = row.scenario();
            if (s.target() == target
                    && (s.workload().mode() == Workload.Mode.RATE) == openLoop
                    && SERIES.containsKey(s.client())) {
                String label =
                        s.workload().label() + ", " + Scenario.bodyLabel(s.workload().bodySize());
                groups.computeIfAbsent(label, key -> new LinkedHashMap<>())
                        .put(s.client(), row.result());
            }
        }
        return groups;
    }

    private static Optional<SvgBarChart.Group> group(
            String label, Map<Client, RunResult> byClient, ToDoubleFunction<RunResult> figure) {
        List<Double> values = new ArrayList<>();
        boolean any = false;
        for (Client client : SERIES.keySet()) {
            RunResult result = byClient.get(client);
            double value = result == null ? Double.NaN : figure.applyAsDouble(result);
            any |= value > 0;
            values.add(value);
        }
        return any ? Optional.of(new SvgBarChart.Group(label, values)) : Optional.empty();
    }

    /** 850 µs, 1.2 ms, 35 ms, 1.5 s: the largest unit that leaves at least 1. */
    static String micros(double value) {
        if (value < 1000) {
            return String.format(Locale.ROOT, "%.0f µs", value);
        }
        if (value < 1_000_000) {
            return withUnit(value / 1000, "ms");
        }
        return withUnit(value / 1_000_000, "s");
    }

    /** Tenths below 10 where they are not zero: 1.2 ms, 1 ms, 35 ms. */
    private static String withUnit(double amount, String unit) {
        boolean tenths = amount < 10 && Math.round(amount * 10) % 10 != 0;
        return String.format(Locale.ROOT, tenths ? "%.1f %s" : "%.0f %s", amount, unit);
    }
}
