package io.liftoff.producer.internal;

import io.liftoff.producer.ConnectionStatus;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendTimeoutException;
import io.liftoff.producer.internal.client.ClientInstance;
import io.liftoff.producer.internal.concurrent.Await;
import io.liftoff.producer.internal.concurrent.OrderedStarts;
import io.liftoff.producer.internal.fault.FaultAwareQueueSelector;
import io.liftoff.producer.internal.fault.LatencyFaultTolerance;
import io.liftoff.producer.internal.message.BodyCompression;
import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.message.PropertiesCodec;
import io.liftoff.producer.internal.message.UniqueIdGenerator;
import io.liftoff.producer.internal.remoting.WritableBody;
import io.liftoff.producer.internal.route.PublishSnapshot;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The way every send of one producer takes, in one place: {@link #send} lists its steps in order,
 * and each step is a plain call into the class that does it. A send that needs no answer takes
 * {@link #sendOneway}; a batch's parts join at {@link #startBatchPart}.
 *
 * <pre>
 * send ─ hooks.intercept ─ tracing.refuseTraceTopic ─ namespaces.outgoing ─ preparer.prepare
 *      ─ targets.of ─ backlog.awaitRoom ─ inFlight.acquire ─ SendOperation.start
 *          ├ target: targets.next (route, fault tolerance, room in the broker's SendWindow)
 *          ├ attempt: QueueLanes (batched, or one at a time for a sharding key) ─ MessageSender
 *          │     .send ─ RemotingClient.invoke ─ socket
 *          └ answer (event loop): SendOperation.attempted ─ AttemptRecorder.ended
 *                ─ RetryPolicy: another attempt, or end ─ inFlight.finished ─ outcome future
 *      ─ namespaces.incoming ─ tracing.stored (trace record) ─ hooks.completed (listeners)
 * </pre>
 *
 * Thread-safe.
 */
final class SendPipeline {

    private final ProducerConfig config;
    private final ClientInstance client;
    private final NamespaceMapper namespaces;
    private final Runnable requireOpen;
    private final SendHooks hooks;
    private final MessagePreparer preparer;
    private final MessageSender sender;
    private final LatencyFaultTolerance faults;
    private final SendWindows windows;
    private final SendTargets targets;
    // the sends that wait for their topic's first route, by topic
    private final OrderedStarts routeWaits = new OrderedStarts();
    private final InFlightSends inFlight;
    private final QueueLanes lanes;
    private final SendOperation.Engine engine;
    private final MessageTracing tracing;
    // the policies of most sends, made once
    private final RetryPolicy syncPolicy;
    private final RetryPolicy asyncPolicy;

    /**
     * @param wireGroup the producer's group as on the wire (namespaced)
     * @param requireOpen throws {@link io.liftoff.producer.ProducerClosedException} once the
     *     producer is closed
     */
    SendPipeline(
            ProducerConfig config,
            ClientInstance client,
            NamespaceMapper namespaces,
            String wireGroup,
            Runnable requireOpen) {
        this.config = config;
        this.client = client;
        this.namespaces = namespaces;
        this.requireOpen = requireOpen;
        this.hooks = new SendHooks(config.interceptors(), config.listeners());
        this.preparer =
                new MessagePreparer(
                        UniqueIdGenerator.shared(),
                        BodyCompression.of(
                                config.compressType(),
                                config.compressMessageBodyThreshold(),
                                config.compressLevel()),
                        config.maxMessageSize());
        this.sender = new MessageSender(client.remoting(), wireGroup);
        // an attempt never outlasts the send timeout, so a probe's outcome is in by then
        this.faults =
                config.sendLatencyFaultEnable()
                        ? LatencyFaultTolerance.of(config.latencyTiers(), config.sendTimeout())
                        : LatencyFaultTolerance.disabled();
        client.onBrokersChanged(wireGroup, faults::retainOnly);
        SendOperation.Delays delays = client.remoting()::schedule;
        this.windows =
                new SendWindows(
                        config.maxInFlightMessages(), client.remoting()::orderedExecutor, delays);
        this.targets =
                new SendTargets(
                        client, config, new FaultAwareQueueSelector(faults, windows), windows);
        this.inFlight = new InFlightSends(config.maxInFlightMessages(), config.maxInFlightBytes());
        this.lanes =
                new QueueLanes(
                        sender,
                        () -> QueueLanes.on(client.remoting().orderedLoop()),
                        config.autoBatch(),
                        QueueLanes.HOLD_AT,
                        QueueLanes.HOLD_AT_WHEN_WAITED);
        this.engine =
                new SendOperation.Engine(
                        lanes,
                        new AttemptRecorder(faults, client::refreshRouteSoon),
                        delays,
                        inFlight);
        this.syncPolicy = RetryPolicy.of(config.retryTimesWhenSendFailed(), config);
        this.asyncPolicy = RetryPolicy.of(config.retryTimesWhenSendAsyncFailed(), config);
        // the publisher sends only once records come, after this constructor returned
        this.tracing = MessageTracing.of(config, this::sendTrace);
    }

    /**
     * Runs one send: every step in the order it happens. Failures before the first attempt are
     * thrown (and told to the listeners); later ones fail the returned future.
     *
     * @param retries attempts that may follow a failed one (an orderly message gets none: it must
     *     not go to another queue)
     * @param extras what the send mode adds on the wire, e.g. the properties of a half message
     * @param completions completes the returned future: {@link SendOperation#ON_WAITING_CALLER} for
     *     a send that is waited for, the callback executor for an async one
     */
    CompletableFuture<SendResult> send(
            Message message, int retries, SendModeExtras extras, Executor completions) {
        Objects.requireNonNull(message, "message must not be null");
        long start = System.nanoTime();
        Message toSend = message;
        try {
            // 1. hooks: the interceptors may change or veto the message
            toSend = hooks.intercept(message);
            tracing.refuseTraceTopic(toSend.topic());
            // 2. namespace: the topic as the broker knows it
            Message onWire = namespaces.outgoing(toSend);
            // 3. validation and preparation, once for every attempt
            requireOpen.run();
            PreparedMessage prepared =
                    preparer.prepare(
                            onWire, namespaces.extras(extras), extras == SendModeExtras.NONE);
            // 4. the targets: the sharding key's queue, or any queue the fault tolerance allows,
            // once the route is known (the first send to a topic starts its look-up, no waiting)
            CompletableFuture<Void> ready =
                    targets.ready(onWire.topic(), onWire.deliveryTime() != null);
            SendOperation.Targets attemptTargets = targets.of(onWire);
            RetryPolicy policy = policy(toSend.shardingKey() != null ? 0 : retries);
            // 5. in-flight room; then attempt, outcome and retry run in the operation
            String routeKey =
                    onWire.deliveryTime() == null ? onWire.topic() : onWire.topic() + " (timer)";
            SendOperation operation =
                    start(prepared, ready, routeKey, attemptTargets, policy, completions);
            // 6. completion: the namespace off the result, the trace recorded, the listeners told
            return completion(operation, toSend, extras, start);
        } catch (RuntimeException e) {
            hooks.completed(toSend, null, e, start, 0);
            throw e;
        }
    }

    /**
     * Takes in-flight room, then starts the operation's first attempt, at once or, for a send that
     * waits for its topic's first route, once the route came, after the sends that waited before.
     *
     * @param ready completes once the targets can be chosen ({@link SendTargets#ready})
     * @param routeKey the route {@code ready} waits for: the topic, marked for a timer message
     * @throws io.liftoff.producer.BackPressureException when no room comes in time
     */
    private SendOperation start(
            PreparedMessage prepared,
            CompletableFuture<Void> ready,
            String routeKey,
            SendOperation.Targets attemptTargets,
            RetryPolicy policy,
            Executor completions) {
        // brokers that shed load hold new sends here, before their send timeout starts
        Duration backPressureLeft =
                windows.backlog().awaitRoom(config.backPressureTimeout(), config.sendTimeout());
        int permits = inFlight.acquire(prepared.bodyLength(), backPressureLeft);
        SendOperation operation =
                new SendOperation(engine, prepared, attemptTargets, policy, permits, completions);
        // listed before its first attempt; its end unlists it and returns the room
        inFlight.add(operation);
        if (ready == SendTargets.READY && routeWaits.isEmpty()) {
            operation.start();
            return operation;
        }
        // its budget runs meanwhile; nothing in start() blocks the event loop it may run on;
        // counted in the backlog so that a burst to a new topic is held at its callers too
        SendBacklog backlog = windows.backlog();
        backlog.routeLookUpStarted();
        routeWaits.startInOrder(
                routeKey,
                ready,
                failure -> {
                    // uncounted only once started: it waits in a window by then
                    try {
                        if (failure == null) {
                            operation.start();
                        } else {
                            operation.abort(asRuntime(MessageSender.unwrap(failure)));
                        }
                    } finally {
                        backlog.routeLookUpEnded();
                    }
                });
        return operation;
    }

    /**
     * The future the caller gets: the operation's own when nothing is to be done on completion (the
     * common case, no extra future); otherwise one that completes after the namespace is taken off
     * the result, the trace record is queued and the listeners ran. After, not beside: a caller
     * that closes the producer as soon as its send returned still gets that send traced, and its
     * listeners have heard it. A failure reaches the caller unwrapped, as the operation's.
     */
    private CompletableFuture<SendResult> completion(
            SendOperation operation, Message sent, SendModeExtras extras, long start) {
        CompletableFuture<SendResult> outcome = operation.outcome();
        if (!namespaces.isSet() && !tracing.isOn() && !hooks.hasListeners()) {
            return outcome;
        }
        CompletableFuture<SendResult> caller = new CompletableFuture<>();
        outcome.whenComplete(
                (stored, failure) -> {
                    if (failure != null) {
                        Throwable cause = MessageSender.unwrap(failure);
                        hooks.completed(sent, null, cause, start, operation.attempts());
                        caller.completeExceptionally(cause);
                        return;
                    }
                    SendResult result = namespaces.incoming(stored);
                    if (tracing.isOn()) {
                        tracing.stored(sent, extras.sysFlag(), result, operation, start);
                    }
                    hooks.completed(sent, result, null, start, operation.attempts());
                    caller.complete(result);
                });
        return caller;
    }

    /**
     * Sends {@code message} without waiting for an answer: one attempt, returning once the request
     * is written, and traced as written (see {@link MessageTracing#written}).
     */
    void sendOneway(Message message) {
        Objects.requireNonNull(message, "message must not be null");
        long start = System.nanoTime();
        Message toSend = message;
        try {
            toSend = hooks.intercept(message);
            tracing.refuseTraceTopic(toSend.topic());
            Message onWire = namespaces.outgoing(toSend);
            requireOpen.run();
            PreparedMessage prepared =
                    preparer.prepare(onWire, namespaces.extras(SendModeExtras.NONE), false);
            int permits = inFlight.acquire(prepared.bodyLength(), config.backPressureTimeout());
            String written;
            try {
                Await.outcome(
                        targets.ready(onWire.topic(), onWire.deliveryTime() != null),
                        config.sendTimeout(),
                        "route look-up of topic '" + onWire.topic() + "'",
                        e ->
                                new SendTimeoutException(
                                        "route look-up of topic '"
                                                + onWire.topic()
                                                + "' got no outcome in time",
                                        config.sendTimeout(),
                                        e));
                SendOperation.Target target = targets.of(onWire).next(onWire.topic(), null);
                written = target.address();
                Await.outcome(
                        sender.sendOneway(prepared, target.queue(), target.address()),
                        config.sendTimeout(),
                        "oneway send to topic '" + onWire.topic() + "'",
                        e ->
                                new SendTimeoutException(
                                        "oneway send to topic '"
                                                + onWire.topic()
                                                + "' got no outcome in time",
                                        config.sendTimeout(),
                                        e));
            } finally {
                inFlight.release(permits);
            }
            if (tracing.isOn()) {
                tracing.written(toSend, prepared, written, start);
            }
        } catch (RuntimeException e) {
            hooks.completed(toSend, null, e, start, 0);
            throw e;
        }
        hooks.completed(toSend, null, null, start, 1);
    }

    /** Starts the operation of one encoded part of a batch, which may go to any queue. */
    SendOperation startBatchPart(PreparedMessage part, int retries) {
        requireOpen.run();
        return start(
                part,
                targets.ready(part.topic(), false),
                part.topic(),
                targets.anyQueue(),
                policy(retries),
                Runnable::run);
    }

    /**
     * Sends one trace message as the trace publisher's sink: no hooks, no system-topic check (the
     * trace topic may be one), never traced itself, and not refused once the producer is closing,
     * so that close can send the last traces.
     *
     * @param keys the trace message's keys: the traced messages' ids and keys
     * @return completes when the broker stored it, on a Netty event loop
     */
    private CompletableFuture<SendResult> sendTrace(String topic, List<String> keys, byte[] body) {
        String id = UniqueIdGenerator.shared().next();
        Map<String, String> properties = new LinkedHashMap<>(4);
        properties.put(
                MessageProperties.KEYS,
                String.join(String.valueOf(MessageProperties.KEY_SEPARATOR), keys));
        properties.put(MessageProperties.UNIQ_KEY, id);
        properties.put(MessageProperties.WAIT_STORE_MSG_OK, "true");
        PreparedMessage prepared =
                PreparedMessage.single(
                        topic, id, PropertiesCodec.encode(properties), WritableBody.of(body), 0, 0);
        return start(
                        prepared,
                        targets.ready(topic, false),
                        topic,
                        targets.anyQueue(),
                        asyncPolicy,
                        Runnable::run)
                .outcome();
    }

    /** What automatic batching did so far; zeros when it is off. */
    AutoBatchCounts autoBatchCounts() {
        return lanes.counts();
    }

    /** This producer's message tracing; {@link MessageTracing#isOn()} is false when disabled. */
    MessageTracing tracing() {
        return tracing;
    }

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime
                ? runtime
                : new ProducerException("send failed: " + failure, failure);
    }

    /**
     * The policy of a send with {@code retries}: the async or sync one, made once, or a new one.
     */
    private RetryPolicy policy(int retries) {
        if (retries + 1 == asyncPolicy.maxAttempts()) {
            return asyncPolicy;
        }
        return retries + 1 == syncPolicy.maxAttempts()
                ? syncPolicy
                : RetryPolicy.of(retries, config);
    }

    /** The interceptors and listeners, for the batch sender. */
    SendHooks hooks() {
        return hooks;
    }

    /**
     * The snapshot of {@code topic}, cached or looked up now; see {@link SendTargets#publishInfo}.
     */
    PublishSnapshot publishInfo(String topic) {
        return targets.publishInfo(topic);
    }

    /** The send window of {@code brokerName}, for the connection status. */
    ConnectionStatus.SendWindowStatus windowStatus(String brokerName) {
        return windows.status(brokerName);
    }

    int inFlightMessages() {
        return inFlight.inFlightMessages();
    }

    long inFlightBytes() {
        return inFlight.inFlightBytes();
    }

    /** The broker faults this pipeline records. */
    LatencyFaultTolerance faults() {
        return faults;
    }

    /**
     * Waits for the sends in flight up to {@code timeout}, then fails those still running with a
     * failure of {@code failures}.
     */
    void drain(Duration timeout, Supplier<RuntimeException> failures) {
        if (inFlight.awaitEmpty(timeout)) {
            return;
        }
        List<SendOperation> running = inFlight.snapshot();
        running.forEach(operation -> operation.abort(failures.get()));
    }
}
