package io.liftoff.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One official RocketMQ server running in a child JVM, started through {@link RocketMQProcessMain}.
 * Its output goes to a log file in its work directory; the last lines are kept for error messages.
 */
final class ServerProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();

    /** Counted down when the marker appears, or when the output ends because the process did. */
    private final CountDownLatch ready = new CountDownLatch(1);

    private final String readyMarker;
    private volatile boolean markerSeen;

    private ServerProcess(String name, Process process, String readyMarker) {
        this.name = name;
        this.process = process;
        this.readyMarker = readyMarker;
    }

    /**
     * Starts a child JVM and waits until it prints {@code readyMarker}.
     *
     * @param name a short name for messages, e.g. {@code broker-a}
     * @param workDir the child's home and log directory
     * @param classpath the child's classpath: the official servers and {@link RocketMQProcessMain}
     * @param jvmOptions options of the child JVM
     * @param serverArgs arguments of {@link RocketMQProcessMain}
     * @param readyMarker a line fragment that the official start-up prints once the server runs
     * @param startTimeout how long to wait for the marker
     */
    static ServerProcess start(
            String name,
            Path workDir,
            String classpath,
            List<String> jvmOptions,
            List<String> serverArgs,
            String readyMarker,
            Duration startTimeout)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Duser.home=" + workDir);
        command.add("-Drocketmq.home.dir=" + workDir);
        command.add("-cp");
        command.add(classpath);
        command.add(RocketMQProcessMain.class.getName());
        command.addAll(serverArgs);
        Process process =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .start();
        ServerProcess server = new ServerProcess(name, process, readyMarker);
        server.pumpOutput(workDir.resolve(name + ".out"));
        server.awaitReady(startTimeout);
        return server;
    }

    /** Sends SIGKILL and waits for the process to end. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not stop within 10 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends SIGTERM, which runs the server's own shutdown hooks, and waits for the process to end;
     * kills it if it outlasts {@code timeout}.
     */
    void stopGracefully(Duration timeout) {
        signal("TERM");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(
                        name
                                + " did not stop within "
                                + timeout.toSeconds()
                                + " s after SIGTERM; killed it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The operating-system process id, for tests that send signals. */
    long pid() {
        return process.pid();
    }

    /** Sends a POSIX signal, e.g. {@code STOP} or {@code CONT}, with the {@code kill} command. */
    void signal(String signal) {
        try {
            Process kill =
                    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                            .redirectErrorStream(true)
                            .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException(
                        "kill -" + signal + " " + process.pid() + " failed for " + name);
            }
            if (signal.equals("STOP")) {
                awaitStopped();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + " for " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted signalling " + name, e);
        }
    }

    /**
     * Returns once every thread of the process has stopped. {@code kill} returns once the signal is
     * sent, and a thread stops only when it next enters the kernel: on a loaded machine a broker
     * thread then still runs for a moment, and once answered a request sent after {@code kill}
     * returned. Where there is no {@code /proc} (not Linux) it returns at once.
     */
    private void awaitStopped() throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!allStopped(tasks)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + " did not stop within 10 s of SIGSTOP");
            }
            Thread.sleep(1);
        }
    }

    private static boolean allStopped(Path tasks) throws IOException {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                // the state follows the command name, which is in parentheses and may hold spaces
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                if (state != 'T' && state != 't') {
                    return false;
                }
            }
        }
        return true;
    }

    private void awaitReady(Duration timeout) {
        boolean started;
        try {
            started = ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
        if (!markerSeen) {
            close();
            throw new IllegalStateException(
                    name
                            + (started
                                    ? " ended before it was ready"
                                    : " did not start within " + timeout.toSeconds() + " s")
                            + "; last output:\n"
                            + tail());
        }
    }

    private void pumpOutput(Path logFile) {
        Thread pump =
                new Thread(
                        () -> {
                            try (BufferedReader reader =
                                            new BufferedReader(
                                                    new InputStreamReader(
                                                            process.getInputStream(),
                                                            StandardCharsets.UTF_8));
                                    PrintWriter log =
                                            new PrintWriter(
                                                    Files.newBufferedWriter(
                                                            logFile,
                                                            StandardOpenOption.CREATE,
                                                            StandardOpenOption.APPEND),
                                                    true)) {
                                String line;
                                while ((line = reader.readLine()) != null) {
                                    log.println(line);
                                    remember(line);
                                    if (line.contains(readyMarker)) {
                                        markerSeen = true;
                                        ready.countDown();
                                    }
                                }
                                // the process ended: no marker will come
                                ready.countDown();
                            } catch (IOException e) {
                                remember("output pump failed: " + e);
                            }
                        },
                        name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    private synchronized String tail() {
        return String.join("\n", tail);
    }
}
