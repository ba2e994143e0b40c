package io.liftoff.producer.internal.route;

import java.util.ArrayList;
import java.util.List;

/** Reads name-server lists, {@code host:port} entries separated by {@code ;}. */
public final class NameServerAddresses {

    private NameServerAddresses() {}

    /**
     * Splits {@code list} into its addresses, in order; blank entries are skipped.
     *
     * @param list {@code host:port;host:port}, must not be {@code null}
     * @return at least one address
     * @throws IllegalArgumentException naming the first entry that is not {@code host:port}, or
     *     saying that there is none
     */
    public static List<String> parse(String list) {
        List<String> addresses = new ArrayList<>();
        for (String part : list.split(";")) {
            String address = part.strip();
            if (address.isEmpty()) {
                continue;
            }
            if (address.contains("/")) {
                throw new IllegalArgumentException(
                        "entry '"
                                + address
                                + "' must be 'host:port' without a scheme or path, e.g."
                                + " '127.0.0.1:9876'");
            }
            if (address.contains(",") || address.contains(" ")) {
                throw new IllegalArgumentException(
                        "entry '"
                                + address
                                + "' holds several addresses; separate several addresses with"
                                + " ';', e.g. 'host1:9876;host2:9876'");
            }
            int colon = address.lastIndexOf(':');
            int port = colon > 0 ? parsePort(address.substring(colon + 1)) : -1;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(
                        "entry '"
                                + address
                                + "' must be 'host:port' with a port from 1 to 65535, e.g."
                                + " '127.0.0.1:9876'");
            }
            addresses.add(address);
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("'" + list + "' lists no address; use 'host:port'");
        }
        return List.copyOf(addresses);
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
