package io.liftoff.embedded;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The official consumer of another RocketMQ version than the one on the test class path, e.g. the
 * 4.9.7 or 5.5.0 client: it runs in a child JVM on that version's class path (the file a {@code
 * dependency:build-classpath} writes, as for {@link EmbeddedRocketMQ.Builder#serverClasspathFile})
 * and reports what it read, so that a test can prove what that client decodes, byte for byte.
 */
public final class OfficialConsumerProcess {

    /** The child's heap: a push consumer caches a few pulls of bodies of up to 4 MiB. */
    private static final String HEAP = "-Xmx256m";

    /** How long the child may take beyond its read timeout to start and stop. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    /**
     * One message as the other version's consumer decoded it.
     *
     * @param uniqueId the message's unique id ({@code UNIQ_KEY}), as a send result reports it
     * @param sysFlag the sysFlag the consumer left on the message
     * @param bodyLength the length of the decoded body
     * @param bodySha256 the SHA-256 of the decoded body, lower-case hex
     * @param queueId the queue the message was read from
     * @param queueOffset its offset in that queue
     * @param bornTimestamp when the producer made it, epoch milliseconds
     * @param storeTimestamp when the broker stored it in the topic read (for a delayed message:
     *     once its delay ended), epoch milliseconds
     */
    public record Consumed(
            String uniqueId,
            int sysFlag,
            int bodyLength,
            String bodySha256,
            int queueId,
            long queueOffset,
            long bornTimestamp,
            long storeTimestamp) {}

    /**
     * What the consumer read.
     *
     * @param client where the consumer's classes came from, e.g. the path of {@code
     *     rocketmq-client-4.9.7.jar}, proving which version read the messages
     * @param messages each message once, in the order they arrived
     */
    public record Result(String client, List<Consumed> messages) {}

    private OfficialConsumerProcess() {}

    /**
     * Reads {@code topic} from the beginning of every queue with a push consumer of a new group,
     * until {@code expected} distinct messages arrived or {@code timeout} passed.
     *
     * @param clientClasspathFile a file holding the class path of the other version's client
     * @param nameServer the NameServer's {@code host:port}
     * @throws IllegalStateException when the child cannot start or does not end in time
     */
    public static Result readAll(
            Path clientClasspathFile,
            String nameServer,
            String topic,
            int expected,
            Duration timeout)
            throws IOException, InterruptedException {
        String classpath =
                Files.readString(clientClasspathFile, StandardCharsets.UTF_8).strip()
                        + File.pathSeparator
                        + ownLocation();
        Path home = Files.createTempDirectory("liftoff-consumer-");
        try {
            Process child =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    HEAP,
                                    // the client writes its logs under the user's home
                                    "-Duser.home=" + home,
                                    "-cp",
                                    classpath,
                                    OfficialConsumerProcessMain.class.getName(),
                                    nameServer,
                                    topic,
                                    Integer.toString(expected),
                                    Long.toString(timeout.toMillis()))
                            .directory(home.toFile())
                            .redirectError(home.resolve("stderr.log").toFile())
                            .start();
            // ends a child that outstays its own deadline, e.g. one whose consumer hangs at start
            CompletableFuture.delayedExecutor(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)
                    .execute(child::destroyForcibly);
            try {
                Result result = read(child);
                if (!child.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the consumer process did not end");
                }
                if (child.exitValue() != 0 || result.client() == null) {
                    throw new IllegalStateException(
                            "the consumer process failed (exit "
                                    + child.exitValue()
                                    + "): "
                                    + Files.readString(home.resolve("stderr.log")));
                }
                return result;
            } finally {
                child.destroyForcibly();
            }
        } finally {
            deleteTree(home);
        }
    }

    /** Reads the child's report until its output ends. */
    private static Result read(Process child) throws IOException {
        String client = null;
        List<Consumed> messages = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(OfficialConsumerProcessMain.CLIENT)) {
                    client = line.substring(OfficialConsumerProcessMain.CLIENT.length());
                } else if (line.startsWith(OfficialConsumerProcessMain.CONSUMED)) {
                    String[] fields =
                            line.substring(OfficialConsumerProcessMain.CONSUMED.length())
                                    .split(" ");
                    messages.add(
                            new Consumed(
                                    fields[0],
                                    Integer.parseInt(fields[1]),
                                    Integer.parseInt(fields[2]),
                                    fields[3],
                                    Integer.parseInt(fields[4]),
                                    Long.parseLong(fields[5]),
                                    Long.parseLong(fields[6]),
                                    Long.parseLong(fields[7])));
                }
            }
        }
        return new Result(client, List.copyOf(messages));
    }

    private static Path ownLocation() {
        try {
            return Path.of(
                    OfficialConsumerProcessMain.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the embedded-broker classes", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
