package io.liftoff.producer.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.FakeServer;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A name server on 127.0.0.1 that accepts connections and holds every route request unanswered
 * until the test says how to answer, for tests that something does not wait for a route look-up: a
 * real name server cannot be made to stall on cue. It counts the route requests of each topic, so
 * that a test can tell how many look-ups reached it. Requests other than route look-ups are never
 * answered. Public for tests of the producer above the route package.
 */
public final class StalledNameServer implements AutoCloseable {

    /** How long a test waits for a request to arrive: only a bound against hanging. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Object lock = new Object();
    // all guarded by lock
    private final List<Held> held = new ArrayList<>();
    private final Map<String, Integer> requests = new HashMap<>();
    // null while holding requests; then each topic's route JSON, absent ones have no route
    private Map<String, String> routes;

    private final FakeServer server;

    private record Held(Channel client, Command request) {}

    private StalledNameServer() {
        this.server = FakeServer.start(HeaderSerialization.JSON, this::received);
    }

    /** Starts a name server that holds every route request. */
    public static StalledNameServer start() {
        return new StalledNameServer();
    }

    /** The {@code 127.0.0.1:port} to use as the name-server address. */
    public String address() {
        return server.address();
    }

    /** How many route requests for {@code topic} arrived so far, answered or held. */
    public int requests(String topic) {
        synchronized (lock) {
            return requests.getOrDefault(topic, 0);
        }
    }

    /** Waits, a bounded time, until {@code count} route requests for {@code topic} arrived. */
    public void awaitRequests(String topic, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (lock) {
            while (requests.getOrDefault(topic, 0) < count) {
                long left = deadline - System.nanoTime();
                assertThat(left)
                        .as("%s route request(s) for topic '%s' within %s", count, topic, WAIT)
                        .isPositive();
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Stops holding: answers the held route requests and every later one with the route of its
     * topic in {@code routesByTopic}, or TOPIC_NOT_EXIST for a topic not in it.
     *
     * @param routesByTopic route JSON by topic, e.g. from {@link #route}
     */
    public void answer(Map<String, String> routesByTopic) {
        synchronized (lock) {
            routes = Map.copyOf(routesByTopic);
            held.forEach(request -> reply(request.client(), request.request()));
            held.clear();
        }
    }

    /** Answers the held route requests with SYSTEM_ERROR, and holds later ones again. */
    public void refuseHeld() {
        synchronized (lock) {
            held.forEach(
                    request ->
                            FakeServer.reply(
                                    request.client(),
                                    request.request(),
                                    FakeServer.response(ResponseCode.SYSTEM_ERROR, "stalled")));
            held.clear();
            routes = null;
        }
    }

    /** The route JSON of one broker, {@code brokerName} at {@code brokerAddress}, with queues. */
    public static String route(String brokerName, String brokerAddress, int queues) {
        return "{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\""
                + brokerAddress
                + "\"},\"brokerName\":\""
                + brokerName
                + "\",\"cluster\":\"DefaultCluster\"}],\"queueDatas\":[{\"brokerName\":\""
                + brokerName
                + "\",\"perm\":6,\"readQueueNums\":"
                + queues
                + ",\"topicSysFlag\":0,\"writeQueueNums\":"
                + queues
                + "}]}";
    }

    @Override
    public void close() {
        server.close();
    }

    private void received(Channel client, Command command) {
        if (command.code() != RequestCode.GET_ROUTEINFO_BY_TOPIC || command.isOneway()) {
            return;
        }
        synchronized (lock) {
            requests.merge(command.extField("topic"), 1, Integer::sum);
            lock.notifyAll();
            if (routes == null) {
                held.add(new Held(client, command));
            } else {
                reply(client, command);
            }
        }
    }

    // runs under lock
    private void reply(Channel client, Command request) {
        String route = routes.get(request.extField("topic"));
        FakeServer.reply(
                client,
                request,
                route == null
                        ? FakeServer.response(ResponseCode.TOPIC_NOT_EXIST, "no route")
                        : Command.response(
                                ResponseCode.SUCCESS,
                                null,
                                Map.of(),
                                route.getBytes(StandardCharsets.UTF_8)));
    }
}
