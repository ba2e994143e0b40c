package io.liftoff.producer.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Builds RocketMQ client ids: {@code ip@instanceName}. */
final class ClientId {

    private ClientId() {}

    /** A client id for this host, e.g. {@code 10.0.0.5@12345#98765432101}. */
    static String of(String instanceName) {
        return localIp() + "@" + instanceName;
    }

    /**
     * The instance name the official client derives when none is set: {@code pid#nanoTime}, unique
     * per client instance.
     */
    static String defaultInstanceName() {
        return ProcessHandle.current().pid() + "#" + System.nanoTime();
    }

    private static String localIp() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // a host whose interfaces cannot be listed still gets a usable, loopback-based id
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
        return InetAddress.getLoopbackAddress().getHostAddress();
    }
}
