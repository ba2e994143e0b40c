package io.liftoff.producer.internal;

import io.liftoff.producer.FeatureNotSupportedException;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerClosedException;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.RequestTimeoutException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.internal.client.ClientInstance;
import io.liftoff.producer.internal.concurrent.Await;
import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.message.MessageValidator;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Request-reply (PROTOCOL.md §13): a request is sent like any message, with the system properties
 * that let a responder answer it ({@code CORRELATION_ID}, {@code REPLY_TO_CLIENT}, {@code TTL}),
 * and its future completes with the reply the broker pushes to this client, which the client's
 * shared {@link io.liftoff.producer.internal.client.ReplyRouter} hands over by correlation id. One
 * per producer. Thread-safe.
 */
final class RequestReply {

    private final ClientInstance client;
    private final SendPipeline pipeline;
    private final int retries;
    private final CallbackExecutor callbacks;
    private final String group;
    private final int maxMessageSize;
    private final Runnable requireOpen;
    // correlation id -> the router's future of a request of this producer still waiting
    private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();

    /**
     * @param client the client whose id brokers push replies to; must not be {@code null}
     * @param pipeline sends the requests, and knows each topic's writable brokers
     * @param retries attempts that may follow a failed one, per request
     * @param callbacks runs the completions of the returned futures
     * @param group the producer's group, for error messages
     * @param maxMessageSize the producer's limit, checked before anything goes on the wire
     * @param requireOpen throws {@link ProducerClosedException} once the producer is closed
     */
    RequestReply(
            ClientInstance client,
            SendPipeline pipeline,
            int retries,
            CallbackExecutor callbacks,
            String group,
            int maxMessageSize,
            Runnable requireOpen) {
        this.client = client;
        this.pipeline = pipeline;
        this.retries = retries;
        this.callbacks = callbacks;
        this.group = group;
        this.maxMessageSize = maxMessageSize;
        this.requireOpen = requireOpen;
    }

    /** See {@link Producer#request(Message, Duration)}. */
    CompletableFuture<Message> request(Message request, Duration timeout) {
        return start(request, timeout, UUID.randomUUID().toString());
    }

    /** See {@link Producer#requestAndWait(Message, Duration)}. */
    Message requestAndWait(Message request, Duration timeout) {
        String correlationId = UUID.randomUUID().toString();
        CompletableFuture<Message> reply = start(request, timeout, correlationId);
        return Await.outcome(
                reply,
                timeout.plus(Await.MARGIN),
                "request '" + correlationId + "'",
                e -> timedOut(request.topic(), correlationId, timeout, e));
    }

    /** Requests of this producer that wait for their reply. */
    int pending() {
        return pending.size();
    }

    /** Fails every request of this producer that still waits for its reply. */
    void close() {
        pending.forEach(
                (correlationId, reply) ->
                        reply.completeExceptionally(
                                new ProducerClosedException(
                                        "producer of group '"
                                                + group
                                                + "' closed while request '"
                                                + correlationId
                                                + "' waited for its reply")));
    }

