package io.liftoff.producer.internal;

import io.liftoff.producer.ConnectionStatus;
import io.liftoff.producer.LocalTransaction;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerClosedException;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendTimeoutException;
import io.liftoff.producer.TransactionSendResult;
import io.liftoff.producer.internal.client.ClientInstance;
import io.liftoff.producer.internal.client.ClientOptions;
import io.liftoff.producer.internal.concurrent.Await;
import io.liftoff.producer.internal.fault.LatencyFaultTolerance;
import io.liftoff.producer.internal.message.UniqueIdGenerator;
import io.liftoff.producer.internal.route.AddressServerException;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producer behind {@link Producer}: puts the parts together, hands each call to the part that
 * runs it, and closes them in order. Every message send runs through the {@link SendPipeline}; the
 * blocking calls wait for its future ({@link Await}).
 */
public final class DefaultProducer implements Producer {

    private final ProducerConfig config;
    private final ClientInstance client;
    private final NamespaceMapper namespaces;
    private final String wireGroup;
    private final CallbackExecutor callbacks;
    // completes async sends' futures off the event loops; made once, not per send
    private final Executor asyncCompletions;
    private final SendPipeline pipeline;
    private final BatchSender batches;
    private final TransactionalSender transactions;
    private final TransactionCheckResponder checkResponder;
    private final RequestReply requests;
    private final MessageRecaller recalls;
    private final AtomicBoolean closed = new AtomicBoolean();
    // how long a blocking send waits for its outcome, made once: no Duration per send
    private final Duration sendWait;

    private DefaultProducer(ProducerConfig config, ClientInstance client) {
        this.config = config;
        this.client = client;
        this.sendWait = config.sendTimeout().plus(Await.MARGIN);
        this.namespaces = NamespaceMapper.of(config);
        this.wireGroup = namespaces.group(config.group());
        this.callbacks = CallbackExecutor.of(config.callbackExecutor(), config.group());
        this.asyncCompletions = callbacks::execute;
        this.pipeline = new SendPipeline(config, client, namespaces, wireGroup, this::requireOpen);
        this.batches =
                new BatchSender(
                        pipeline,
                        pipeline.hooks(),
                        namespaces,
                        UniqueIdGenerator.shared(),
                        config.maxMessageSize());
        TransactionDecisions decisions = TransactionDecisions.withDefaults();
        this.transactions =
                new TransactionalSender(
                        client,
                        wireGroup,
                        config.requestTimeout(),
                        pipeline,
                        decisions,
                        config.retryTimesWhenSendFailed(),
                        config.sendTimeout());
        this.checkResponder =
                new TransactionCheckResponder(
                        config.transactionChecker(),
                        decisions,
                        client.remoting(),
                        wireGroup,
                        checkTraces(pipeline.tracing(), namespaces));
        client.onTransactionCheck(wireGroup, checkResponder);
        this.requests =
                new RequestReply(
                        client,
                        pipeline,
                        config.retryTimesWhenSendAsyncFailed(),
                        callbacks,
                        wireGroup,
                        config.maxMessageSize(),
                        this::requireOpen);
        this.recalls =
                new MessageRecaller(
                        client.remoting(),
                        pipeline::publishInfo,
                        callbacks,
                        wireGroup,
                        config.sendTimeout(),
                        this::requireOpen,
                        recallTraces(pipeline.tracing(), namespaces));
    }

    private static TransactionCheckResponder.CheckTraces checkTraces(
            MessageTracing tracing, NamespaceMapper namespaces) {
        if (!tracing.isOn()) {
            return null;
        }
        return (record, messageId, address, state) ->
                tracing.checkAnswered(
                        namespaces.unwrapTopic(record.topic()),
                        record.properties(),
                        messageId,
                        address,
                        state);
    }

    private static MessageRecaller.RecallTraces recallTraces(
            MessageTracing tracing, NamespaceMapper namespaces) {
        if (!tracing.isOn()) {
            return null;
        }
        return (topic, handle, region, recalled) ->
                tracing.recalled(namespaces.unwrapTopic(topic), handle, region, recalled);
    }

    /**
     * Starts a producer and warms it up ({@link WarmUp}); {@link Producer#create}.
     *
     * @throws ProducerException when the name servers of an address server cannot be had
     */
    public static Producer start(ProducerConfig config) {
        Objects.requireNonNull(config, "config must not be null");
        ClientInstance client;
        try {
            client = register(config);
        } catch (AddressServerException e) {
            throw new ProducerException(e.getMessage(), e);
        }
        DefaultProducer producer = new DefaultProducer(config, client);
        WarmUp.run(client, producer.namespaces, config);
        return producer;
    }

