package io.liftoff.producer.internal;

import io.liftoff.producer.MessageTrace;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.TransactionState;
import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.message.MessageSysFlag;
import io.liftoff.producer.internal.protocol.RecallHandle;
import io.liftoff.producer.internal.protocol.SendMessageResponseHeader;
import io.liftoff.producer.internal.trace.TraceMessageType;
import io.liftoff.producer.internal.trace.TracePublisher;
import io.liftoff.producer.internal.trace.TraceRecord;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns what one producer does into message trace records, as the official client's trace hooks do,
 * and hands them to its {@link TracePublisher}: a Pub for each stored message, an EndTransaction
 * for each decision sent, a Recall for each recall answered, and a Pub for each oneway message
 * written. Sends that failed are not traced, nor messages whose broker answered {@code
 * TRACE_ON=false}. When tracing is off, {@link #isOn()} is false and callers skip it, so that it
 * costs a send nothing.
 *
 * <p>Topics and the group are recorded as the user named them, without namespace. Thread-safe.
 */
final class MessageTracing {

    private static final MessageTracing OFF = new MessageTracing(null, null, null);

    private final TracePublisher publisher;
    private final String group;
    private final String topic;

    private MessageTracing(TracePublisher publisher, String group, String topic) {
        this.publisher = publisher;
        this.group = group;
        this.topic = topic;
    }

    /**
     * The tracing {@code config} asks for; when on, its publisher sends through {@code sink}.
     *
     * @param sink sends a trace message without tracing it
     */
    static MessageTracing of(ProducerConfig config, TracePublisher.Sink sink) {
        MessageTrace trace = config.messageTrace();
        if (!trace.isEnabled()) {
            return OFF;
        }
        return new MessageTracing(
                new TracePublisher(
                        trace.topic(), sink, TracePublisher.Limits.DEFAULTS, config.group()),
                config.group(),
                trace.topic());
    }

    /** Whether records are made; when false every other method may be skipped. */
    boolean isOn() {
        return publisher != null;
    }

    /**
     * Refuses a user message to the trace topic, which holds only trace records.
     *
     * @throws InvalidMessageException if {@code messageTopic} is the trace topic
     */
    void refuseTraceTopic(String messageTopic) {
        if (topic != null && topic.equals(messageTopic)) {
            throw new InvalidMessageException(
                    "topic '"
                            + messageTopic
                            + "' is this producer's message trace topic, which holds only trace"
                            + " records (ProducerConfig.messageTrace); send to another topic, or"
                            + " trace to another one");
        }
    }

    /**
     * Records a stored message.
     *
     * @param sent the message as the user sent it (intercepted, without namespace)
     * @param sysFlag the system flags the send mode added
     * @param result its result, without namespace
     * @param operation the operation that stored it
     * @param startNanos when the send started, {@link System#nanoTime()}
     */
    void stored(
            Message sent,
            int sysFlag,
            SendResult result,
            SendOperation operation,
            long startNanos) {
        if (!operation.traceOn()) {
            return;
        }
        appendPub(sent, sysFlag, result, operation.address(), operation.bodyLength(), startNanos);
    }

    /**
     * Records a oneway message once written to the broker at {@code address}. Without an answer
     * there is no offset message id, region or trace switch to record: it has none, the default
     * region, and counts as a success. The official client traces no oneway send.
     *
     * @param sent the message as the user sent it (intercepted, without namespace)
     * @param prepared the message as written
     * @param startNanos when the send started, {@link System#nanoTime()}
     */
    void written(Message sent, PreparedMessage prepared, String address, long startNanos) {
        int cost = millisSince(startNanos);
        publisher.append(
                new TraceRecord.Pub(
                        System.currentTimeMillis() - cost,
                        SendMessageResponseHeader.DEFAULT_REGION,
                        group,
                        sent.topic(),
                        prepared.messageId(),
                        sent.tags(),
                        sent.keys(),
                        address,
                        prepared.bodyLength(),
                        cost,
                        typeOf(sent, prepared.sysFlag()),
                        "",
                        true));
    }

    /**
     * Records one stored message of a batch: each message gets its own record, found by its own id
     * (the official client writes one record for the whole batch, keyed by the joined ids, which no
     * look-up by id finds).
     */
    void storedInBatch(Message sent, SendResult result, SendOperation operation, long startNanos) {
        if (!operation.traceOn()) {
            return;
        }
        appendPub(sent, 0, result, operation.address(), sent.bodyLength(), startNanos);
    }

    private void appendPub(
            Message sent,
            int sysFlag,
            SendResult result,
            String address,
            int bodyLength,
            long startNanos) {
        int cost = millisSince(startNanos);
        publisher.append(
                new TraceRecord.Pub(
                        System.currentTimeMillis() - cost,
                        result.region(),
                        group,
                        sent.topic(),
                        result.messageId(),
                        sent.tags(),
                        sent.keys(),
                        address,
                        bodyLength,
                        cost,
                        typeOf(sent, sysFlag),
                        result.offsetMessageId(),
                        result.status() == SendStatus.SEND_OK));
    }

    /**
     * Records the decision on a transaction sent to the broker at {@code address}.
     *
     * @param message the half message as the user sent it
     * @param half the half message's result, without namespace
     */
    void transactionEnded(
            Message message, SendResult half, String address, TransactionState state) {
        publisher.append(
                new TraceRecord.EndTransaction(
                        System.currentTimeMillis(),
                        half.region(),
                        group,
                        message.topic(),
                        half.messageId(),
                        message.tags(),
                        message.keys(),
                        address,
                        half.messageId(),
                        stateName(state),
                        false));
    }

    /**
     * Records the decision sent in answer to a broker's check-back, from the checked message as the
     * broker sent it: its stored properties hold its tag, keys and region.
     *
     * @param topic the topic without namespace
     * @param address the broker the decision went to
     */
    void checkAnswered(
            String topic,
            Map<String, String> properties,
            String messageId,
            String address,
            TransactionState state) {
        String keys = properties.get(MessageProperties.KEYS);
        publisher.append(
                new TraceRecord.EndTransaction(
                        System.currentTimeMillis(),
                        properties.getOrDefault(
                                SendMessageResponseHeader.REGION,
                                SendMessageResponseHeader.DEFAULT_REGION),
                        group,
                        topic,
                        messageId,
                        properties.get(MessageProperties.TAGS),
                        keys == null || keys.isEmpty()
                                ? List.of()
                                : List.of(
                                        keys.split(
                                                String.valueOf(MessageProperties.KEY_SEPARATOR))),
                        address,
                        messageId,
                        stateName(state),
                        true));
    }

    /**
     * Records a recall the broker answered; a broker that names no region is not traced, as the
     * official client does.
     *
     * @param topic the topic without namespace
     * @param region the region of the answer, or {@code null}
     */
    void recalled(String topic, RecallHandle handle, String region, boolean success) {
        if (region == null) {
            return;
        }
        publisher.append(
                new TraceRecord.Recall(
                        System.currentTimeMillis(),
                        region,
                        group,
                        topic,
                        handle.messageId(),
                        success));
    }

    /** Sends the records that wait, waiting for them up to {@code timeout}. */
    void close(Duration timeout) {
        if (publisher != null) {
            publisher.close(timeout);
        }
    }

    /** The publisher, or {@code null} when off; for tests. */
    TracePublisher publisher() {
        return publisher;
    }

    private static TraceMessageType typeOf(Message message, int sysFlag) {
        if (message.delayLevel() > 0 || message.deliveryTime() != null) {
            return TraceMessageType.DELAY;
        }
        if ((sysFlag & MessageSysFlag.TRANSACTION_PREPARED) != 0) {
            return TraceMessageType.TRANSACTION_HALF;
        }
        return message.shardingKey() != null ? TraceMessageType.ORDER : TraceMessageType.NORMAL;
    }

    /** The official client's {@code LocalTransactionState} names. */
    private static String stateName(TransactionState state) {
        return switch (state) {
            case COMMIT -> "COMMIT_MESSAGE";
            case ROLLBACK -> "ROLLBACK_MESSAGE";
            case UNKNOWN -> "UNKNOW";
        };
    }

    private static int millisSince(long startNanos) {
        return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