    private CompletableFuture<Message> start(
            Message request, Duration timeout, String correlationId) {
        Objects.requireNonNull(request, "request must not be null");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "timeout must be positive, was "
                            + timeout
                            + "; pass how long to wait for the reply, e.g. Duration.ofSeconds(3)");
        }
        // before the heartbeats below go out; the send checks the message again after interceptors
        MessageValidator.validateForSend(request, maxMessageSize);
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Message> reply;
        try {
            requireOpen.run();
            awaitHeartbeats(request.topic(), correlationId, timeout, deadline);
            // at least a nanosecond, so that a spent budget times out like any other
            reply =
                    client.replies()
                            .expect(
                                    correlationId,
                                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } catch (ProducerException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(new ProducerException(e.getMessage(), e));
        }
        pending.put(correlationId, reply);
        CompletableFuture<Message> outcome = new CompletableFuture<>();
        reply.whenComplete(
                (message, failure) -> {
                    pending.remove(correlationId);
                    callbacks.execute(
                            () -> {
                                if (failure == null) {
                                    outcome.complete(message);
                                } else {
                                    outcome.completeExceptionally(
                                            describe(
                                                    failure,
                                                    request.topic(),
                                                    correlationId,
                                                    timeout));
                                }
                            });
                });
        send(request, timeout, correlationId, reply);
        return outcome;
    }

    /** Sends the request; a send that fails fails the request at once. */
    private void send(
            Message request,
            Duration timeout,
            String correlationId,
            CompletableFuture<Message> reply) {
        SendModeExtras extras =
                new SendModeExtras(
                        Map.of(
                                MessageProperties.CORRELATION_ID,
                                correlationId,
                                MessageProperties.MESSAGE_REPLY_TO_CLIENT,
                                client.clientId(),
                                MessageProperties.MESSAGE_TTL,
                                Long.toString(timeout.toMillis())),
                        0);
        CompletableFuture<SendResult> sent;
        try {
            sent = pipeline.send(request, retries, extras, Runnable::run);
        } catch (ProducerException e) {
            reply.completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            // invalid input is thrown to the caller, as by sendAsync; nobody waits any more
            reply.completeExceptionally(e);
            throw e;
        }
        sent.whenComplete(
                (result, failure) -> {
                    if (failure != null) {
                        reply.completeExceptionally(MessageSender.unwrap(failure));
                    }
                });
    }

    /**
     * Waits until every broker the request may go to has had a heartbeat from this client: a broker
     * pushes a reply only to a client id it registered from a heartbeat.
     *
     * @throws FeatureNotSupportedException when the route leads to a 5.x Proxy, whose broker has no
     *     connection to this client to push the reply on
     */
    private void awaitHeartbeats(
            String topic, String correlationId, Duration timeout, long deadline) {
        for (String address : pipeline.publishInfo(topic).masterAddresses().values()) {
            if (client.routes().isProxy(address)) {
                // 5.5.0: ProxyClientRemotingProcessor relays transaction checks only
                throw new FeatureNotSupportedException(
                        "request '"
                                + correlationId
                                + "' to topic '"
                                + topic
                                + "' not sent: "
                                + address
                                + " is a RocketMQ 5.x Proxy, and a Proxy in remoting mode does not"
                                + " relay the reply the broker pushes to the requester, so it could"
                                + " only time out. Send requests through the NameServer and"
                                + " brokers directly");
            }
            CompletableFuture<Integer> greeted =
                    client.ensureHeartbeat(address)
                            .exceptionally(
                                    failure -> {
                                        Throwable cause = MessageSender.unwrap(failure);
                                        throw new CompletionException(
                                                new ProducerException(
                                                        "broker "
                                                                + address
                                                                + " did not take the heartbeat"
                                                                + " that tells it where to push"
                                                                + " the reply to request '"
                                                                + correlationId
                                                                + "' to topic '"
                                                                + topic
                                                                + "': "
                                                                + cause.getMessage(),
                                                        cause));
                                    });
            Await.outcome(
                    greeted,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                    "request '" + correlationId + "' waiting for a heartbeat to " + address,
                    e ->
                            new RequestTimeoutException(
                                    "request '"
                                            + correlationId
                                            + "' to topic '"
                                            + topic
                                            + "' ran out of its "
                                            + timeout.toMillis()
                                            + " ms before broker "
                                            + address
                                            + " answered the heartbeat that tells it where to"
                                            + " push the reply",
                                    correlationId,
                                    timeout,
                                    e));
        }
    }

    private static RuntimeException describe(
            Throwable failure, String topic, String correlationId, Duration timeout) {
        Throwable cause = MessageSender.unwrap(failure);
        if (cause instanceof TimeoutException) {
            return timedOut(topic, correlationId, timeout, cause);
        }
        if (cause instanceof ProducerException producerException) {
            return producerException;
        }
        return new ProducerException(
                "request '" + correlationId + "' to topic '" + topic + "' failed: " + cause, cause);
    }

    private static RequestTimeoutException timedOut(
            String topic, String correlationId, Duration timeout, Throwable cause) {
        return new RequestTimeoutException(
                "no reply to request '"
                        + correlationId
                        + "' to topic '"
                        + topic
                        + "' within "
                        + timeout.toMillis()
                        + " ms; a reply arriving later is dropped",
                correlationId,
                timeout,
                cause);
    }
}
