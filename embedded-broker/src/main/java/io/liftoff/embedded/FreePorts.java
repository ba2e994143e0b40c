package io.liftoff.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds free TCP ports on 127.0.0.1. */
final class FreePorts {

    private static final int LOWEST = 20000;
    private static final int HIGHEST = 60000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {}

    /** A free port. */
    static int one() {
        return block(0, 0);
    }

    /**
     * A port {@code p} such that every port in {@code p - below .. p + above} is free. A broker
     * uses its listen port, the port two below it (the "VIP" port) and the one above it (HA).
     */
    static int block(int below, int above) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = random.nextInt(LOWEST + below, HIGHEST - above);
            if (allFree(port - below, port + above)) {
                return port;
            }
        }
        throw new IllegalStateException(
                "no free block of ports on 127.0.0.1 after " + ATTEMPTS + " attempts");
    }

    private static boolean allFree(int from, int to) {
        for (int port = from; port <= to; port++) {
            if (!isFree(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        } catch (SecurityException e) {
            throw new UncheckedIOException(new IOException("cannot probe port " + port, e));
        }
    }
}
