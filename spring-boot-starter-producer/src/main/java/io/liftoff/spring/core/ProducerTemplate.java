package io.liftoff.spring.core;

import io.liftoff.producer.LocalTransaction;
import io.liftoff.producer.Producer;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.TransactionSendResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.core.AbstractMessageSendingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.Assert;

/**
 * The default {@link ProducerOperations}: converts each payload with a {@link MessageConverter},
 * maps Spring message headers as {@link RocketMQHeaders} describes, and sends through a {@link
 * Producer}.
 *
 * <pre>{@code
 * template.send("orders:created", order);                     // JSON body, tag "created"
 * template.send("orders", MessageBuilder.withPayload(order)
 *         .setHeader(RocketMQHeaders.KEYS, order.id())
 *         .setHeader("region", "eu")                          // a user property
 *         .build());
 * template.sendOrderly("orders", order, order.customerId());
 * template.sendDelayed("reminders", text, Duration.ofMinutes(10));
 * template.convertAndSend("orders", order, Map.of(RocketMQHeaders.KEYS, order.id()));
 * }</pre>
 *
 * <p>As a Spring {@link org.springframework.messaging.core.MessageSendingOperations}, {@code
 * send(destination, message)} and the {@code convertAndSend} methods send synchronously and fail as
 * {@link #send(String, Object)} does; {@code send(message)} and {@code convertAndSend(payload)} go
 * to the {@linkplain #setDefaultDestination default destination}.
 *
 * <p>The converter is asked for a message from the payload alone (a {@code contentType} header does
 * not choose it), and must produce a {@code byte[]} or a {@code String} (sent as UTF-8). The
 * auto-configured converter writes {@code byte[]} as is, {@code String} as UTF-8, and other objects
 * as JSON with the application's {@code JsonMapper}. The template does not close the producer.
 * Thread-safe.
 */
