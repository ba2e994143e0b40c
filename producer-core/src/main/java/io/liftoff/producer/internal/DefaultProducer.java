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
import io.liftoff.producer.internal.fault.FaultAwareQueueSelector;
import io.liftoff.producer.internal.fault.LatencyFaultTolerance;
import io.liftoff.producer.internal.message.BodyCompression;
import io.liftoff.producer.internal.message.MessageValidator;
import io.liftoff.producer.internal.message.PropertiesCodec;
import io.liftoff.producer.internal.message.UniqueIdGenerator;
import io.liftoff.producer.internal.route.AddressServerException;
import io.liftoff.producer.message.Message;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producer behind {@link Producer}. Every send, sync or not, runs the same way: validate, take
 * room under the in-flight bounds, then a {@link SendOperation} that chooses queues and retries;
 * the sync API waits for its outcome.
 */
public final class DefaultProducer implements Producer {

    private static final Duration AWAIT_MARGIN = Duration.ofSeconds(1);

    private final ProducerConfig config;
    private final ClientInstance client;
    private final Namespacing namespacing;
    private final BodyCompression compression;
    private final String wireGroup;
    private final MessageSender sender;
    private final InFlightLimiter limiter;
    private final CallbackExecutor callbacks;
    private final SendHooks hooks;
    private final BatchSender batches;
    private final TransactionalSender transactions;
    private final TransactionCheckResponder checkResponder;
    private final RequestReply requests;
    private final MessageRecaller recalls;
    private final LatencyFaultTolerance faults;
    private final SendWindows windows;
    private final SendTargets targets;
    private final SendOperation.Attempt attempt;
    private final UniqueIdGenerator ids = UniqueIdGenerator.shared();
    private final InFlightSends inFlight;
    private final SendOperation.Finish leaveInFlight;
    private final SendOperation.Delays delays;
    // the policies of most sends, made once
    private final SendOperation.Policy syncPolicy;
    private final SendOperation.Policy asyncPolicy;
    // completes async sends' futures off the event loops; made once, not per send
    private final Executor asyncCompletions;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DefaultProducer(ProducerConfig config, ClientInstance client) {
        this.config = config;
        this.client = client;
        this.namespacing = Namespacing.of(config);
        this.compression =
                BodyCompression.zlib(config.compressMessageBodyThreshold(), config.compressLevel());
        this.wireGroup = namespacing.group(config.group());
        this.sender = new MessageSender(client.remoting(), wireGroup);
        // an attempt never outlasts the send timeout, so a probe's outcome is in by then
        this.faults =
                config.sendLatencyFaultEnable()
                        ? LatencyFaultTolerance.of(config.latencyTiers(), config.sendTimeout())
                        : LatencyFaultTolerance.disabled();
        this.delays = client.remoting()::schedule;
        this.windows =
                new SendWindows(config.maxInFlightMessages(), client.remoting()::execute, delays);
        this.targets =
                new SendTargets(
                        client, config, new FaultAwareQueueSelector(faults, windows), windows);
        this.attempt = new AttemptRecorder(sender::send, faults, client::refreshRouteSoon);
        client.onBrokersChanged(wireGroup, faults::retainOnly);
        this.limiter = new InFlightLimiter(config.maxInFlightMessages(), config.maxInFlightBytes());
        this.inFlight = new InFlightSends(limiter);
        this.leaveInFlight = inFlight::finished;
        this.syncPolicy = policyOf(config.retryTimesWhenSendFailed());
        this.asyncPolicy = policyOf(config.retryTimesWhenSendAsyncFailed());
        this.callbacks = CallbackExecutor.of(config.callbackExecutor(), config.group());
        this.asyncCompletions = callbacks::execute;
        this.hooks = new SendHooks(config.interceptors(), config.listeners());
        this.batches =
                new BatchSender(
                        this::startBatchPart, hooks, namespacing, ids, config.maxMessageSize());
        this.transactions =
                new TransactionalSender(
                        client,
                        wireGroup,
                        config.requestTimeout(),
                        (message, extras) ->
                                await(
                                        dispatch(
                                                message, config.retryTimesWhenSendFailed(), extras),
                                        "send to topic '" + message.topic() + "'",
                                        AWAIT_MARGIN));
        this.checkResponder =
                config.transactionChecker() == null
                        ? null
                        : new TransactionCheckResponder(
                                config.transactionChecker(), client.remoting(), wireGroup);
        if (checkResponder != null) {
            client.onTransactionCheck(wireGroup, checkResponder);
        }
        this.requests =
                new RequestReply(
                        client,
                        targets::publishInfo,
                        (message, extras) ->
                                dispatch(message, config.retryTimesWhenSendAsyncFailed(), extras),
                        callbacks,
                        wireGroup,
                        config.maxMessageSize(),
                        this::requireOpen);
        this.recalls =
                new MessageRecaller(
                        client.remoting(),
                        targets::publishInfo,
                        callbacks,
                        wireGroup,
                        config.sendTimeout(),
                        this::requireOpen);
    }

