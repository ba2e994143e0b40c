package io.liftoff.embedded;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import org.apache.rocketmq.acl.common.AclSigner;

/**
 * The few administrative requests the embedded cluster needs, sent as JSON-header remoting frames
 * over a plain blocking socket. Deliberately independent of Liftoff's own client, so that tests of
 * that client do not rely on it to prepare their broker; with ACL they are signed by the official
 * client's signer.
 */
final class AdminCommands {

    static final int UPDATE_AND_CREATE_TOPIC = 17;
    static final int GET_BROKER_RUNTIME_INFO = 28;
    static final int GET_ROUTEINFO_BY_TOPIC = 105;
    static final int GET_BROKER_CLUSTER_INFO = 106;
    static final int CONTROLLER_GET_REPLICA_INFO = 1004;
    static final int AUTH_CREATE_USER = 3001;
    static final int AUTH_CREATE_ACL = 3006;
    static final int SUCCESS = 0;

    private static final Pattern CODE = Pattern.compile("\"code\":(-?\\d+)");
    private static final Pattern REMARK = Pattern.compile("\"remark\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int VERSION = 479;

    private AdminCommands() {}

    /** A decoded response: its code, remark (may be empty) and body text. */
    record Response(int code, String remark, String body) {}

    /** Sends one unsigned request and reads its response. */
    static Response call(String address, int code, Map<String, String> fields, Duration timeout)
            throws IOException {
        return call(address, code, fields, timeout, SocketFactory.getDefault(), null);
    }

    /**
     * Sends one request and reads its response.
     *
     * @param address {@code host:port}
     * @param code the request code
     * @param fields the header fields; values must be plain ASCII without quotes
     * @param timeout connect and read timeout
     * @param sockets plain or TLS sockets, as the servers expect
     * @param user signs the request, as the official client's ACL hook does; {@code null} for an
     *     unsigned request
     */
    static Response call(
            String address,
            int code,
            Map<String, String> fields,
            Duration timeout,
            SocketFactory sockets,
            AclUser user)
            throws IOException {
        return call(address, code, fields, new byte[0], timeout, sockets, user);
    }

    /**
     * Sends one request with a body and reads its response.
     *
     * @param body the body, e.g. JSON; covered by the signature
     * @see #call(String, int, Map, Duration, SocketFactory, AclUser)
     */
    static Response call(
            String address,
            int code,
            Map<String, String> fields,
            byte[] body,
            Duration timeout,
            SocketFactory sockets,
            AclUser user)
            throws IOException {
        if (user != null) {
            fields = signed(fields, body, user);
        }
        int colon = address.lastIndexOf(':');
        try (Socket socket = sockets.createSocket()) {
            socket.connect(
                    new InetSocketAddress(
                            address.substring(0, colon),
                            Integer.parseInt(address.substring(colon + 1))),
                    (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] header = requestHeader(code, fields).getBytes(StandardCharsets.UTF_8);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(4 + header.length + body.length);
            out.writeInt(header.length);
            out.write(header);
            out.write(body);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            int headerInfo = in.readInt();
            int headerLength = headerInfo & 0xFFFFFF;
            if ((headerInfo >>> 24) != 0) {
                throw new IOException("expected a JSON response header from " + address);
            }
            byte[] responseHeader = in.readNBytes(headerLength);
            byte[] responseBody = in.readNBytes(length - 4 - headerLength);
            String text = new String(responseHeader, StandardCharsets.UTF_8);
            Matcher codeMatcher = CODE.matcher(text);
            if (!codeMatcher.find()) {
                throw new IOException("response without a code from " + address + ": " + text);
            }
            Matcher remark = REMARK.matcher(text);
            return new Response(
                    Integer.parseInt(codeMatcher.group(1)),
                    remark.find() ? remark.group(1) : "",
                    new String(responseBody, StandardCharsets.UTF_8));
        }
    }

    /** Adds {@code AccessKey} and a {@code Signature} made by the official client's signer. */
    private static Map<String, String> signed(
            Map<String, String> fields, byte[] body, AclUser user) {
        SortedMap<String, String> signed = new TreeMap<>(fields);
        signed.put("AccessKey", user.accessKey());
        byte[] values = String.join("", signed.values()).getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(values, values.length + body.length);
        System.arraycopy(body, 0, content, values.length, body.length);
        signed.put("Signature", AclSigner.calSignature(content, user.secretKey()));
        return signed;
    }

    private static String requestHeader(int code, Map<String, String> fields) {
        StringBuilder json =
                new StringBuilder("{\"code\":").append(code).append(",\"extFields\":{");
        String separator = "";
        for (Map.Entry<String, String> field : fields.entrySet()) {
            json.append(separator)
                    .append('"')
                    .append(field.getKey())
                    .append("\":\"")
                    .append(field.getValue())
                    .append('"');
            separator = ",";
        }
        return json.append("},\"flag\":0,\"language\":\"JAVA\",\"opaque\":1,\"version\":")
                .append(VERSION)
                .append('}')
                .toString();
    }
}
