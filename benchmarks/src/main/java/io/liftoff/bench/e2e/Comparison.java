package io.liftoff.bench.e2e;

import io.liftoff.bench.sink.SinkServer;
import io.liftoff.bench.sink.SinkStats;
import io.liftoff.embedded.EmbeddedRocketMQ;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The one command behind {@code mvn -pl benchmarks -am -Pbench verify}: starts one real 5.3.3
 * broker and a sink, runs every scenario of the {@link Plan} in client JVMs of their own, and
 * prints (and writes to {@code <out>/comparison.md}) the Markdown comparison, and writes its SVG
 * charts ({@link Charts}) beside it.
 *
 * <p>{@code Comparison full|quick|openloop|trace|batching|profile [--jfr] [--async-profiler LIB]
 * --out DIR --root REPO_ROOT --build-dir target}; {@code --jfr} records a JFR profile of each
 * client run, {@code --async-profiler} its CPU samples (see {@link ClientLauncher}).
 */
public final class Comparison {

    private static final String TOPIC = "bench";

    private Comparison() {}

    public static void main(String[] args) throws Exception {
        Plan plan = Plan.named(args.length > 0 ? args[0] : "full");
        Path out = Path.of(option(args, "--out", "target/bench"));
        Path root = Path.of(option(args, "--root", ".."));
        String buildDir = option(args, "--build-dir", "target");
        Files.createDirectories(out);
        deleteOldRunLogs(out);

        String ownClasspath = System.getProperty("java.class.path");
        Path officialFile = out.resolve("official.classpath");
        String officialClasspath = officialClasspath(officialFile, ownClasspath);
        ClientLauncher launcher =
                new ClientLauncher(
                        ownClasspath,
                        officialClasspath,
                        out,
                        Arrays.asList(args).contains("--jfr"),
                        option(args, "--async-profiler", null));

        String machine = machine();
        System.out.println(machine);
        System.out.printf(
                Locale.ROOT,
                "%d runs, each %d s warm-up + %d s measured, client JVMs one at a time.%n",
                plan.scenarios().size(),
                plan.warmup().toSeconds(),
                plan.measured().toSeconds());

        List<ReportTable.Row> rows = new ArrayList<>();
        try (SinkServer sink = SinkServer.start(0, 1);
                EmbeddedRocketMQ broker =
                        EmbeddedRocketMQ.builder()
                                .heapMegabytes(1024)
                                // the trace topic, for the trace plan's traced clients
                                .brokerProperty("traceTopicEnable", "true")
                                .start()) {
            broker.createTopic(TOPIC, 8);
            SaturationRates rates = new SaturationRates();
            int index = 0;
            for (Scenario planned : plan.scenarios()) {
                index++;
                Scenario scenario = rates.resolve(planned);
                String address =
                        scenario.target() == Scenario.Target.SINK
                                ? sink.address()
                                : broker.nameServerAddress();
                if (scenario.client() == Scenario.Client.FLOOR
                        && scenario.target() != Scenario.Target.SINK) {
                    throw new IllegalStateException("the floor runs against the sink only");
                }
                System.out.printf(
                        Locale.ROOT,
                        "[%2d/%d] %-9s %s ...%n",
                        index,
                        plan.scenarios().size(),
                        scenario.client().id,
                        scenario.group());
                RunResult result =
                        launcher.run(scenario, address, plan.warmup(), plan.measured(), index);
                rows.add(new ReportTable.Row(scenario, result));
                rates.record(scenario, result);
                Map<String, SinkStats.Traffic> traffic = sink.stats().drain();
                System.out.printf(
                        Locale.ROOT,
                        "        %,.0f msgs/s, p50 %.0f µs, CPU %.1f µs/msg, %,.0f B/msg%s%n",
                        result.messagesPerSecond(),
                        result.p50(),
                        result.cpuMicrosPerMessage(),
                        result.allocatedBytesPerMessage(),
                        traffic.isEmpty() ? "" : "; sink saw messages by code/header " + traffic);
            }
        }

        Footprint footprint = footprint(root, buildDir, officialFile);
        String report = new ReportTable(rows, footprint).render();
        Files.writeString(
                out.resolve("comparison.md"), machine + "\n\n" + report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("Written to " + out.resolve("comparison.md"));
        for (Path chart : new Charts(rows).write(out)) {
            System.out.println("Chart written to " + chart);
        }
    }

    /**
     * The official client's own dependency set (rocketmq-client 5.3.3 at its own versions, as
     * resolved without the Spring Boot BOM) plus the load driver; this module's classpath if that
     * file was not written.
     */
    private static String officialClasspath(Path file, String fallback)
            throws IOException, URISyntaxException {
        if (!Files.exists(file)) {
            System.out.println(
                    "note: "
                            + file
                            + " is missing; the official client runs on this module's classpath"
                            + " (Boot-managed dependency versions)");
            return fallback;
        }
        return Files.readString(file).trim()
                + File.pathSeparator
                + locationOf(LoadClient.class)
                + File.pathSeparator
                + locationOf(Histogram.class);
    }

    private static Footprint footprint(Path root, String buildDir, Path officialFile)
            throws IOException {
        Path core = root.resolve("producer-core").resolve(buildDir);
        Path starter = root.resolve("spring-boot-starter-producer").resolve(buildDir);
        for (Path file :
                List.of(
                        core.resolve("runtime.classpath"),
                        core.resolve("runtime.tree"),
                        starter.resolve("runtime.classpath"),
                        starter.resolve("runtime.tree"),
                        officialFile)) {
            if (!Files.exists(file)) {
                return null;
            }
        }
        return Footprint.measure(
                moduleFiles(core, "liftoff-producer-core-"),
                moduleFiles(starter, "liftoff-spring-boot-starter-"),
                officialFile);
    }

    private static Footprint.ModuleFiles moduleFiles(Path buildDir, String jarPrefix)
            throws IOException {
        return new Footprint.ModuleFiles(
                jar(buildDir, jarPrefix),
                buildDir.resolve("runtime.classpath"),
                buildDir.resolve("runtime.tree"));
    }

    private static Path jar(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            path -> {
                                String name = path.getFileName().toString();
                                return name.startsWith(prefix)
                                        && name.endsWith(".jar")
                                        && !name.endsWith("-sources.jar");
                            })
                    .findFirst()
                    .orElseThrow(() -> new IOException("no " + prefix + "*.jar in " + dir));
        }
    }

    private static void deleteOldRunLogs(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            for (Path file :
                    files.filter(
                                    path ->
                                            path.toString().endsWith(".log")
                                                    || path.toString().endsWith(".jfr")
                                                    || path.toString().endsWith(".cpu.txt"))
                            .toList()) {
                Files.delete(file);
            }
        }
    }

    private static String locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String machine() {
        return String.format(
                Locale.ROOT,
                "Machine: %d cores, %s %s, Java %s (%s), load average %.2f at start",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
