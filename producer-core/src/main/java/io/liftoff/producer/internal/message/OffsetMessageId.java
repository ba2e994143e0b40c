package io.liftoff.producer.internal.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * The broker's offset message id (PROTOCOL.md §6b): where a message sits in a broker's commit log.
 * END_TRANSACTION needs its {@code commitLogOffset}.
 *
 * <p>Layout, uppercase hex: store host address (4 bytes for IPv4, 16 for IPv6), port (int32),
 * commit log offset (int64); 32 chars with IPv4, 56 with IPv6. Immutable and thread-safe.
 *
 * @param storeHost the broker's store address; must not be {@code null} and must carry an IP
 *     address (not an unresolved host name)
 * @param commitLogOffset the physical offset of the message in the commit log
 */
public record OffsetMessageId(InetSocketAddress storeHost, long commitLogOffset) {

    private static final int IPV4_HEX_LENGTH = (4 + 4 + 8) * 2;
    private static final int IPV6_HEX_LENGTH = (16 + 4 + 8) * 2;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code storeHost} is {@code null} or unresolved
     */
    public OffsetMessageId {
        if (storeHost == null) {
            throw new IllegalArgumentException(
                    "storeHost must not be null; pass the broker's IP address and port");
        }
        if (storeHost.getAddress() == null) {
            throw new IllegalArgumentException(
                    "storeHost "
                            + storeHost
                            + " is unresolved but an offset message id holds an IP address;"
                            + " pass an address built from an InetAddress");
        }
    }

    /**
     * Parses an offset message id as the broker returns it in a send response.
     *
     * @param hex 32 hex chars (IPv4) or 56 (IPv6), either case
     * @return the parsed id
     * @throws IllegalArgumentException if {@code hex} is {@code null}, has another length, holds a
     *     character that is not a hex digit, or a port outside 0..65535
     */
    public static OffsetMessageId parse(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException(
                    "offsetMsgId must not be null; pass the offsetMsgId of a send result");
        }
        if (hex.length() != IPV4_HEX_LENGTH && hex.length() != IPV6_HEX_LENGTH) {
            throw new IllegalArgumentException(
                    String.format(
                            "offsetMsgId %s has %d characters but must have %d (IPv4 broker) or"
                                    + " %d (IPv6 broker); pass the offsetMsgId of a send result",
                            ErrorText.quote(hex), hex.length(), IPV4_HEX_LENGTH, IPV6_HEX_LENGTH));
        }
        ByteBuffer bytes = ByteBuffer.wrap(Hex.decode(hex, "offsetMsgId"));
        byte[] ip = new byte[hex.length() == IPV4_HEX_LENGTH ? 4 : 16];
        bytes.get(ip);
        int port = bytes.getInt();
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(
                    String.format(
                            "offsetMsgId %s has port %d outside 0..65535; pass the offsetMsgId of"
                                    + " a send result",
                            ErrorText.quote(hex), port));
        }
        return new OffsetMessageId(new InetSocketAddress(toInetAddress(ip), port), bytes.getLong());
    }

    /**
     * Formats the id as the broker does.
     *
     * @return 32 uppercase hex chars for an IPv4 store host, 56 for IPv6
     */
    public String toHex() {
        byte[] ip = storeHost.getAddress().getAddress();
        ByteBuffer bytes = ByteBuffer.allocate(ip.length + 4 + 8);
        bytes.put(ip).putInt(storeHost.getPort()).putLong(commitLogOffset);
        return Hex.encode(bytes.array());
    }

    private static InetAddress toInetAddress(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            // getByAddress only fails for a length other than 4 or 16, which parse rules out.
            throw new IllegalStateException("IP address of " + ip.length + " bytes", e);
        }
    }
}
