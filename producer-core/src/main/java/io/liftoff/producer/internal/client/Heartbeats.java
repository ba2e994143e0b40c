package io.liftoff.producer.internal.client;

import io.liftoff.producer.AccessDenial;
import io.liftoff.producer.EndpointStatus;
import io.liftoff.producer.internal.protocol.HeartbeatData;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.EndpointStatusTracker;
import io.liftoff.producer.internal.remoting.RemotingClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats register this client's producer groups with brokers and keep their connections from
 * idling out (brokers drop a producer 120 s after its last heartbeat). A broker gets one as soon as
 * it is first used and then on every {@link #sendToAll()}. Thread-safe.
 */
final class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final RemotingClient remoting;
    private final String clientId;
    private final Supplier<Set<String>> groups;
    private final Duration timeout;
    // broker address -> its first heartbeat, completed with the broker's protocol version
    private final Map<String, CompletableFuture<Integer>> greeted = new ConcurrentHashMap<>();
    private final EndpointStatusTracker statuses = new EndpointStatusTracker();

    Heartbeats(
            RemotingClient remoting,
            String clientId,
            Supplier<Set<String>> groups,
            Duration timeout) {
        this.remoting = remoting;
        this.clientId = clientId;
        this.groups = groups;
        this.timeout = timeout;
    }

    /**
     * Sends a heartbeat to {@code brokerAddress} unless it already had one; never blocks.
     *
     * @return the first heartbeat's outcome: the broker's protocol version (its {@code MQVersion}
     *     ordinal, e.g. 407 for 4.9.7, 479 for 5.3.3)
     */
    CompletableFuture<Integer> greet(String brokerAddress) {
        CompletableFuture<Integer> first = greeted.get(brokerAddress);
        if (first != null && !first.isCompletedExceptionally()) {
            return first;
        }
        // a failed first heartbeat is replaced on the next greeting, so the version is learnt
        CompletableFuture<Integer> fresh = new CompletableFuture<>();
        CompletableFuture<Integer> current =
                greeted.compute(
                        brokerAddress,
                        (address, existing) ->
                                existing != null && !existing.isCompletedExceptionally()
                                        ? existing
                                        : fresh);
        if (current == fresh) {
            send(brokerAddress)
                    .whenComplete(
                            (response, failure) -> {
                                if (failure != null) {
                                    fresh.completeExceptionally(failure);
                                } else {
                                    fresh.complete(response.version());
                                }
                            });
        }
        return current;
    }

    /** Sends a heartbeat to every broker this client has used. */
    void sendToAll() {
        greeted.keySet().forEach(this::send);
    }

    /** What the last heartbeat to {@code brokerAddress} showed. */
    EndpointStatus statusOf(String brokerAddress) {
        return statuses.statusOf(brokerAddress);
    }

    /** Stops heartbeats to every broker not in {@code brokerAddresses}, e.g. one that left. */
    void retainOnly(Set<String> brokerAddresses) {
        greeted.keySet().retainAll(brokerAddresses);
    }

    /** Addresses of every broker that had a heartbeat. */
    Set<String> brokers() {
        return Set.copyOf(greeted.keySet());
    }

    private CompletableFuture<Command> send(String brokerAddress) {
        Command request =
                Command.request(
                        RequestCode.HEART_BEAT,
                        Map.of(),
                        new HeartbeatData(clientId, groups.get()).toJson());
        long start = System.nanoTime();
        return remoting.invoke(brokerAddress, request, timeout)
                .whenComplete(
                        (response, failure) -> {
                            if (failure == null) {
                                statuses.answered(
                                        brokerAddress, Duration.ofNanos(System.nanoTime() - start));
                            } else {
                                statuses.failed(brokerAddress, failure.getMessage());
                            }
                            if (failure != null) {
                                log.warn(
                                        "Heartbeat to {} failed: {}",
                                        brokerAddress,
                                        failure.getMessage());
                            } else if (response.code() != ResponseCode.SUCCESS) {
                                log.warn(
                                        "Heartbeat to {} refused: {} {}{}",
                                        brokerAddress,
                                        ResponseCode.name(response.code()),
                                        response.remark(),
                                        accessHint(response));
                            }
                        });
    }

    /** Says what to check when ACL refused a heartbeat; empty otherwise. */
    private String accessHint(Command response) {
        AccessDenial denial = AccessDenial.of(response.code(), response.remark());
        return denial == AccessDenial.NONE
                ? ""
                : " (" + denial.explanation(remoting.credentials().orElse(null)) + ")";
    }
}
