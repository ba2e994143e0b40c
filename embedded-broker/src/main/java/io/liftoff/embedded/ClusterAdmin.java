package io.liftoff.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;

/** Admin requests of an embedded cluster: topic creation, and waiting for the NameServer. */
final class ClusterAdmin {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
    // longer than a broker's registration period (30 s), for a broker that lost its registration
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(45);

    private final String nameServer;
    private final SocketFactory sockets;
    private final AclUser user;

    /**
     * @param nameServer {@code host:port} of the NameServer to ask
     * @param sockets plain or TLS sockets, as the servers expect
     * @param user signs every request; {@code null} without ACL
     */
    ClusterAdmin(String nameServer, SocketFactory sockets, AclUser user) {
        this.nameServer = nameServer;
        this.sockets = sockets;
        this.user = user;
    }

    /**
     * Creates or updates {@code topic} on one broker, with {@code attributes} (none to leave them
     * be), and waits until the NameServer serves it.
     */
    void createTopic(
            String brokerAddress,
            String brokerName,
            String topic,
            int queues,
            Map<String, String> attributes) {
        updateTopic(brokerAddress, topic, queues, attributes);
        awaitNameServer(
                AdminCommands.GET_ROUTEINFO_BY_TOPIC,
                Map.of("topic", topic),
                // queue data fields are written in alphabetical order: brokerName, perm, ...
                "\"brokerName\":\"" + brokerName + "\",\"perm\"");
    }

    /**
     * Creates or updates {@code topic} on one broker without waiting for the NameServer: for a
     * slave, whose topics the NameServer does not serve.
     */
    void updateTopic(
            String brokerAddress, String topic, int queues, Map<String, String> attributes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("topic", topic);
        fields.put("defaultTopic", "TBW102");
        fields.put("readQueueNums", Integer.toString(queues));
        fields.put("writeQueueNums", Integer.toString(queues));
        fields.put("perm", "6");
        fields.put("topicFilterType", "SINGLE_TAG");
        fields.put("topicSysFlag", "0");
        fields.put("order", "false");
        if (!attributes.isEmpty()) {
            // the broker's AttributeParser format: +name=value, comma separated
            StringBuilder added = new StringBuilder();
            attributes.forEach(
                    (name, value) ->
                            added.append(added.isEmpty() ? "+" : ",+")
                                    .append(name)
                                    .append('=')
                                    .append(value));
            fields.put("attributes", added.toString());
        }
        AdminCommands.Response response =
                call(brokerAddress, AdminCommands.UPDATE_AND_CREATE_TOPIC, fields);
        if (response.code() != AdminCommands.SUCCESS) {
            throw new IllegalStateException(
                    "creating topic "
                            + topic
                            + " failed: "
                            + response.code()
                            + " "
                            + response.remark());
        }
    }

    /**
     * Creates the topic a cluster-mode Proxy (5.5.0) creates at start and gives up on unless the
     * NameServer serves it at once ({@code DefaultAdminService} checks three times without a
     * pause), which a loaded machine misses: created here first, the Proxy finds it.
     */
    void createProxySystemTopic(String brokerAddress, String brokerName) {
        createTopic(brokerAddress, brokerName, "DefaultHeartBeatSyncerTopic", 1, Map.of());
    }

    /**
     * Creates a normal ACL 2.0 user on a 5.3 broker, allowed to publish to {@code topics} and
     * nothing else.
     */
    void createPublisher(String brokerAddress, AclUser publisher, List<String> topics) {
        String user =
                "{\"username\":\""
                        + publisher.accessKey()
                        + "\",\"password\":\""
                        + publisher.secretKey()
                        + "\",\"userType\":\"Normal\"}";
        expectSuccess(
                "creating user " + publisher.accessKey(),
                call(
                        brokerAddress,
                        AdminCommands.AUTH_CREATE_USER,
                        Map.of("username", publisher.accessKey()),
                        user));
        String subject = "User:" + publisher.accessKey();
        StringBuilder entries = new StringBuilder();
        for (String topic : topics) {
            entries.append(entries.isEmpty() ? "" : ",")
                    .append("{\"resource\":\"Topic:")
                    .append(topic)
                    .append("\",\"actions\":[\"Pub\"],\"decision\":\"Allow\"}");
        }
        String acl =
                "{\"subject\":\""
                        + subject
                        + "\",\"policies\":[{\"policyType\":\"Custom\",\"entries\":["
                        + entries
                        + "]}]}";
        expectSuccess(
                "granting " + subject + " Pub on " + topics,
                call(
                        brokerAddress,
                        AdminCommands.AUTH_CREATE_ACL,
                        Map.of("subject", subject),
                        acl));
    }

    /** Returns once the broker answers a request, whatever the answer. */
    void awaitBrokerAnswers(String brokerAddress) {
        call(brokerAddress, AdminCommands.GET_BROKER_RUNTIME_INFO, Map.of());
    }

    private static void expectSuccess(String what, AdminCommands.Response response) {
        if (response.code() != AdminCommands.SUCCESS) {
            throw new IllegalStateException(
                    what + " failed: " + response.code() + " " + response.remark());
        }
    }

    /** Asks the NameServer until its answer to {@code code} contains {@code expected}. */
    void awaitNameServer(int code, Map<String, String> fields, String expected) {
        Instant deadline = Instant.now().plus(ROUTE_TIMEOUT);
        AdminCommands.Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = call(nameServer, code, fields);
            if (last.code() == AdminCommands.SUCCESS && last.body().contains(expected)) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(
                "NameServer "
                        + nameServer
                        + " does not serve '"
                        + expected
                        + "' after "
                        + ROUTE_TIMEOUT.toSeconds()
                        + " s; last answer: "
                        + last);
    }

    private AdminCommands.Response call(
            String address, int code, Map<String, String> fields, String body) {
        try {
            return AdminCommands.call(
                    address,
                    code,
                    fields,
                    body.getBytes(StandardCharsets.UTF_8),
                    ADMIN_TIMEOUT,
                    sockets,
                    user);
        } catch (IOException e) {
            throw new UncheckedIOException("request " + code + " to " + address + " failed", e);
        }
    }

    private AdminCommands.Response call(String address, int code, Map<String, String> fields) {
        try {
            return AdminCommands.call(address, code, fields, ADMIN_TIMEOUT, sockets, user);
        } catch (IOException e) {
            throw new UncheckedIOException("request " + code + " to " + address + " failed", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the NameServer", e);
        }
    }
}
