package io.liftoff.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Entry point of a child JVM that runs one official RocketMQ server: {@code namesrv}, {@code
 * broker} or {@code proxy}, followed by the arguments of the official start-up class.
 *
 * <p>The child halts as soon as its standard input reaches end-of-file, which happens when the
 * parent closes it or dies; a crashed test run therefore never leaves a server behind.
 */
public final class RocketMQProcessMain {

    private RocketMQProcessMain() {}

    /**
     * Starts the server named by the first argument.
     *
     * @param args {@code namesrv|broker|proxy} followed by the official start-up arguments
     * @throws Exception when the official start-up class fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException(
                    "first argument must be 'namesrv', 'broker' or 'proxy'");
        }
        haltWhenParentGoes(System.in);
        String[] serverArgs = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "namesrv" -> org.apache.rocketmq.namesrv.NamesrvStartup.main(serverArgs);
            case "broker" -> org.apache.rocketmq.broker.BrokerStartup.main(serverArgs);
            case "proxy" -> startProxy(serverArgs);
            default ->
                    throw new IllegalArgumentException(
                            "unknown server '" + args[0] + "'; use 'namesrv', 'broker' or 'proxy'");
        }
    }

    /**
     * Runs {@code ProxyStartup} by name: rocketmq-proxy is only on the server classpath the cluster
     * was given (the 5.5.0 one), not on this module's.
     */
    private static void startProxy(String[] serverArgs) throws Exception {
        Class<?> startup;
        try {
            startup = Class.forName("org.apache.rocketmq.proxy.ProxyStartup");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "rocketmq-proxy is not on the server classpath; start the cluster with"
                            + " serverClasspathFile(..) of the rocketmq55-classpath module",
                    e);
        }
        startup.getMethod("main", String[].class).invoke(null, (Object) serverArgs);
    }

    private static void haltWhenParentGoes(InputStream parent) {
        Thread watcher =
                new Thread(
                        () -> {
                            try {
                                while (parent.read() >= 0) {
                                    // the parent never writes; reading only detects its end
                                }
                            } catch (IOException e) {
                                System.err.println("parent pipe failed: " + e);
                            }
                            // halt, not exit: a graceful 5.x broker stop takes ~10 s
                            Runtime.getRuntime().halt(0);
                        },
                        "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