    private static ClientInstance register(ProducerConfig config) {
        return ClientInstance.register(
                new ClientOptions(
                        config.nameServerAddresses(),
                        config.instanceName(),
                        config.headerSerialization(),
                        config.requestTimeout(),
                        config.routeRefreshInterval(),
                        config.heartbeatInterval(),
                        config.defaultTopicQueueNums(),
                        config.tls(),
                        config.nameServerAddressUrl().orElse(null),
                        config.nameServerAddressRefreshInterval(),
                        config.credentials().orElse(null)),
                NamespaceMapper.of(config).group(config.group()));
    }

    @Override
    public SendResult send(Message message) {
        Objects.requireNonNull(message, "message must not be null");
        return Await.sendOutcome(
                pipeline.send(
                        message,
                        config.retryTimesWhenSendFailed(),
                        SendModeExtras.NONE,
                        SendOperation.ON_WAITING_CALLER),
                sendWait,
                config.sendTimeout(),
                message.topic());
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message) {
        try {
            // the operation's own future, completed on the callback executor
            return pipeline.send(
                    message,
                    config.retryTimesWhenSendAsyncFailed(),
                    SendModeExtras.NONE,
                    asyncCompletions);
        } catch (ProducerException e) {
            // conditions of the moment (back-pressure, closed, no route) fail the future; invalid
            // input is thrown, since no retry of the same call can fix it
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void sendOneway(Message message) {
        pipeline.sendOneway(message);
    }

    @Override
    public List<SendResult> sendBatch(Collection<Message> messages) {
        // parts run side by side, each within the send timeout
        return await(
                batches.send(messages, config.retryTimesWhenSendFailed(), Runnable::run),
                "batch send");
    }

    @Override
    public CompletableFuture<List<SendResult>> sendBatchAsync(Collection<Message> messages) {
        return batches.send(messages, config.retryTimesWhenSendAsyncFailed(), asyncCompletions);
    }

    @Override
    public TransactionSendResult sendInTransaction(
            Message message, LocalTransaction localTransaction, Object arg) {
        return transactions.send(message, localTransaction, arg);
    }

    /** Waits for a send whose own budget, the send timeout, completes it in time. */
    private <T> T await(CompletableFuture<T> outcome, String what) {
        return Await.outcome(
                outcome,
                sendWait,
                what,
                e ->
                        new SendTimeoutException(
                                what + " got no outcome in time", config.sendTimeout(), e));
    }

    @Override
    public CompletableFuture<Message> request(Message request, Duration timeout) {
        return requests.request(request, timeout);
    }

    @Override
    public Message requestAndWait(Message request, Duration timeout) {
        return requests.requestAndWait(request, timeout);
    }

    @Override
    public int pendingRequests() {
        return requests.pending();
    }

    @Override
    public String recall(String topic, String recallHandle) {
        Objects.requireNonNull(topic, "topic must not be null");
        return recalls.recall(namespaces.topic(topic), recallHandle);
    }

    @Override
    public CompletableFuture<String> recallAsync(String topic, String recallHandle) {
        Objects.requireNonNull(topic, "topic must not be null");
        return recalls.recallAsync(namespaces.topic(topic), recallHandle);
    }

    @Override
    public ConnectionStatus connectionStatus() {
        return client.connectionStatus(pipeline::windowStatus);
    }

    @Override
    public int inFlightMessages() {
        return pipeline.inFlightMessages();
    }

    @Override
    public long inFlightBytes() {
        return pipeline.inFlightBytes();
    }

    @Override
    public ProducerConfig config() {
        return config;
    }

    /**
     * Refuses new sends, fails requests waiting for replies, waits up to the drain timeout for the
     * sends in flight and fails those still running, waits for the callback threads to complete the
     * futures of the drained sends, sends the message traces that wait (up to the drain timeout
     * again), then lets the client go.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            requests.close();
            pipeline.drain(
                    config.drainTimeout(),
                    () ->
                            new ProducerClosedException(
                                    "producer of group '"
                                            + config.group()
                                            + "' closed before the send completed (drainTimeout "
                                            + config.drainTimeout().toMillis()
                                            + " ms); the message may or may not be stored"));
        } finally {
            callbacks.shutdown(config.drainTimeout());
            // every completion has run, so every trace record is queued: sent while the client
            // is still there
            pipeline.tracing().close(config.drainTimeout());
            client.releaseProducer(wireGroup);
            checkResponder.shutdown();
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new ProducerClosedException(
                    "producer of group '" + config.group() + "' is closed; create a new one");
        }
    }

    /**
     * Batch requests automatic batching sent so far, and the messages in them; for tests and
     * benchmarks that check batching happened.
     */
    public AutoBatchCounts autoBatchCounts() {
        return pipeline.autoBatchCounts();
    }

    /** The broker faults this producer records; for tests that watch isolation. */
    public LatencyFaultTolerance faults() {
        return pipeline.faults();
    }

    /** The shared client instance; for tests that watch connections and pending requests. */
    public ClientInstance client() {
        return client;
    }

    @Override
    public String toString() {
        return "Producer[group=" + config.group() + ", client=" + client.clientId() + "]";
    }
}
