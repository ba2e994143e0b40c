package io.liftoff.spring.core;

import io.liftoff.producer.LocalTransaction;
import io.liftoff.producer.Producer;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.TransactionSendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.core.MessageSendingOperations;

/**
 * Sends payloads to RocketMQ destinations, converting them to message bodies. Implemented by {@link
 * ProducerTemplate}; depend on this interface to replace the template in tests.
 *
 * <p>A <em>destination</em> is {@code topic} or {@code topic:tags}. A <em>payload</em> is the body
 * ({@code byte[]} as is, {@code String} as UTF-8, other objects as the template's converter writes
 * them, JSON by default) or a Spring {@link Message}, whose headers are mapped as {@link
 * RocketMQHeaders} describes. Delivery is at least once, as with {@link Producer}.
 *
 * <p>Every method throws {@link IllegalArgumentException} for an invalid destination or header,
 * {@link org.springframework.messaging.converter.MessageConversionException} when the payload
 * cannot be converted, and {@link io.liftoff.producer.message.InvalidMessageException} for a
 * message the producer can never send; in all three cases nothing is sent. Failures of the send
 * itself are the {@link Producer}'s exceptions ({@link io.liftoff.producer.ProducerException} and
 * its subclasses), thrown or completing the future.
 *
 * <p>The {@link MessageSendingOperations} methods ({@code send}, {@code convertAndSend}, with
 * headers and post-processors) send synchronously, like {@link #send(String, Object)}, and return
 * nothing: {@code send(destination, (Object) message)} gives the {@link SendResult} of a Spring
 * message.
 */
public interface ProducerOperations extends MessageSendingOperations<String> {

    /**
     * Sends a payload and waits until a broker stored it.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}; must not be {@code null}
     * @return how and where the message was stored
     */
    SendResult send(String destination, Object payload);

    /**
     * Sends a payload without waiting.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}; must not be {@code null}
     * @return a future completed once, with the result or with the producer's failure, never on a
     *     network thread
     */
    CompletableFuture<SendResult> sendAsync(String destination, Object payload);

    /**
     * Sends a Spring message without waiting.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param message the message; must not be {@code null}
     * @return a future completed once, with the result or with the producer's failure
     */
    CompletableFuture<SendResult> sendAsync(String destination, Message<?> message);

    /**
     * Sends a payload that the broker does not acknowledge; returns once it is written. There is no
     * retry and no way to learn whether it was stored.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}; must not be {@code null}
     */
    void sendOneway(String destination, Object payload);

    /**
     * Sends a Spring message that the broker does not acknowledge; returns once it is written.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param message the message; must not be {@code null}
     */
    void sendOneway(String destination, Message<?> message);

    /**
     * Sends a payload to the queue its sharding key selects, so that the messages of one key stay
     * in order; there is no fail-over to another queue.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}; must not be {@code null}
     * @param shardingKey the key, e.g. an order id; wins over a {@link
     *     RocketMQHeaders#SHARDING_KEY} header
     * @return how and where the message was stored
     */
    SendResult sendOrderly(String destination, Object payload, String shardingKey);

    /**
     * Sends a payload that the broker delivers after one of its delay levels.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}; must not be {@code null}
     * @param delayLevel 1..18 (1 s, 5 s, 10 s, 30 s, 1 min, ... 2 h with the broker's default
     *     levels); replaces any delay given by headers
     * @return how and where the message was stored
     */
    SendResult sendDelayed(String destination, Object payload, int delayLevel);

    /**
     * Sends a payload that a 5.x broker delivers after a delay; brokers before 5.0 deliver at once.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}; must not be {@code null}
     * @param delay at most 3 days by the broker's default; replaces any delay given by headers
     * @return how and where the message was stored
     */
    SendResult sendDelayed(String destination, Object payload, Duration delay);

    /**
     * Sends a payload that a 5.x broker delivers at an instant; brokers before 5.0 deliver at once.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}; must not be {@code null}
     * @param deliverAt when to deliver; an instant in the past means at once. Replaces any delay
     *     given by headers
     * @return how and where the message was stored
     */
    SendResult sendDelayed(String destination, Object payload, Instant deliverAt);

    /**
     * Sends payloads to one destination in as few requests as the size limit allows.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payloads bodies or Spring {@link Message}s, none delayed; not empty
     * @return one result per payload, in the order given
     */
    List<SendResult> sendBatch(String destination, Collection<?> payloads);

    /**
     * Sends payloads to one destination in as few requests as the size limit allows, without
     * waiting.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payloads bodies or Spring {@link Message}s, none delayed; not empty
     * @return a future of one result per payload, in the order given
     */
    CompletableFuture<List<SendResult>> sendBatchAsync(String destination, Collection<?> payloads);

    /**
     * Sends a transactional message: the broker keeps it from consumers until {@code
     * localTransaction} decides to commit or roll it back.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}, not delayed; must not be {@code null}
     * @param localTransaction the local work that decides; must not be {@code null}
     * @param arg passed to {@code localTransaction}; may be {@code null}
     * @return where the half message was stored and what was decided
     */
    TransactionSendResult sendInTransaction(
            String destination,
            Object payload,
            LocalTransaction localTransaction,
            @Nullable Object arg);

    /**
     * Sends a request and waits for its reply (RocketMQ request-reply): the consumer of {@code
     * destination} answers with {@code MessageUtil.createReplyMessage}.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}; must not be {@code null}
     * @param replyType what to convert the reply's body to: {@code byte[]}, {@code String}, or a
     *     type read from JSON
     * @param timeout how long to wait for the reply; positive
     * @return the converted reply body
     * @throws io.liftoff.producer.RequestTimeoutException when no reply came in time
     */
    <T> T sendAndReceive(String destination, Object payload, Class<T> replyType, Duration timeout);

    /**
     * Sends a request without waiting for its reply.
     *
     * @param destination {@code topic} or {@code topic:tags}
     * @param payload the body or a Spring {@link Message}; must not be {@code null}
     * @param replyType what to convert the reply's body to
     * @param timeout how long to wait for the reply; positive
     * @return a future of the converted reply body, failed with {@link
     *     io.liftoff.producer.RequestTimeoutException} when no reply came in time
     */
    <T> CompletableFuture<T> sendAndReceiveAsync(
            String destination, Object payload, Class<T> replyType, Duration timeout);
}
