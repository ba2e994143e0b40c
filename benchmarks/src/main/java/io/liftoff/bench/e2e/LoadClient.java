package io.liftoff.bench.e2e;

import io.liftoff.producer.AutoBatch;
import io.liftoff.producer.MessageTrace;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The main class of a client JVM: builds one publisher, drives it with one workload and prints a
 * {@link RunResult} line. It exits when its standard input closes, so it never outlives the
 * comparison that started it.
 *
 * <p>{@code --client liftoff|liftoff+batch|official|official+batch|floor --address host:port
 * --topic T --mode SYNC|WINDOW|RATE --threads N --window N --rate N --body N --warmup S --duration
 * S}
 */
public final class LoadClient {

    private LoadClient() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        watchParent();
        Workload workload =
                new Workload(
                        Workload.Mode.valueOf(required(options, "mode")),
                        number(options, "threads"),
                        number(options, "window"),
                        number(options, "rate"),
                        number(options, "body"),
                        0);
        String address = required(options, "address");
        String topic = options.getOrDefault("topic", "bench");
        RunResult result;
        try (Publisher publisher = publisher(required(options, "client"), address, topic)) {
            result =
                    new LoadDriver(publisher, workload)
                            .run(
                                    Duration.ofSeconds(number(options, "warmup")),
                                    Duration.ofSeconds(number(options, "duration")));
        }
        System.out.println(result.toLine());
        System.out.flush();
        // client libraries may leave non-daemon threads behind
        System.exit(0);
    }

    private static Publisher publisher(String client, String address, String topic) {
        return switch (client) {
            case "liftoff" ->
                    new LiftoffPublisher(
                            address, topic, MessageTrace.disabled(), AutoBatch.disabled());
            case "liftoff+batch" ->
                    new LiftoffPublisher(
                            address, topic, MessageTrace.disabled(), AutoBatch.enabled());
            case "liftoff+trace" ->
                    new LiftoffPublisher(
                            address, topic, MessageTrace.enabled(), AutoBatch.disabled());
            case "official" -> OfficialPublisher.untraced(address, topic);
            case "official+batch" -> OfficialPublisher.autoBatched(address, topic);
            case "official+trace" -> OfficialPublisher.traced(address, topic);
            case "floor" -> new FloorPublisher(address);
            default ->
                    throw new IllegalArgumentException(
                            "--client must be liftoff, liftoff+batch, liftoff+trace, official,"
                                    + " official+batch, official+trace or floor, not "
                                    + client);
        };
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an --option, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "--" + name + " is missing; the comparison passes every option");
        }
        return value;
    }

    private static int number(Map<String, String> options, String name) {
        try {
            return Integer.parseInt(required(options, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + name + " must be a whole number, not " + options.get(name), e);
        }
    }

    private static void watchParent() {
        Thread watcher =
                new Thread(
                        () -> {
                            InputStream in = System.in;
                            try {
                                while (in.read() >= 0) {
                                    // the parent writes nothing; only the end of input matters
                                }
                            } catch (IOException e) {
                                // the pipe broke: the parent is gone too
                            }
                            System.err.println("parent gone; exiting");
                            Runtime.getRuntime().halt(2);
                        },
                        "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
