package io.liftoff.producer.internal.client;

import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.RemotingClient;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the replies that brokers push to this client (PUSH_REPLY_MESSAGE_TO_CLIENT) to the requests
 * waiting for them, by correlation id. A broker addresses a reply to a client id, not to a
 * producer, so there is one router per {@link ClientInstance}, shared by its producers.
 *
 * <p>Thread-safe. Replies are read and expiries run on one daemon thread of the router, never on a
 * Netty event loop; whoever waits should hop to its own executor before running user code.
 */
public final class ReplyRouter {

    private static final Logger log = LoggerFactory.getLogger(ReplyRouter.class);

    private final String clientId;
    private final ConcurrentMap<String, CompletableFuture<Message>> waiting =
            new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor thread;

    ReplyRouter(String clientId) {
        this.clientId = clientId;
        this.thread =
                new ScheduledThreadPoolExecutor(
                        1,
                        task -> {
                            Thread worker = new Thread(task, "liftoff-reply-" + clientId);
                            worker.setDaemon(true);
                            return worker;
                        });
        // answered requests cancel their expiry; without this the queue keeps them until due
        thread.setRemoveOnCancelPolicy(true);
    }

    /**
     * Waits for the reply that carries {@code correlationId}. However the returned future
     * completes, the id stops being awaited and a reply arriving later is dropped.
     *
     * @param correlationId the id the request carries as {@code CORRELATION_ID}; must not be {@code
     *     null} and must not be awaited already
     * @param timeout how long to wait; positive
     * @return a future completed once: with the reply, on the router's thread; exceptionally with
     *     {@link TimeoutException} when {@code timeout} passes first, or with {@link
     *     IllegalArgumentException} when the reply cannot be read; or by the caller, who may fail
     *     it (e.g. when the request could not be sent)
     * @throws IllegalArgumentException if {@code correlationId} is {@code null} or already awaited,
     *     or {@code timeout} is not positive
     * @throws IllegalStateException if the client instance is shut down
     */
    public CompletableFuture<Message> expect(String correlationId, Duration timeout) {
        if (correlationId == null) {
            throw new IllegalArgumentException("correlationId must not be null");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "timeout must be positive, was " + timeout + "; pass how long to wait");
        }
        CompletableFuture<Message> reply = new CompletableFuture<>();
        if (waiting.putIfAbsent(correlationId, reply) != null) {
            throw new IllegalArgumentException(
                    "correlation id '" + correlationId + "' is awaited already; use a fresh one");
        }
        ScheduledFuture<?> expiry;
        try {
            expiry =
                    thread.schedule(
                            () ->
                                    reply.completeExceptionally(
                                            new TimeoutException(
                                                    "no reply with correlation id '"
                                                            + correlationId
                                                            + "' within "
                                                            + timeout.toMillis()
                                                            + " ms")),
                            timeout.toNanos(),
                            TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            waiting.remove(correlationId, reply);
            throw new IllegalStateException(
                    "client " + clientId + " is shut down; create a new producer", e);
        }
        reply.whenComplete(
                (message, failure) -> {
                    waiting.remove(correlationId, reply);
                    expiry.cancel(false);
                });
        return reply;
    }

    /** How many correlation ids are awaited; for metrics and tests. */
    public int waiting() {
        return waiting.size();
    }

    /** Registers the router as the client's handler of pushed replies. */
    void serve(RemotingClient remoting) {
        remoting.registerHandler(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, this::handle, thread);
    }

    /**
     * Hands one pushed reply to its request. Every readable push is answered SUCCESS, whether or
     * not a request still waits for it, as the official client does: the broker cannot do better
     * with a late reply than drop it, which is what this client does.
     *
     * @throws IllegalArgumentException when the push's header is unreadable; the broker is then
     *     answered SYSTEM_ERROR
     */
    Command handle(Command push, String brokerAddress) {
        PushedReply pushed = PushedReply.read(push);
        String correlationId = pushed.correlationId();
        CompletableFuture<Message> reply =
                correlationId == null ? null : waiting.get(correlationId);
        if (correlationId == null) {
            log.warn(
                    "Dropped a reply from broker {} on topic '{}': it has no CORRELATION_ID",
                    brokerAddress,
                    pushed.header().topic());
        } else if (reply == null) {
            log.debug(
                    "Dropped a reply from broker {} with correlation id '{}': no request waits"
                            + " for it (it timed out, failed or its producer closed)",
                    brokerAddress,
                    correlationId);
        } else {
            complete(reply, pushed, brokerAddress);
        }
        return Command.response(ResponseCode.SUCCESS, null, Map.of(), null);
    }

    /** Fails every waiting request and stops the router's thread. Idempotent. */
    void close() {
        thread.shutdownNow();
        waiting.values()
                .forEach(
                        reply ->
                                reply.completeExceptionally(
                                        new IllegalStateException(
                                                "client "
                                                        + clientId
                                                        + " shut down before the reply"
                                                        + " arrived")));
    }

    private static void complete(
            CompletableFuture<Message> reply, PushedReply pushed, String brokerAddress) {
        Message message;
        try {
            message = pushed.toMessage();
        } catch (IllegalArgumentException e) {
            reply.completeExceptionally(
                    new IllegalArgumentException(
                            "the reply with correlation id '"
                                    + pushed.correlationId()
                                    + "' from broker "
                                    + brokerAddress
                                    + " cannot be read: "
                                    + e.getMessage(),
                            e));
            return;
        }
        reply.complete(message);
    }
}
