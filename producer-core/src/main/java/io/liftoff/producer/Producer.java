package io.liftoff.producer;

import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;

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
 */
public interface Producer extends AutoCloseable {

    /**
     * Starts a producer: joins the process's client instance for the configured name servers and
     * registers the producer group. No connection is opened until the first send.
     *
     * @param config the settings, must not be {@code null}
     * @throws IllegalStateException when a producer of the same group already runs on that client
     */
    static Producer create(ProducerConfig config) {
        return DefaultProducer.start(config);
    }

    /**
     * Sends a message and waits until a broker stored it. A failed attempt is retried on another
     * broker, up to {@link ProducerConfig#retryTimesWhenSendFailed()} times, all within {@link
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

    /** The settings this producer runs with. */
    ProducerConfig config();

    /**
     * Stops the producer: later sends fail, the group is unregistered from the brokers, and the
     * client instance shuts down when no other producer uses it. Idempotent.
     */
    @Override
    void close();
}
