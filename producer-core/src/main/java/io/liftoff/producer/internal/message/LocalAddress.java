package io.liftoff.producer.internal.message;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the address of this host that message ids and client ids carry.
 *
 * <p>The choice: the first IPv4 address of an interface that is up and is neither loopback nor
 * link-local; failing that the first such IPv6 address; failing that 127.0.0.1. IPv4 comes first
 * because it keeps ids at 32 characters, the length every RocketMQ tool expects. Unlike the
 * official client we do not prefer public over private addresses: the address only makes ids unique
 * and traceable, and the interface order is stable on one host.
 */
public final class LocalAddress {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAddress.class);

    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private LocalAddress() {}

    /** This host's address as text, e.g. {@code 10.0.0.5}, chosen by the rule above. */
    public static String hostAddress() {
        byte[] address = ofThisHost();
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + address.length + " bytes", e);
        }
    }

    /** Returns the address bytes of this host: 4 for IPv4, 16 for IPv6. */
    static byte[] ofThisHost() {
        try {
            return choose(candidates());
        } catch (SocketException e) {
            LOG.warn("Cannot list the network interfaces; message ids will carry 127.0.0.1", e);
            return LOOPBACK.clone();
        }
    }

    /** Applies the rule in the class comment to addresses in interface order. */
    static byte[] choose(List<InetAddress> candidates) {
        for (InetAddress address : candidates) {
            if (address instanceof Inet4Address && usable(address)) {
                return address.getAddress();
            }
        }
        for (InetAddress address : candidates) {
            if (address instanceof Inet6Address && usable(address)) {
                return address.getAddress();
            }
        }
        return LOOPBACK.clone();
    }

    private static boolean usable(InetAddress address) {
        return !address.isLoopbackAddress()
                && !address.isLinkLocalAddress()
                && !address.isAnyLocalAddress()
                && !address.isMulticastAddress();
    }

    private static List<InetAddress> candidates() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
        // null means the host has no interfaces at all.
        if (interfaces == null) {
            return addresses;
        }
        while (interfaces.hasMoreElements()) {
            NetworkInterface networkInterface = interfaces.nextElement();
            if (networkInterface.isUp() && !networkInterface.isLoopback()) {
                addresses.addAll(networkInterface.inetAddresses().toList());
            }
        }
        return addresses;
    }
}
