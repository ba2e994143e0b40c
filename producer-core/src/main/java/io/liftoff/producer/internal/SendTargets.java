package io.liftoff.producer.internal;

import io.liftoff.producer.FeatureNotSupportedException;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.NoRouteException;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.internal.client.ClientInstance;
import io.liftoff.producer.internal.fault.FaultAwareQueueSelector;
import io.liftoff.producer.internal.route.PublishSnapshot;
import io.liftoff.producer.internal.route.RouteLookupException;
import io.liftoff.producer.message.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where the attempts of a send go: the route of its topic, then the queue of its sharding key, or
 * the next queue of a broker the fault tolerance lets through, one with room in its send window
 * where there is one. Thread-safe.
 */
final class SendTargets {

    // what ready() returns when nothing needs looking up: shared, never handed to users
    /** What {@link #ready} returns when the route is cached: nothing to wait for. */
    static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

    private final ClientInstance client;
    private final ProducerConfig config;
    private final FaultAwareQueueSelector selector;
    private final SendWindows windows;
    private final SendOperation.Targets anyQueue = this::next;
    // Targets are values: the last one made for a queue serves again while the route keeps the
    // queue's master where it was, which saves an object per attempt (windows are never replaced).
    // As many entries as queues sent to, like the route cache.
    private final ConcurrentMap<MessageQueue, SendOperation.Target> lastTargets =
            new ConcurrentHashMap<>();

    SendTargets(
            ClientInstance client,
            ProducerConfig config,
            FaultAwareQueueSelector selector,
            SendWindows windows) {
        this.client = client;
        this.config = config;
        this.selector = selector;
        this.windows = windows;
    }

    /**
     * Completes once the attempts to {@code topic} can choose their targets without blocking: the
     * topic's route is cached and, for a timer message, every broker of it is known to support
     * timers. The first send to a topic starts the look-up here, which concurrent first sends
     * share; later ones find everything known and get a future that is complete already.
     *
     * @param topic the topic as on the wire (namespaced)
     * @param timer whether the message has a delivery time, which brokers before 5.0 ignore
     * @return completes on a remoting event loop, or is complete already; fails with {@link
     *     NoRouteException}, a {@link ProducerException} when no name server answers, or {@link
     *     FeatureNotSupportedException} when a broker lacks timers
     */
    CompletableFuture<Void> ready(String topic, boolean timer) {
        PublishSnapshot cached = client.routes().cached(topic);
        if (!timer && cached != null && !cached.isEmpty()) {
            return READY;
        }
        CompletableFuture<PublishSnapshot> route =
                client.routes()
                        .publishInfoAsync(topic)
                        .handle(
                                (found, failure) -> {
                                    if (failure != null) {
                                        throw new CompletionException(
                                                lookUpFailure(MessageSender.unwrap(failure)));
                                    }
                                    return writable(
                                            found.orElseThrow(
                                                    () ->
                                                            new NoRouteException(
                                                                    topic, config.nameServer())));
                                });
        if (!timer) {
            return route.thenApply(snapshot -> null);
        }
        return route.thenCompose(
                snapshot ->
                        TimerBrokerCheck.timerBrokersReady(
                                client::ensureHeartbeat, snapshot, config.requestTimeout()));
    }

    /**
     * The targets of {@code message}'s attempts, once {@link #ready} completed for it.
     *
     * @param message the message as it goes on the wire (namespaced topic)
     */
    SendOperation.Targets of(Message message) {
        if (message.shardingKey() != null) {
            return (topic, failedBroker) -> orderly(message);
        }
        return anyQueue;
    }

    /** The targets of attempts that may go to any queue of their topic; one for all sends. */
    SendOperation.Targets anyQueue() {
        return anyQueue;
    }

    /**
     * The snapshot of {@code topic}, cached or looked up now; it may have no writable queue, and
     * still tells where the topic's brokers are (to end a transaction or recall a message).
     *
     * @throws NoRouteException when neither the topic nor the auto-create template has a route
     * @throws ProducerException when no name server answers
     */
    PublishSnapshot publishInfo(String topic) {
        try {
            return client.routes()
                    .publishInfo(topic)
                    .orElseThrow(() -> new NoRouteException(topic, config.nameServer()));
        } catch (RouteLookupException e) {
            throw lookUpFailure(e);
        }
    }

    /**
     * {@code snapshot} if it has a queue to write to; else fails the send, and asks for a fresh
     * route, as the official client looks the route up again on each send while it has none.
     *
     * @throws NoRouteException when no queue of the topic takes writes now
     */
    private PublishSnapshot writable(PublishSnapshot snapshot) {
        if (snapshot.isEmpty()) {
            client.routes().refreshSoon(snapshot.topic(), null);
            throw NoRouteException.noWritableQueue(snapshot.topic(), snapshot.readOnlyBrokers());
        }
        return snapshot;
    }

    /**
     * A failed look-up as the caller sees it: a name-server outage is a {@link ProducerException}.
     */
    private static RuntimeException lookUpFailure(Throwable failure) {
        if (failure instanceof RouteLookupException lookUp) {
            return new ProducerException(lookUp.getMessage(), lookUp);
        }
        return failure instanceof RuntimeException runtime
                ? runtime
                : new ProducerException("route look-up failed: " + failure, failure);
    }

    private SendOperation.Target orderly(Message message) {
        PublishSnapshot snapshot = writable(publishInfo(message.topic()));
        MessageQueue queue = config.orderlyQueueSelector().select(snapshot.queues(), message);
        if (queue == null || !snapshot.queues().contains(queue)) {
            throw new ProducerException(
                    "orderlyQueueSelector "
                            + config.orderlyQueueSelector()
                            + " returned "
                            + queue
                            + ", which is not a writable queue of topic '"
                            + message.topic()
                            + "'; it must return one of the queues it is given");
        }
        // an orderly retry keeps the key's queue, so it goes back to the same broker
        return targetOf(snapshot, queue, true);
    }

    private SendOperation.Target next(String topic, String failedBroker) {
        PublishSnapshot snapshot = writable(publishInfo(topic));
        return targetOf(
                snapshot, selector.select(snapshot, failedBroker), snapshot.brokerCount() == 1);
    }

    private SendOperation.Target targetOf(
            PublishSnapshot snapshot, MessageQueue queue, boolean sameBrokerOnRetry) {
        String address = snapshot.masterAddress(queue.brokerName());
        client.ensureHeartbeat(address);
        SendOperation.Target last = lastTargets.get(queue);
        if (last != null
                && last.address().equals(address)
                && last.sameBrokerOnRetry() == sameBrokerOnRetry) {
            return last;
        }
        SendOperation.Target target =
                new SendOperation.Target(
                        queue, address, windows.of(queue.brokerName()), sameBrokerOnRetry);
        lastTargets.put(queue, target);
        return target;
    }
}