public class ProducerTemplate extends AbstractMessageSendingTemplate<String>
        implements ProducerOperations {

    private static final Consumer<io.liftoff.producer.message.Message.Builder> UNCHANGED =
            (builder) -> {};

    private final Producer producer;
    private final ProducerHeaderMapper headerMapper;

    /**
     * Creates a template.
     *
     * @param producer the producer that sends; must not be {@code null}
     * @param messageConverter converts payloads to bodies; must not be {@code null}
     */
    public ProducerTemplate(Producer producer, MessageConverter messageConverter) {
        this(producer, messageConverter, ProducerHeaderMapper.standard());
    }

    /**
     * Creates a template that maps headers with {@code headerMapper}.
     *
     * @param producer the producer that sends; must not be {@code null}
     * @param messageConverter converts payloads to bodies; must not be {@code null}
     * @param headerMapper maps a Spring message's headers; must not be {@code null}
     */
    public ProducerTemplate(
            Producer producer,
            MessageConverter messageConverter,
            ProducerHeaderMapper headerMapper) {
        Assert.notNull(producer, "'producer' must not be null");
        Assert.notNull(messageConverter, "'messageConverter' must not be null");
        Assert.notNull(headerMapper, "'headerMapper' must not be null");
        this.producer = producer;
        this.headerMapper = headerMapper;
        setMessageConverter(messageConverter);
    }

    /** Returns the producer this template sends through. */
    public Producer getProducer() {
        return this.producer;
    }

    /** Returns the mapper of a Spring message's headers onto the messages this template sends. */
    public ProducerHeaderMapper getHeaderMapper() {
        return this.headerMapper;
    }

    @Override
    public SendResult send(String destination, Object payload) {
        return this.producer.send(toMessage(destination, payload, UNCHANGED));
    }

    /**
     * Sends a Spring message as {@link #send(String, Object)} does; the {@code send} and {@code
     * convertAndSend} methods of {@link AbstractMessageSendingTemplate} end here.
     */
    @Override
    protected void doSend(String destination, Message<?> message) {
        send(destination, (Object) message);
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(String destination, Object payload) {
        return this.producer.sendAsync(toMessage(destination, payload, UNCHANGED));
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(String destination, Message<?> message) {
        return sendAsync(destination, (Object) message);
    }

    @Override
    public void sendOneway(String destination, Object payload) {
        this.producer.sendOneway(toMessage(destination, payload, UNCHANGED));
    }

    @Override
    public void sendOneway(String destination, Message<?> message) {
        sendOneway(destination, (Object) message);
    }

    @Override
    public SendResult sendOrderly(String destination, Object payload, String shardingKey) {
        Assert.hasText(
                shardingKey, "'shardingKey' must not be empty; call send() for an unordered send");
        return this.producer.send(
                toMessage(destination, payload, (builder) -> builder.shardingKey(shardingKey)));
    }

    @Override
    public SendResult sendDelayed(String destination, Object payload, int delayLevel) {
        // clearing the delivery time lets the argument replace a delay given by headers
        return this.producer.send(
                toMessage(
                        destination,
                        payload,
                        (builder) -> builder.deliveryTime(null).delayLevel(delayLevel)));
    }

    @Override
    public SendResult sendDelayed(String destination, Object payload, Duration delay) {
        return this.producer.send(
                toMessage(
                        destination,
                        payload,
                        (builder) -> builder.delayLevel(0).deliverAfter(delay)));
    }

    @Override
    public SendResult sendDelayed(String destination, Object payload, Instant deliverAt) {
        return this.producer.send(
                toMessage(
                        destination,
                        payload,
                        (builder) -> builder.delayLevel(0).deliverAt(deliverAt)));
    }

    @Override
    public List<SendResult> sendBatch(String destination, Collection<?> payloads) {
        return this.producer.sendBatch(toMessages(destination, payloads));
    }

    @Override
    public TransactionSendResult sendInTransaction(
            String destination,
            Object payload,
            LocalTransaction localTransaction,
            @Nullable Object arg) {
        Assert.notNull(localTransaction, "'localTransaction' must not be null");
        return this.producer.sendInTransaction(
                toMessage(destination, payload, UNCHANGED), localTransaction, arg);
    }

    @Override
    public CompletableFuture<List<SendResult>> sendBatchAsync(
            String destination, Collection<?> payloads) {
        return this.producer.sendBatchAsync(toMessages(destination, payloads));
    }

    @Override
    public <T> T sendAndReceive(
            String destination, Object payload, Class<T> replyType, Duration timeout) {
        Assert.notNull(replyType, "'replyType' must not be null");
        return fromReply(
                this.producer.requestAndWait(toMessage(destination, payload, UNCHANGED), timeout),
                replyType);
    }

    @Override
    public <T> CompletableFuture<T> sendAndReceiveAsync(
            String destination, Object payload, Class<T> replyType, Duration timeout) {
        Assert.notNull(replyType, "'replyType' must not be null");
        return this.producer
                .request(toMessage(destination, payload, UNCHANGED), timeout)
                .thenApply((reply) -> fromReply(reply, replyType));
    }

    private <T> T fromReply(io.liftoff.producer.message.Message reply, Class<T> replyType) {
        Object converted =
                getMessageConverter()
                        .fromMessage(MessageBuilder.withPayload(reply.body()).build(), replyType);
        if (converted == null) {
            throw new MessageConversionException(
                    "No converter turns a reply into a "
                            + replyType.getName()
                            + "; ask for byte[] or String, or add Jackson 3 for JSON types");
        }
        return replyType.cast(converted);
    }

    private List<io.liftoff.producer.message.Message> toMessages(
            String destination, Collection<?> payloads) {
        Assert.notNull(payloads, "'payloads' must not be null");
        return payloads.stream()
                .map((payload) -> toMessage(destination, payload, UNCHANGED))
                .toList();
    }

    private io.liftoff.producer.message.Message toMessage(
            String destination,
            Object payload,
            Consumer<io.liftoff.producer.message.Message.Builder> change) {
        Assert.notNull(payload, "'payload' must not be null");
        Destination target = Destination.parse(destination);
        Map<String, ?> headers = Map.of();
        Object body = payload;
        if (payload instanceof Message<?> message) {
            headers = message.getHeaders();
            body = message.getPayload();
        }
        io.liftoff.producer.message.Message.Builder builder =
                this.headerMapper.toMessage(target.topic(), target.tags(), headers);
        setBody(builder, body);
        change.accept(builder);
        return builder.build();
    }

    /**
     * Sets the converted payload as the body. An array the converter made (JSON, a String's bytes)
     * belongs to this message alone and is kept without a copy; the caller's own byte[] payload is
     * copied, since the caller may reuse it.
     */
    private void setBody(io.liftoff.producer.message.Message.Builder builder, Object payload) {
        byte[] body = toBody(payload);
        if (body == payload) {
            builder.body(body);
        } else {
            builder.bodyWithoutCopy(body);
        }
    }

    private byte[] toBody(Object payload) {
        Message<?> converted = getMessageConverter().toMessage(payload, null);
        if (converted == null) {
            throw new MessageConversionException(
                    "No converter for a payload of type "
                            + payload.getClass().getName()
                            + "; send a byte[] or a String, or add Jackson 3"
                            + " (tools.jackson.core:jackson-databind) to send objects as JSON");
        }
        Object body = converted.getPayload();
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new MessageConversionException(
                "Converter "
                        + getMessageConverter().getClass().getName()
                        + " turned a "
                        + payload.getClass().getName()
                        + " into a "
                        + body.getClass().getName()
                        + "; it must produce a byte[] or a String");
    }
}
