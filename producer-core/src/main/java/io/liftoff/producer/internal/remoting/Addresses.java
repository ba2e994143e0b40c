package io.liftoff.producer.internal.remoting;

import java.net.InetSocketAddress;

/** Parses the {@code host:port} strings that name brokers and name servers. */
public final class Addresses {

    private Addresses() {}

    /**
     * Parses {@code address} without resolving the host; Netty resolves it when connecting. IPv6
     * hosts may be bracketed, as in {@code [::1]:9876}.
     *
     * @throws IllegalArgumentException if the address is {@code null} or not {@code host:port} with
     *     a port from 1 to 65535
     */
    public static InetSocketAddress parse(String address) {
        Require.notNull(address, "address");
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw invalid(address, "expected host:port, e.g. 127.0.0.1:10911");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank()) {
            throw invalid(address, "the host is empty");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(address, "the port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw invalid(address, "the port must be between 1 and 65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static IllegalArgumentException invalid(String address, String problem) {
        return new IllegalArgumentException("address '" + address + "' is malformed: " + problem);
    }
}