    /**
     * Starts a producer; {@link Producer#create}.
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
        return new DefaultProducer(config, client);
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
                Namespacing.of(config).group(config.group()));
    }

    @Override
    public SendResult send(Message message) {
        return await(
                dispatch(message, config.retryTimesWhenSendFailed()),
                "send to topic '" + message.topic() + "'",
                AWAIT_MARGIN);
    }

    @Override
    public TransactionSendResult sendInTransaction(
            Message message, LocalTransaction localTransaction, Object arg) {
        return transactions.send(message, localTransaction, arg);
    }

    /**
     * Waits for an outcome that the operation's own budget completes in time; the bound only guards
     * against a lost timer.
     *
     * @param what what the outcome is of, for errors
     * @param margin how long beyond the send timeout to wait
     */
    private <T> T await(CompletableFuture<T> outcome, String what, Duration margin) {
        try {
            return outcome.get(config.sendTimeout().plus(margin).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asProducerException(e.getCause());
        } catch (TimeoutException e) {
            throw new SendTimeoutException(
                    what + " got no outcome in time", config.sendTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProducerException("interrupted while waiting for the outcome of " + what, e);
        }
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message) {
        try {
            // the operation's own future, completed on the callback executor
            return dispatch(
                    message,
                    config.retryTimesWhenSendAsyncFailed(),
                    SystemExtras.NONE,
                    asyncCompletions);
        } catch (ProducerException e) {
            // conditions of the moment (back-pressure, closed, no route) fail the future; invalid
            // input is thrown, since no retry of the same call can fix it
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void sendOneway(Message message) {
        Objects.requireNonNull(message, "message must not be null");
        long start = System.nanoTime();
        Message toSend = message;
        try {
            toSend = hooks.intercept(message);
            writeOneway(namespacing.outgoing(toSend));
        } catch (RuntimeException e) {
            hooks.completed(toSend, null, e, start, 0);
            throw e;
        }
        hooks.completed(toSend, null, null, start, 1);
    }

    private void writeOneway(Message message) {
        PreparedMessage prepared = prepare(message, namespacing.extras(SystemExtras.NONE));
        int permits = limiter.acquire(prepared.bodyLength(), config.backPressureTimeout());
        try {
            SendOperation.Target target = targets.of(message).next(message.topic(), null);
            await(
                    sender.sendOneway(prepared, target.queue(), target.address()),
                    "oneway send to topic '" + message.topic() + "'",
                    Duration.ZERO);
        } finally {
            limiter.release(permits);
        }
    }

    @Override
    public List<SendResult> sendBatch(Collection<Message> messages) {
        // parts run side by side, each within the send timeout
        return await(
                batches.send(messages, config.retryTimesWhenSendFailed(), Runnable::run),
                "batch send",
                AWAIT_MARGIN);
    }

    @Override
    public CompletableFuture<List<SendResult>> sendBatchAsync(Collection<Message> messages) {
        return batches.send(messages, config.retryTimesWhenSendAsyncFailed(), callbacks::execute);
    }

    @Override
    public ConnectionStatus connectionStatus() {
        return client.connectionStatus(windows::status);
    }

    @Override
    public int inFlightMessages() {
        return limiter.inFlightMessages();
    }

    @Override
    public long inFlightBytes() {
        return limiter.inFlightBytes();
    }

    @Override
    public ProducerConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            requests.close();
            drain();
        } finally {
            client.releaseProducer(wireGroup);
            callbacks.shutdown(config.drainTimeout());
            if (checkResponder != null) {
                checkResponder.shutdown();
            }
        }
    }

    /** The broker faults this producer records; for tests that watch isolation. */
    public LatencyFaultTolerance faults() {
        return faults;
    }

    /** The shared client instance; for tests that watch connections and pending requests. */
    public ClientInstance client() {
        return client;
    }

    @Override
    public String toString() {
        return "Producer[group=" + config.group() + ", client=" + client.clientId() + "]";
    }

    /**
     * Intercepts, validates, takes in-flight room and starts the send; the outcome releases the
     * room and is told to the listeners, as is any failure before it.
     */
    private CompletableFuture<SendResult> dispatch(Message message, int retries) {
        return dispatch(message, retries, SystemExtras.NONE);
    }

    /**
     * Like {@link #dispatch(Message, int)}, with what a send mode adds on the wire.
     *
     * @param extras system properties and flags, e.g. those of a half message
     */
    CompletableFuture<SendResult> dispatch(Message message, int retries, SystemExtras extras) {
        return dispatch(message, retries, extras, Runnable::run);
    }

    /**
     * Like {@link #dispatch(Message, int, SystemExtras)}, with the executor that completes the
     * returned future.
     */
    private CompletableFuture<SendResult> dispatch(
            Message message, int retries, SystemExtras extras, Executor completions) {
        Objects.requireNonNull(message, "message must not be null");
        long start = System.nanoTime();
        Message toSend = message;
        try {
            toSend = hooks.intercept(message);
            Message onWire = namespacing.outgoing(toSend);
            PreparedMessage prepared = prepare(onWire, namespacing.extras(extras));
            // ordered: always the key's queue, never another one, so no retry elsewhere
            int attemptsAfterFailure = toSend.shardingKey() != null ? 0 : retries;
            SendOperation operation =
                    start(prepared, targets.of(onWire), attemptsAfterFailure, completions);
            // Stages only where they do something: each costs a future and a completion step.
            CompletableFuture<SendResult> outcome = operation.outcome();
            if (namespacing.isSet()) {
                outcome = outcome.thenApply(namespacing::incoming);
            }
            if (hooks.hasListeners()) {
                Message sent = toSend;
                outcome.whenComplete(
                        (result, failure) ->
                                hooks.completed(
                                        sent,
                                        result,
                                        failure == null ? null : MessageSender.unwrap(failure),
                                        start,
                                        operation.attempts()));
            }
            return outcome;
        } catch (RuntimeException e) {
            hooks.completed(toSend, null, e, start, 0);
            throw e;
        }
    }

    private SendOperation start(
            PreparedMessage prepared,
            SendOperation.Targets attemptTargets,
            int retries,
            Executor completions) {
        // brokers that shed load hold new sends here, before their send timeout starts
        Duration backPressureLeft =
                windows.backlog().awaitRoom(config.backPressureTimeout(), config.sendTimeout());
        int permits = limiter.acquire(prepared.bodyLength(), backPressureLeft);
        SendOperation operation =
                new SendOperation(
                        prepared,
                        attemptTargets,
                        attempt,
                        delays,
                        policy(retries),
                        permits,
                        leaveInFlight,
                        completions);
        // listed before its first attempt; its end unlists it and returns the room
        inFlight.add(operation);
        operation.start();
        return operation;
    }

    /**
     * The policy of a send with {@code retries}: the async or sync one, made once, or a new one.
     */
    private SendOperation.Policy policy(int retries) {
        if (retries == asyncPolicy.retries()) {
            return asyncPolicy;
        }
        return retries == syncPolicy.retries() ? syncPolicy : policyOf(retries);
    }

    private SendOperation.Policy policyOf(int retries) {
        return new SendOperation.Policy(
                retries,
                config.sendTimeout(),
                config.attemptTimeout().orElse(null),
                config.retryAnotherBrokerWhenNotStoreOk());
    }

    /**
     * Validates and encodes a message once for all its attempts.
     *
     * @param extras system properties and flags a send mode adds (transactions, request-reply)
     */
    PreparedMessage prepare(Message message, SystemExtras extras) {
        Objects.requireNonNull(message, "message must not be null");
        requireOpen();
        MessageValidator.validateForSend(message, config.maxMessageSize());
        String messageId = ids.next();
        // Most messages carry only WAIT and UNIQ_KEY: their property string is never built.
        boolean idLast = PropertiesCodec.onlyWaitAndUniqueKey(message, extras.properties());
        String properties =
                idLast
                        ? PropertiesCodec.startBeforeUniqueKey(message)
                        : PropertiesCodec.encodeForSend(message, messageId, extras.properties());
        BodyCompression compression = this.compression;
        ByteBuffer body;
        int sysFlag = extras.sysFlag();
        // Most bodies are below the threshold: they skip the Compressed wrapper and its views.
        if (message.bodyLength() < compression.threshold()) {
            body = BodyCompression.sendView(message);
        } else {
            BodyCompression.Compressed compressed = compression.compress(message);
            body = compressed.bodyBuffer();
            sysFlag |= compressed.sysFlag();
        }
        return idLast
                ? PreparedMessage.singleWithIdLast(
                        message.topic(), messageId, properties, body, sysFlag, message.flag())
                : PreparedMessage.single(
                        message.topic(), messageId, properties, body, sysFlag, message.flag());
    }

    private SendOperation startBatchPart(PreparedMessage part, int retries) {
        requireOpen();
        return start(part, targets.anyQueue(), retries, Runnable::run);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new ProducerClosedException(
                    "producer of group '" + config.group() + "' is closed; create a new one");
        }
    }

    /** Waits for sends in flight up to the drain timeout, then fails those still running. */
    private void drain() {
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (SendOperation operation : inFlight.snapshot()) {
            operation.abort(
                    new ProducerClosedException(
                            "producer of group '"
                                    + config.group()
                                    + "' closed before the send completed (drainTimeout "
                                    + config.drainTimeout().toMillis()
                                    + " ms); the message may or may not be stored"));
        }
    }

    private static RuntimeException asProducerException(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ProducerException("send failed: " + failure, failure);
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
        return recalls.recall(namespacing.topic(topic), recallHandle);
    }

    @Override
    public CompletableFuture<String> recallAsync(String topic, String recallHandle) {
        Objects.requireNonNull(topic, "topic must not be null");
        return recalls.recallAsync(namespacing.topic(topic), recallHandle);
    }
}
