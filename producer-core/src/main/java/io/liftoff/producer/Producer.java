package io.liftoff.producer;

import io.liftoff.producer.internal.DefaultProducer;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to Apache RocketMQ brokers. Create one with {@link #create(ProducerConfig)}, share
 * it between threads, and close it when the application stops.
 *
 * <pre>{@code
 * try (Producer producer = Producer.create(config)) {
 *     SendResult result = producer.send(Message.builder("orders").body("hello").build());
 * }
 * }</pre>
 *
 * <p>Delivery is at least once: a send that fails or times out may still have stored the message,
 * and a retry may then store it twice. Thread-safe.
 *
 * <h2>Which calls block, and for how long</h2>
 *
 * <ul>
 *   <li>{@link #sendAsync} and {@link #sendBatchAsync} never wait for the network: the first send
 *       to a topic starts the look-up of its route (and, for a timer message, of the brokers'
 *       versions) and goes out when it ends, on another thread. They wait only for room under
 *       back-pressure, at most {@link ProducerConfig#backPressureTimeout()}: when {@link
 *       ProducerConfig#maxInFlightMessages()} or {@link ProducerConfig#maxInFlightBytes()} is
 *       reached, or while brokers that shed load hold new sends back. Interceptors run on the
 *       calling thread.
 *   <li>{@link #send}, {@link #sendBatch} and {@link #recall} wait for the outcome, which {@link
 *       ProducerConfig#sendTimeout()} bounds, after the back-pressure wait above.
 *   <li>{@link #sendOneway} waits for back-pressure room, then for the route on the first send to a
 *       topic and for the write to the connection, each within {@link
 *       ProducerConfig#sendTimeout()}.
 *   <li>{@link #sendInTransaction} waits for the half message like {@link #send}, runs the local
 *       transaction on the calling thread, and then waits for the broker to take the decision,
 *       within {@link ProducerConfig#requestTimeout()}.
 *   <li>{@link #request} waits, before its first request to a topic, for the route and for each
 *       broker of it to register this client, within its {@code timeout}; {@link #requestAndWait}
 *       also waits for the reply. {@link #recallAsync} may look a topic's route up on its first
 *       use, within {@link ProducerConfig#requestTimeout()} per name server.
 *   <li>{@link #close} waits up to {@link ProducerConfig#drainTimeout()} for the sends in flight,
 *       and as long again for the callbacks of those it drained.
 *   <li>{@link #create} warms up: it looks up the routes of {@link ProducerConfig#warmUpTopics()}
 *       (without any, the cluster's brokers) and heartbeats their brokers, waiting for that at most
 *       {@link ProducerConfig#requestTimeout()} and a second; with {@link
 *       ProducerConfig#nameServerAddressUrl()} it also waits for the address server.
 *   <li>{@link #connectionStatus}, {@link #inFlightMessages}, {@link #inFlightBytes} and {@link
 *       #pendingRequests} never wait.
 * </ul>
 *
 * <p>The futures of async calls complete on {@link ProducerConfig#callbackExecutor()}, never on a
 * network thread, so a callback may block without stalling the producer.
 */
public interface Producer extends AutoCloseable {

    /**
     * Starts a producer: joins the process's client instance for the configured name servers,
     * registers the producer group, and warms up, so that {@link #connectionStatus()} reports every
     * broker from the start: the route of each of {@link ProducerConfig#warmUpTopics()} is looked
     * up and cached (its first send looks nothing up) and each of its masters is connected and
     * heartbeated; without warm-up topics, the brokers the name servers list are learnt and
     * heartbeated instead. It waits for the warm-up at most {@link ProducerConfig#requestTimeout()}
     * and a second; a warm-up that fails (name servers down, a topic without a route) is logged and
     * does not fail the start, and the connection status says what is wrong.
     *
     * @param config the settings, must not be {@code null}
     * @throws IllegalStateException when a producer of the same group already runs on that client
     * @throws ProducerException when the name servers come from an address server ({@code
     *     nameServerAddressUrl}) and it gives none
     */
    static Producer create(ProducerConfig config) {
        return DefaultProducer.start(config);
    }

    /**
     * Sends a message and waits until a broker stored it. A message with a {@link
     * Message#shardingKey() sharding key} goes to the queue {@link
     * ProducerConfig#orderlyQueueSelector()} picks for it, without fail-over to another queue;
     * other messages: a failed attempt is retried on another broker, up to {@link
     * ProducerConfig#retryTimesWhenSendFailed()} times, all within {@link
     * ProducerConfig#sendTimeout()}.
     *
     * @param message the message, must not be {@code null}
     * @return how and where the message was stored
     * @throws InvalidMessageException when the message can never be sent (nothing is sent)
     * @throws NoRouteException when the topic has no route and cannot be created
     * @throws BrokerRejectedException when a broker refuses the message for good
     * @throws SendTimeoutException when the time budget runs out; the message may be stored
     * @throws ProducerException for any other failure, with the cause attached
     */
    SendResult send(Message message);

    /**
     * Sends a message without waiting. Failed attempts are retried on another broker, up to {@link
     * ProducerConfig#retryTimesWhenSendAsyncFailed()} times, within {@link
     * ProducerConfig#sendTimeout()}.
     *
     * <p>This call never waits for the network, not even for the route of a topic's first send.
     * When {@link ProducerConfig#maxInFlightMessages()} or {@link
     * ProducerConfig#maxInFlightBytes()} is reached, it waits up to {@link
     * ProducerConfig#backPressureTimeout()} for room.
     *
     * @param message the message, must not be {@code null}
     * @return a future completed exactly once: with the result, or exceptionally with {@link
     *     BackPressureException}, {@link NoRouteException}, {@link BrokerRejectedException}, {@link
     *     SendTimeoutException}, {@link ProducerClosedException} (closed while in flight) or {@link
     *     ProducerException}. It completes on {@link ProducerConfig#callbackExecutor()}, never on a
     *     network thread.
     * @throws InvalidMessageException when the message can never be sent (nothing is sent)
     */
    CompletableFuture<SendResult> sendAsync(Message message);

    /**
     * Sends a message that the broker does not acknowledge; returns once it is written to the
     * connection. There is no retry and no way to learn whether the broker stored it.
     *
     * @param message the message, must not be {@code null}
     * @throws InvalidMessageException when the message can never be sent (nothing is sent)
     * @throws BackPressureException when the in-flight bounds stay full
     * @throws ProducerException when it could not be written, with the cause attached
     */
    void sendOneway(Message message);

    /**
     * Sends messages of one topic in as few requests as the size limit allows: the batch is split
     * into parts of at most {@link ProducerConfig#maxMessageSize()} bytes, sent side by side. Each
     * message keeps its own message id. Batches are neither compressed nor ordered.
     *
     * @param messages messages of one topic, without delay or delivery time, not empty
     * @return one result per message, in the order given
     * @throws InvalidMessageException when the batch can never be sent (nothing is sent): mixed
     *     topics, a delayed message, a retry topic, a message over the size limit
     * @throws ProducerException when a part failed; other parts may have been stored
     */
    List<SendResult> sendBatch(Collection<Message> messages);

    /**
     * Like {@link #sendBatch}, without waiting; the future completes on {@link
     * ProducerConfig#callbackExecutor()}.
     *
     * @throws InvalidMessageException when the batch can never be sent (nothing is sent)
     */
    CompletableFuture<List<SendResult>> sendBatchAsync(Collection<Message> messages);

    /**
     * Sends a transactional message: the broker stores it as a half message that consumers do not
     * see, then {@code localTransaction} runs, and its decision commits or rolls the message back.
     * If the decision is UNKNOWN or gets lost, the broker later asks {@link
     * ProducerConfig#transactionChecker()}.
     *
     * @param message the message, not delayed, must not be {@code null}
     * @param localTransaction the local work that decides, must not be {@code null}
     * @param arg passed to {@code localTransaction}, may be {@code null}
     * @return where the half message was stored and what was decided
     * @throws InvalidMessageException when the message can never be sent, or is delayed
     * @throws ProducerException when the half message was not stored (the local transaction did not
     *     run)
     */
    TransactionSendResult sendInTransaction(
            Message message, LocalTransaction localTransaction, Object arg);

    /**
     * What this producer's client last saw of its name servers and brokers, from its own recent
     * requests; costs no network round trip. For health checks.
     */
    ConnectionStatus connectionStatus();

    /** Messages sent and not yet answered; for metrics. */
    int inFlightMessages();

    /** Body bytes of messages sent and not yet answered; for metrics. */
    long inFlightBytes();

    /** The settings this producer runs with. */
    ProducerConfig config();

    /**
     * Stops the producer: later sends fail, sends in flight get up to {@link
     * ProducerConfig#drainTimeout()} to complete and then fail with {@link
     * ProducerClosedException}, the group is unregistered from the brokers, and the client instance
     * shuts down when no other producer uses it. Idempotent.
     */
    @Override
    void close();

    /**
     * Sends a request and completes when its reply arrives (request-reply, PROTOCOL.md §13). The
     * request is sent like {@link #sendAsync} (same retries, interceptors and listeners), carrying
     * the system properties {@code CORRELATION_ID} (a random UUID), {@code REPLY_TO_CLIENT} (this
     * client's id) and {@code TTL} (the timeout in ms). A responder answers with RocketMQ's {@code
     * MessageUtil.createReplyMessage(request, body)}; the broker pushes that reply to this client.
     *
     * <p>Before the first request to a broker, this call waits (at most {@code timeout}) until the
     * broker has had a heartbeat from this client, since the broker pushes replies only to clients
     * it knows.
     *
     * @param request the request, must not be {@code null}
     * @param timeout how long to wait for the reply, positive; it also bounds the heartbeat wait
     * @return a future completed exactly once, on {@link ProducerConfig#callbackExecutor()}, never
     *     on a network thread: with the reply (its topic is {@code <cluster>_REPLY_TOPIC}; tag,
     *     keys, user properties and the decompressed body as the responder set them, without
     *     RocketMQ's system properties), or exceptionally with {@link RequestTimeoutException} (no
     *     reply in time; a later reply is dropped), a send failure as for {@link #sendAsync},
     *     {@link ProducerClosedException} (the producer closed first), or {@link
     *     FeatureNotSupportedException} (nothing sent: the topic's route leads to a 5.x Proxy,
     *     which in remoting mode does not relay replies)
     * @throws io.liftoff.producer.message.InvalidMessageException when the request can never be
     *     sent (nothing is sent)
     * @throws IllegalArgumentException when {@code timeout} is {@code null} or not positive
     */
    CompletableFuture<Message> request(Message request, Duration timeout);

    /**
     * Like {@link #request(Message, Duration)}, waiting for the reply on the calling thread.
     *
     * @return the reply
     * @throws RequestTimeoutException when no reply arrived within {@code timeout}
     * @throws ProducerClosedException when the producer closed before the reply arrived
     * @throws FeatureNotSupportedException when the topic's route leads to a 5.x Proxy (nothing is
     *     sent)
     * @throws ProducerException when the request could not be sent, as for {@link #send}
     * @throws io.liftoff.producer.message.InvalidMessageException when the request can never be
     *     sent (nothing is sent)
     * @throws IllegalArgumentException when {@code timeout} is {@code null} or not positive
     */
    Message requestAndWait(Message request, Duration timeout);

    /** Requests of this producer that wait for their reply; for metrics. */
    int pendingRequests();

    /**
     * Recalls a timer message ({@link Message#deliveryTime()}) before it is delivered: the broker
     * named in the handle (5.3.2 or later, with {@code recallMessageEnable=true}) drops it. Waits
     * up to {@link ProducerConfig#sendTimeout()} for the broker's answer; a broker that sheds load
     * (SYSTEM_BUSY) is asked again within that time, as for a send.
     *
     * @param topic the topic the message was sent to, must not be {@code null}
     * @param recallHandle {@link SendResult#recallHandle()} of the message
     * @return the recalled message's id, as {@link SendResult#messageId()}
     * @throws IllegalArgumentException when the handle is malformed or belongs to another topic
     *     (nothing is sent)
     * @throws BrokerRejectedException when the broker refuses, e.g. ILLEGAL_OPERATION (604) with
     *     "timestamp invalid" once the message is due, or NO_PERMISSION (16) when recall is
     *     disabled on the broker
     * @throws ProducerException when the broker is unreachable or does not answer in time; the
     *     message may or may not be recalled
     */
    String recall(String topic, String recallHandle);

    /**
     * Like {@link #recall}, without waiting.
     *
     * @return a future completed on {@link ProducerConfig#callbackExecutor()} with the recalled
     *     message's id, or exceptionally as {@link #recall} throws
     * @throws IllegalArgumentException when the handle is malformed or belongs to another topic
     *     (nothing is sent)
     */
    CompletableFuture<String> recallAsync(String topic, String recallHandle);
}
