package io.liftoff.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario in a client JVM of its own, so that its CPU time and allocations are its own
 * and not the broker's, and returns the {@link RunResult} it prints. Every client JVM gets the same
 * heap and collector; the official client gets its binary header setting and its own dependency
 * versions.
 */
final class ClientLauncher {

    private static final List<String> JVM_OPTIONS =
            List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxDirectMemorySize=512m");

    private final String liftoffClasspath;
    private final String officialClasspath;
    private final Path logDir;
    private final boolean recordFlights;
    private final String asyncProfiler;

    /**
     * @param liftoffClasspath classpath of Liftoff and floor runs
     * @param officialClasspath classpath of official-client runs
     * @param logDir where each run's output goes
     * @param recordFlights whether each client JVM records a JFR profile ({@code NN-client.jfr}
     *     beside its log), for allocation samples; it costs the run some throughput
     * @param asyncProfiler path of async-profiler's {@code libasyncProfiler.so}, which then samples
     *     each client JVM's CPU, kernel included, into {@code NN-client.cpu.txt} (collapsed
     *     stacks); or {@code null}
     */
    ClientLauncher(
            String liftoffClasspath,
            String officialClasspath,
            Path logDir,
            boolean recordFlights,
            String asyncProfiler) {
        this.liftoffClasspath = liftoffClasspath;
        this.officialClasspath = officialClasspath;
        this.logDir = logDir;
        this.recordFlights = recordFlights;
        this.asyncProfiler = asyncProfiler;
    }

    RunResult run(Scenario scenario, String address, Duration warmup, Duration measured, int index)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        if (recordFlights) {
            Path recording =
                    logDir.resolve(String.format("%02d-%s.jfr", index, scenario.client().id));
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + recording);
        }
        if (asyncProfiler != null) {
            Path samples =
                    logDir.resolve(String.format("%02d-%s.cpu.txt", index, scenario.client().id));
            command.add(
                    "-agentpath:"
                            + asyncProfiler
                            + "=start,event=cpu,threads,collapsed,file="
                            + samples);
        }
        if (scenario.client().official()) {
            command.add("-Drocketmq.serialize.type=ROCKETMQ");
            command.add("-Drocketmq.client.logRoot=" + logDir.resolve("official-client-logs"));
            command.add("-Drocketmq.client.logLevel=WARN");
            command.add("-cp");
            command.add(officialClasspath);
        } else {
            command.add("-cp");
            command.add(liftoffClasspath);
        }
        command.add(LoadClient.class.getName());
        command.addAll(
                List.of(
                        "--client",
                        scenario.client().id,
                        "--address",
                        address,
                        "--warmup",
                        Long.toString(warmup.toSeconds()),
                        "--duration",
                        Long.toString(measured.toSeconds())));
        command.addAll(List.of(scenario.workload().toArgs()));

        Path log = logDir.resolve(String.format("%02d-%s.log", index, scenario.client().id));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        long limit = warmup.plus(measured).plusSeconds(120).toSeconds();
        // a hung client is killed, which ends the read loop below
        CompletableFuture.runAsync(
                process::destroyForcibly,
                CompletableFuture.delayedExecutor(limit, TimeUnit.SECONDS));
        // stdin stays open: the client exits when it closes, i.e. when this JVM dies
        try (BufferedReader out =
                        new BufferedReader(
                                new InputStreamReader(
                                        process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter logWriter =
                        new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            logWriter.println(String.join(" ", command));
            RunResult result = null;
            String line;
            while ((line = out.readLine()) != null) {
                logWriter.println(line);
                if (line.startsWith(RunResult.PREFIX)) {
                    result = RunResult.parse(line);
                }
            }
            process.waitFor(limit, TimeUnit.SECONDS);
            if (result == null) {
                throw new IOException(
                        scenario.client().id
                                + " run printed no result (exit "
                                + process.exitValue()
                                + "); see "
                                + log);
            }
            return result;
        } finally {
            process.destroyForcibly();
        }
    }
}
